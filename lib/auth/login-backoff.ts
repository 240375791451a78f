/**
 * Sign-in throttling rules (pure). Three counters, all of failures only:
 * - per account + address: a few free tries, then an exponential back-off (1 s, 2 s, 4 s … 15 min)
 *   that forgets after a quiet quarter hour; a success clears it. This is what slows guessing.
 * - per account, all addresses: a ceiling far above what an owner mistypes, so a stranger on one
 *   address cannot lock the owner out from another, while a botnet still cannot guess freely.
 * - per address, all accounts: against one address spraying many accounts.
 */
export const LOGIN_LIMITS = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  quietResetMs: 15 * 60_000,
  accountCeiling: 200,
  accountWindowMs: 60 * 60_000,
  addressCeiling: 100,
  addressWindowMs: 15 * 60_000,
};
export type LoginLimits = typeof LOGIN_LIMITS;

/** Failures of one account from one address, and the earliest time the next attempt is allowed. */
export type Backoff = { failures: number; notBeforeMs: number };

export function backoffDelayMs(failures: number, limits: LoginLimits = LOGIN_LIMITS): number {
  if (failures < limits.freeFailures) return 0;
  const doublings = Math.min(failures - limits.freeFailures, 30);
  return Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** doublings);
}

/** Milliseconds to wait before this attempt may run (0 = go). */
export function backoffWaitMs(state: Backoff | null, nowMs: number): number {
  return state ? Math.max(0, state.notBeforeMs - nowMs) : 0;
}

/**
 * The state after one more failure. An attempt is reserved as a failure before the password is
 * checked (so parallel guesses cannot slip through one open slot) and cleared if it succeeds.
 */
export function afterFailure(
  state: Backoff | null,
  nowMs: number,
  limits: LoginLimits = LOGIN_LIMITS,
): Backoff {
  const quiet = !state || nowMs - state.notBeforeMs > limits.quietResetMs;
  const failures = quiet ? 1 : state.failures + 1;
  return { failures, notBeforeMs: nowMs + backoffDelayMs(failures, limits) };
}
