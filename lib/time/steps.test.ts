import { describe, expect, it } from 'vitest';
import { NICE_STEPS_MS, niceStepMs } from './steps';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe('niceStepMs', () => {
  it.each([
    ['an hour at 1-minute minimum', H, M, 1500, M],
    ['a day at 1-minute minimum', D, M, 1500, M],
    ['two days: 115.2 s needed', 2 * D, M, 1500, 2 * M],
    ['a week', 7 * D, M, 1500, 10 * M],
    ['a week at 1-hour minimum', 7 * D, H, 1500, H],
    ['90 days', 90 * D, H, 1500, 2 * H],
    ['400 days', 400 * D, H, 1500, 12 * H],
    ['a minimum between rungs', H, 7 * M, 1500, 10 * M],
    ['beyond the ladder: whole days', 400 * D, 0, 40, 10 * D],
    ['a short custom ladder', 7 * D, M, 1500, 15 * M, [M, 5 * M, 15 * M]],
  ] as const)('%s', (_name, span, minimum, maxPoints, expected, ladder?: readonly number[]) => {
    expect(niceStepMs(span, minimum, maxPoints, ladder)).toBe(expected);
  });

  it('keeps every span within the point budget', () => {
    for (let span = 1000; span < 400 * D; span *= 1.3) {
      expect(span / niceStepMs(span, 0, 1500)).toBeLessThanOrEqual(1500);
    }
  });

  it('is ascending', () => {
    expect([...NICE_STEPS_MS].sort((a, b) => a - b)).toEqual(NICE_STEPS_MS);
  });
});
