import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff';

describe('backoffMs', () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [8, 640_000],
    [9, 900_000],
    [1000, 900_000],
    [0, 5_000],
  ])('after %i failures waits %i ms', (n, ms) => {
    expect(backoffMs(n)).toBe(ms);
  });
});
