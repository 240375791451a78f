import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [8, 640_000],
    [9, 900_000],
    [1000, 900_000],
    [0, 5_000],
  ])('after %i failures waits %i ms', (n, ms) => {
    expect(retryDelayMs(n)).toBe(ms);
  });
});
