// Guessing second factors: six digits are a million codes, so attempts per user are slowed by the
// same back-off as passwords (login-backoff.ts): a few free tries, then 1 s, 2 s, 4 s … 15 min,
// forgotten after a quiet quarter hour and cleared by a success. Per user, not per address: whoever
// guesses already has the password, and may have many addresses. The owner is slowed, never locked.
import { tooManyRequests } from '../errors';
import { LOGIN_LIMITS, type LoginLimits } from './login-backoff';
import { clearRateLimit, reserveBackoff } from './rate-limit';

export const TWO_FACTOR_LIMITS: LoginLimits = { ...LOGIN_LIMITS, freeFailures: 5 };

const key = (userId: number) => `2fa:user:${userId}`;

/**
 * Runs one verification under the user's back-off: refused with 429 while it runs, counted as a
 * failure unless `check` returns true.
 */
export async function throttledCheck(
  userId: number,
  check: () => Promise<boolean>,
  nowMs = Date.now(),
  limits: LoginLimits = TWO_FACTOR_LIMITS,
): Promise<boolean> {
  const waitMs = await reserveBackoff(key(userId), nowMs, limits);
  if (waitMs > 0) throw tooManyRequests(waitMs / 1000);
  const ok = await check();
  if (ok) await clearRateLimit(key(userId));
  return ok;
}
