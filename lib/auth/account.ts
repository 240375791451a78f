import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { getDb } from '../db/client';
import { AppError, badRequest, notFound, tooManyRequests, unauthorized } from '../errors';
import type { Actor } from './actor';
import { hitRateLimit, rateLimitCount } from './rate-limit';
import { assertSameOrigin, clientIp } from './request';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, sha256Hex, verifyPassword } from './secrets';
import { readSessionCookie } from './session-cookie';
import { getSessionActor } from './sessions';

/** Wrong current passwords allowed per user per window before the change is refused for a while. */
const PASSWORD_CHANGE_LIMIT = 5;
const PASSWORD_CHANGE_WINDOW_MS = 15 * 60 * 1000;

export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password').max(MAX_PASSWORD_LENGTH),
  newPassword: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH),
});
export type PasswordChange = z.infer<typeof PasswordChange>;

/** The public id of a session is its stored id (SHA-256 of the cookie token): it cannot be turned back into a cookie. */
export function sessionIdOf(token: string): string {
  return sha256Hex(token);
}

/**
 * The signed-in user changes their own password: the current one is required (throttled per user),
 * and every other session of the user ends, so a stolen cookie stops working.
 */
export async function changeOwnPassword(
  actor: Actor,
  currentSessionId: string,
  input: PasswordChange,
  now = Date.now(),
): Promise<{ sessionsEnded: number }> {
  if (actor.kind !== 'user' || actor.id === null) throw badRequest('Only a signed-in user has a password');
  const data = PasswordChange.parse(input);
  const key = `password-change:${actor.id}`;
  if ((await rateLimitCount(key, PASSWORD_CHANGE_WINDOW_MS, now)) >= PASSWORD_CHANGE_LIMIT)
    throw tooManyRequests((PASSWORD_CHANGE_WINDOW_MS - (now % PASSWORD_CHANGE_WINDOW_MS)) / 1000);
  const user = await getDb().user.findUnique({ where: { id: actor.id } });
  if (!user) throw badRequest('Unknown user');
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    const waitS = await hitRateLimit(key, PASSWORD_CHANGE_LIMIT, PASSWORD_CHANGE_WINDOW_MS, now);
    await recordAudit(actor, 'auth.password_change_failed', `user:${actor.id}`);
    if (waitS > 0) throw tooManyRequests(waitS);
    throw new AppError(400, 'invalid_credentials', 'The current password is incorrect', [
      { path: 'currentPassword', message: 'The current password is incorrect' },
    ]);
  }
  if (data.newPassword === data.currentPassword)
    throw badRequest('Choose a new password', [
      { path: 'newPassword', message: 'The new password must differ from the current one' },
    ]);
  await getDb().user.update({
    where: { id: actor.id },
    data: { passwordHash: await hashPassword(data.newPassword) },
  });
  const ended = await getDb().session.deleteMany({
    where: { userId: actor.id, id: { not: currentSessionId } },
  });
  await recordAudit(actor, 'auth.password_change', `user:${actor.id}`, { sessionsEnded: ended.count });
  return { sessionsEnded: ended.count };
}

export type SessionView = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
};

/** The caller's own sessions, newest activity first. Tokens have none. */
export async function listOwnSessions(actor: Actor, currentSessionId: string | null): Promise<SessionView[]> {
  if (actor.kind !== 'user' || actor.id === null) return [];
  const rows = await getDb().session.findMany({
    where: { userId: actor.id, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: 'desc' },
  });
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === currentSessionId,
  }));
}

/** Ends one of the caller's own sessions; someone else's answers 404 like an unknown id. */
export async function revokeOwnSession(actor: Actor, id: string): Promise<void> {
  if (actor.kind !== 'user' || actor.id === null) throw notFound('Session');
  const ended = await getDb().session.deleteMany({ where: { id, userId: actor.id } });
  if (ended.count === 0) throw notFound('Session');
  await recordAudit(actor, 'auth.session_revoke', `user:${actor.id}`, { session: id.slice(0, 12) });
}

/** Ends every session of the caller except the current one. */
export async function revokeOtherSessions(
  actor: Actor,
  currentSessionId: string | null,
): Promise<{ revoked: number }> {
  if (actor.kind !== 'user' || actor.id === null) return { revoked: 0 };
  const ended = await getDb().session.deleteMany({
    where: { userId: actor.id, ...(currentSessionId ? { id: { not: currentSessionId } } : {}) },
  });
  await recordAudit(actor, 'auth.sessions_revoke_others', `user:${actor.id}`, { revoked: ended.count });
  return { revoked: ended.count };
}

/**
 * For routes about the caller's own browser sessions and password: the session cookie is the only
 * credential accepted (API tokens have neither), and mutations must come from our own origin.
 */
export async function requireSessionCaller(req: Request): Promise<{ actor: Actor; sessionId: string }> {
  const token = readSessionCookie(req.headers.get('cookie'));
  const actor = token ? await getSessionActor(token) : null;
  if (!token || !actor) throw unauthorized('Sign in with a browser session (API tokens have no sessions)');
  if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) assertSameOrigin(req);
  return { actor: { ...actor, ip: clientIp(req) }, sessionId: sessionIdOf(token) };
}
