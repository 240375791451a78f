import { describe, expect, it } from 'vitest';
import { afterFailure, backoffDelayMs, backoffWaitMs, LOGIN_LIMITS } from './login-backoff';

describe('login back-off', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1_000],
    [6, 2_000],
    [10, 32_000],
    [15, 900_000],
    [1_000, 900_000],
  ])('%i failures → %i ms before the next try', (failures, delay) => {
    expect(backoffDelayMs(failures)).toBe(delay);
  });

  it('counts failures, waits, and forgets after a quiet quarter hour', () => {
    let state = null as ReturnType<typeof afterFailure> | null;
    for (let i = 0; i < 5; i++) state = afterFailure(state, 1_000_000);
    expect(state).toEqual({ failures: 5, notBeforeMs: 1_001_000 });
    expect(backoffWaitMs(state, 1_000_500)).toBe(500);
    expect(backoffWaitMs(state, 1_001_000)).toBe(0);
    expect(afterFailure(state, 1_001_000)).toEqual({ failures: 6, notBeforeMs: 1_003_000 });
    expect(afterFailure(state, 1_001_000 + LOGIN_LIMITS.quietResetMs + 1).failures).toBe(1);
  });

  it('keeps the per-account ceiling far above an owner mistyping', () => {
    expect(LOGIN_LIMITS.accountCeiling).toBeGreaterThanOrEqual(100);
    expect(LOGIN_LIMITS.freeFailures).toBeLessThan(LOGIN_LIMITS.accountCeiling / 10);
  });
});
