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
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
          // No page may frame us (clickjacking); no other origin may open us in its window group or
          // load our responses as resources. The script CSP with nonces is not done yet (issue #13).
          {
            key: 'Content-Security-Policy',
            value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
          },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
