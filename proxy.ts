// Two jobs, both before a page renders:
// - per-request security headers: a script CSP with a fresh nonce (Next reads it from the request's
//   Content-Security-Policy header and puts it on its own scripts; the root layout reads x-nonce for
//   the theme script), and HSTS when the request came over TLS (lib/http/security-headers.ts);
// - an optimistic redirect to /login for pages without a session cookie. Real authorization happens
//   in every page and data function (lib/auth/page.ts, lib/*), never here alone (CVE-2025-29927
//   showed why).
import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { cameOverTls, contentSecurityPolicy, HSTS, newNonce } from '@/lib/http/security-headers';

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const { pathname, search } = request.nextUrl;
  let response: NextResponse;
  if (pathname !== '/login' && !request.cookies.has('sy_session')) {
    const url = new URL('/login', request.url);
    if (pathname !== '/') url.searchParams.set('next', pathname + search);
    response = NextResponse.redirect(url);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('content-security-policy', csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set('content-security-policy', csp);
  if (cameOverTls(request.headers, getEnv().SWITCHYARD_TRUST_PROXY))
    response.headers.set('strict-transport-security', HSTS);
  return response;
}

export const config = {
  // Pages and the sign-in page. Not the API (it answers 401 itself; ingest bodies must not be
  // buffered by the proxy; its headers come from next.config.js and lib/http/route.ts), not
  // /metrics, not static assets.
  matcher: ['/((?!api|metrics|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|webmanifest)$).*)'],
};
