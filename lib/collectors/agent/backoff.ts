// How long the site agent waits before it tries the server again. Pure: the random draw comes in.

export type BackoffPolicy = { baseMs: number; maxMs: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/**
 * Delay after `failures` consecutive failures (≥ 1): exponential from `baseMs`, capped at `maxMs`,
 * with "equal jitter" — half the step fixed, half drawn — so agents that lost the same server
 * do not come back in lockstep, yet none retries at once.
 */
export function retryDelayMs(failures: number, policy: BackoffPolicy, random: number): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(step / 2 + (step / 2) * Math.min(Math.max(random, 0), 1));
}
