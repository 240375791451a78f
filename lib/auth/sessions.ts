import { getDb } from '../db/client';
import type { Actor } from './actor';
import { generateSessionToken, sha256Hex } from './secrets';
import { enrolmentDue, readTwoFactorPolicy } from './two-factor-policy';

export const SESSION_COOKIE = 'sy_session';
export const SESSION_MAX_AGE_S = 7 * 24 * 3600;
const IDLE_TIMEOUT_MS = 24 * 3600 * 1000;
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Creates a server-side session; only the token's hash is stored, the token goes in the cookie. */
export async function createSession(
  userId: number,
  meta: { ip?: string; userAgent?: string },
  now = new Date(),
) {
  const token = generateSessionToken();
  await getDb().session.create({
    data: {
      id: sha256Hex(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000),
      ip: meta.ip?.slice(0, 64),
      userAgent: meta.userAgent?.slice(0, 256),
    },
  });
  return token;
}

/** Resolves a session token to its user, enforcing absolute and idle expiry and disabled accounts. */
export async function getSessionActor(token: string, now = new Date()): Promise<Actor | null> {
  const id = sha256Hex(token);
  const session = await getDb().session.findUnique({
    where: { id },
    include: {
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          tenantId: true,
          disabledAt: true,
          totpEnabledAt: true,
        },
      },
    },
  });
  if (!session) return null;
  const idleExpired = now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS;
  if (session.expiresAt <= now || idleExpired || session.user.disabledAt) {
    await getDb().session.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await getDb().session.update({ where: { id }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  const due = user.totpEnabledAt === null && enrolmentDue(await readTwoFactorPolicy(), user.role, false);
  return {
    ...(due ? { twoFactorEnrolmentDue: true } : {}),
    kind: 'user',
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    tenantId: user.tenantId,
  };
}

export async function deleteSession(token: string) {
  await getDb().session.deleteMany({ where: { id: sha256Hex(token) } });
}

export async function deleteUserSessions(userId: number) {
  await getDb().session.deleteMany({ where: { userId } });
}
