// The sign-in's pending second step. A right password for a user with two-factor gives no session,
// only a challenge: a random token in the `sy_2fa` cookie (Path=/api/auth/login, so the browser
// sends it nowhere else; only its SHA-256 is stored) that nothing but `POST /api/auth/login/two-factor`
// reads. It lasts five minutes and five wrong codes, then the password is due again.
import { getDb } from '../db/client';
import { AppError } from '../errors';
import type { Role } from './actor';
import { generateSessionToken, sha256Hex } from './secrets';
import { type SecondFactorInput, verifySecondFactor } from './two-factor';

export const CHALLENGE_COOKIE = 'sy_2fa';
export const CHALLENGE_TTL_S = 5 * 60;
export const CHALLENGE_MAX_ATTEMPTS = 5;
const COOKIE_PATH = '/api/auth/login';

export function challengeCookie(token: string, secure: boolean): string {
  return `${CHALLENGE_COOKIE}=${encodeURIComponent(token)}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${CHALLENGE_TTL_S}${secure ? '; Secure' : ''}`;
}

export function clearedChallengeCookie(): string {
  return `${CHALLENGE_COOKIE}=; Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=0`;
}

export async function createTwoFactorChallenge(userId: number, ip: string, nowMs = Date.now()) {
  const token = generateSessionToken();
  const db = getDb();
  // One pending sign-in per user: a new password entry replaces the old challenge.
  await db.twoFactorChallenge.deleteMany({
    where: { OR: [{ userId }, { expiresAt: { lt: new Date(nowMs) } }] },
  });
  await db.twoFactorChallenge.create({
    data: {
      id: sha256Hex(token),
      userId,
      createdAt: new Date(nowMs),
      expiresAt: new Date(nowMs + CHALLENGE_TTL_S * 1000),
      ip: ip.slice(0, 64),
    },
  });
  return token;
}

const expired = () =>
  new AppError(401, 'two_factor_expired', 'The sign-in expired or had too many wrong codes: sign in again');

export type ChallengeResult = {
  user: { id: number; name: string; role: Role; tenantId: number | null };
  method: 'totp' | 'recovery';
};

/** Checks a code against the challenge; a success ends the challenge and names the user to sign in. */
export async function completeTwoFactorChallenge(
  token: string | undefined,
  input: SecondFactorInput,
  nowMs = Date.now(),
): Promise<ChallengeResult> {
  if (!token) throw expired();
  const id = sha256Hex(token);
  const db = getDb();
  const challenge = await db.twoFactorChallenge.findUnique({
    where: { id },
    include: { user: { select: { id: true, name: true, role: true, tenantId: true, disabledAt: true } } },
  });
  if (!challenge || challenge.expiresAt.getTime() <= nowMs || challenge.user.disabledAt) {
    if (challenge) await db.twoFactorChallenge.deleteMany({ where: { id } });
    throw expired();
  }
  // Counted before the check, compare-and-set, so parallel guesses cannot exceed the limit.
  const counted = await db.twoFactorChallenge.updateMany({
    where: { id, attempts: { lt: CHALLENGE_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (counted.count !== 1) {
    await db.twoFactorChallenge.deleteMany({ where: { id } });
    throw expired();
  }
  const method = await verifySecondFactor(challenge.userId, input, nowMs);
  if (!method) {
    const field = input.code !== undefined ? 'code' : 'recoveryCode';
    throw new AppError(401, 'invalid_code', 'That code is not valid', [
      { path: field, message: 'That code is not valid' },
    ]);
  }
  const consumed = await db.twoFactorChallenge.deleteMany({ where: { id } });
  if (consumed.count !== 1) throw expired();
  const { disabledAt: _, ...user } = challenge.user;
  return { user, method };
}
