import { getEnv } from '../env';
import { forbidden } from '../errors';
import { PEER_ADDRESS_HEADER, PEER_TLS_HEADER } from '../http/server-hooks';
import type { Actor } from './actor';
import { getTokenActor } from './api-tokens';
import { readSessionCookie } from './session-cookie';
import { getSessionActor } from './sessions';

export type Authenticated = { actor: Actor; via: 'session' | 'token' };

/** Bearer token first (scripts, agents), then the session cookie (browser). */
export async function authenticateRequest(req: Request): Promise<Authenticated | null> {
  const authorization = req.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match?.[1] ? await getTokenActor(match[1]) : null;
    return actor ? { actor: { ...actor, ip: clientIp(req) }, via: 'token' } : null;
  }
  const session = readSessionCookie(req.headers.get('cookie'));
  if (!session) return null;
  const actor = await getSessionActor(session);
  return actor ? { actor: { ...actor, ip: clientIp(req) }, via: 'session' } : null;
}

/**
 * The address throttling and the audit log use. Without a trusted proxy it is the connection's own
 * address (stamped by the server into PEER_ADDRESS_HEADER, see lib/http/server-hooks.ts): a client's
 * X-Real-IP / X-Forwarded-For are ignored, or an attacker would rotate them. Behind a trusted proxy
 * it is the address that proxy appended last to X-Forwarded-For (or set as X-Real-IP).
 */
export function clientIp(req: Request): string {
  if (getEnv().SWITCHYARD_TRUST_PROXY) {
    const forwarded = req.headers
      .get('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    const real = req.headers.get('x-real-ip')?.trim();
    if (forwarded || real) return (forwarded || real) as string;
  }
  return req.headers.get(PEER_ADDRESS_HEADER) || 'unknown';
}

export function isSecureRequest(req: Request): boolean {
  const forced = getEnv().SWITCHYARD_SECURE_COOKIES;
  if (forced !== undefined) return forced;
  if (getEnv().SWITCHYARD_TRUST_PROXY && req.headers.get('x-forwarded-proto') === 'https') return true;
  return directScheme(req) === 'https';
}

/**
 * The scheme of the connection itself. Under our server it is the socket's (PEER_TLS_HEADER, stamped
 * by lib/http/server-hooks.ts): Next builds `req.url`'s scheme from a client's own X-Forwarded-Proto,
 * so without a trusted proxy the URL could claim https over plain HTTP. A Request built elsewhere
 * (tests, scripts) has no stamp and is taken at its URL.
 */
function directScheme(req: Request): 'http' | 'https' {
  const stamped = req.headers.get(PEER_TLS_HEADER);
  if (stamped !== null) return stamped === '1' ? 'https' : 'http';
  return new URL(req.url).protocol === 'https:' ? 'https' : 'http';
}

/** This server's own origin as the browser sees it: scheme, host and port (behind a trusted proxy, its view). */
export function ownOrigin(req: Request): string | null {
  const trust = getEnv().SWITCHYARD_TRUST_PROXY;
  const host = (trust && req.headers.get('x-forwarded-host')) || req.headers.get('host');
  if (!host) return null;
  const forwardedProto = trust ? req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : directScheme(req);
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Cookie-authenticated mutations must come from our own pages (CSRF defence; route handlers get
 * no automatic protection). Browsers send Origin on every non-GET fetch and form post. The whole
 * origin is compared — scheme, host and port — so a page on http://same-host (or another port of
 * it) cannot drive the https:// application.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  if (!origin) throw forbidden('Missing Origin header on a cookie-authenticated request');
  let normalised: string;
  try {
    normalised = new URL(origin).origin;
  } catch {
    throw forbidden('Malformed Origin header');
  }
  const allowed = getEnv()
    .SWITCHYARD_ALLOWED_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (normalised === 'null' || (normalised !== ownOrigin(req) && !allowed.includes(normalised))) {
    throw forbidden('Cross-origin request refused');
  }
}
