// The per-request security headers the proxy (proxy.ts) sets on every page: a Content Security
// Policy whose scripts run only with this response's nonce, and HSTS when the request came over TLS.
// Static headers that need no request (frame, sniffing, referrer, COOP/CORP) are in next.config.js.
import { PEER_TLS_HEADER } from './server-hooks';

/** A fresh nonce per response: 16 random bytes, base64 (an attacker cannot guess the next one). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * Scripts: only those carrying the nonce (Next puts it on its own inline and bundle scripts, the
 * root layout on the theme script), plus what they load ('strict-dynamic'); no 'unsafe-inline'.
 * Styles keep 'unsafe-inline': components set style attributes (chart sizes, Radix positions),
 * which a nonce cannot cover, and a style cannot run code. `next dev` needs eval for its
 * refresh runtime; a production build does not.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** HSTS for two years; sent only on a response to a TLS request (over plain HTTP it means nothing). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Whether the browser reached us over TLS: through a trusted reverse proxy that terminated TLS and
 * says so in X-Forwarded-Proto (SWITCHYARD_TRUST_PROXY), or directly on a TLS socket (stamped by
 * the server, lib/http/server-hooks.ts). Never from the request URL: Next builds its scheme from a
 * client's own X-Forwarded-Proto, so without a trusted proxy that header means nothing.
 */
export function cameOverTls(headers: Headers, trustProxy: boolean): boolean {
  if (trustProxy) {
    const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto) return proto === 'https';
  }
  return headers.get(PEER_TLS_HEADER) === '1';
}
