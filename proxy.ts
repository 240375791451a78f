// Optimistic redirect only: pages without a session cookie go to /login before rendering.
// Real authorization happens in every page and data function (lib/auth/page.ts, lib/*),
// never here alone (CVE-2025-29927 showed why).
import { type NextRequest, NextResponse } from 'next/server';

export function proxy(request: NextRequest) {
  if (!request.cookies.has('sy_session')) {
    const url = new URL('/login', request.url);
    if (request.nextUrl.pathname !== '/')
      url.searchParams.set('next', request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  // Not the API (it answers 401 itself; ingest bodies must not be buffered by the proxy),
  // not the sign-in page, not static assets.
  matcher: [
    '/((?!api|login|metrics|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|webmanifest)$).*)',
  ],
};
