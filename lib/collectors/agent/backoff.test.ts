import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('agent retry back-off', () => {
  it.each([
    [1, 0, 500],
    [1, 1, 1_000],
    [2, 0, 1_000],
    [3, 0.5, 3_000],
    [7, 1, 60_000],
    [7, 0, 30_000],
    [40, 0.5, 45_000],
  ])('after %i failures with draw %d waits %i ms', (failures, random, expected) => {
    expect(retryDelayMs(failures, policy, random)).toBe(expected);
  });

  it('never retries at once and never beyond the cap', () => {
    for (let f = 1; f < 50; f++) {
      for (const r of [0, 0.3, 0.999, 1]) {
        const d = retryDelayMs(f, policy, r);
        expect(d).toBeGreaterThanOrEqual(500);
        expect(d).toBeLessThanOrEqual(60_000);
      }
    }
  });
});
