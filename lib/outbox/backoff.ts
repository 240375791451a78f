/** Retry delay after the n-th failed delivery: 5 s, 10 s, 20 s … capped at 15 min, never giving up. */
export function retryDelayMs(failedAttempts: number, baseMs = 5_000, capMs = 15 * 60_000): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  return Math.min(capMs, baseMs * 2 ** Math.min(n - 1, 30));
}
