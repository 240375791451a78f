import { SESSION_COOKIE, SESSION_MAX_AGE_S } from './sessions';

/**
 * The session token from a Cookie header. A value that is not valid percent-encoding (`%E0%A4%A`)
 * reads as no cookie, so it ends as 401 like any unknown session instead of a thrown URIError.
 */
export function readSessionCookie(header: string | null): string | undefined {
  return readCookie(header, SESSION_COOKIE);
}

/** One cookie's value from a Cookie header (undefined when absent, empty or badly encoded). */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('=')) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_S}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
