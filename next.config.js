// A self-hosted, offline tool: Next.js usage telemetry stays off for every command that loads
// this file (dev, build, start). Next reads the variable after loading the config.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native or WASM modules that must be loaded by Node at run time, not bundled.
  serverExternalPackages: [
    'better-sqlite3',
    '@node-rs/argon2',
    '@prisma/schema-engine-wasm',
    'pg',
    'highs',
    'pdfkit',
    'exceljs',
  ],
  async headers() {
    const everywhere = [
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'same-origin' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
      // No other origin may open us in its window group or load our responses as resources.
      { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
      { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
    ];
    // Pages get their CSP (scripts by per-request nonce) and HSTS from proxy.ts; the API and
    // /metrics, which the proxy does not see, get this script-free one (HSTS: lib/http/route.ts).
    const noDocument = {
      key: 'Content-Security-Policy',
      value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    };
    return [
      { source: '/:path*', headers: everywhere },
      { source: '/api/:path*', headers: [noDocument] },
      { source: '/metrics', headers: [noDocument] },
    ];
  },
};

export default nextConfig;
