import { getEnv } from '../env';
import { forbidden } from '../errors';
import type { Actor } from './actor';
import { getTokenActor } from './api-tokens';
import { getSessionActor, SESSION_COOKIE } from './sessions';

export type Authenticated = { actor: Actor; via: 'session' | 'token' };

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Bearer token first (scripts, agents), then the session cookie (browser). */
export async function authenticateRequest(req: Request): Promise<Authenticated | null> {
  const authorization = req.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match?.[1] ? await getTokenActor(match[1]) : null;
    return actor ? { actor, via: 'token' } : null;
  }
  const session = readCookie(req.headers.get('cookie'), SESSION_COOKIE);
  if (!session) return null;
  const actor = await getSessionActor(session);
  return actor ? { actor, via: 'session' } : null;
}

export function clientIp(req: Request): string {
  if (getEnv().SWITCHYARD_TRUST_PROXY) {
    const forwarded = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return req.headers.get('x-real-ip') ?? 'local';
}

export function isSecureRequest(req: Request): boolean {
  const forced = getEnv().SWITCHYARD_SECURE_COOKIES;
  if (forced !== undefined) return forced;
  if (getEnv().SWITCHYARD_TRUST_PROXY && req.headers.get('x-forwarded-proto') === 'https') return true;
  return new URL(req.url).protocol === 'https:';
}

/**
 * Cookie-authenticated mutations must come from our own pages (CSRF defence; route handlers get
 * no automatic protection). Browsers send Origin on every non-GET fetch and form post.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  if (!origin) throw forbidden('Missing Origin header on a cookie-authenticated request');
  const host =
    (getEnv().SWITCHYARD_TRUST_PROXY && req.headers.get('x-forwarded-host')) || req.headers.get('host');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw forbidden('Malformed Origin header');
  }
  const allowed = getEnv()
    .SWITCHYARD_ALLOWED_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (originHost !== host && !allowed.includes(origin)) {
    throw forbidden(`Cross-origin request from ${origin} refused`);
  }
}
