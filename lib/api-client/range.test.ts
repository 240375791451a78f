import { describe, expect, it } from 'vitest';
import { chartRefreshMs, rangeBounds, rangeKey, rangeQuery, toRangeParam } from './range';

const HOUR = 3_600_000;

describe('range params', () => {
  it.each([
    [{ from: 0, to: 10, option: '24h' as const }, { range: '24h' }],
    [{ from: 0, to: 10, option: '1h' as const }, { range: '1h' }],
    [
      { from: 5, to: 10, option: 'custom' as const },
      { from: 5, to: 10 },
    ],
  ])('toRangeParam(%j) → %j', (resolved, expected) => {
    expect(toRangeParam(resolved)).toEqual(expected);
  });

  it.each([
    [{ range: '7d' as const }, '7d', { range: '7d' }],
    [{ from: 1000, to: 2000 }, 'custom:1000-2000', { from: 1000, to: 2000 }],
  ])('%j keys as %s and queries as %j', (param, key, query) => {
    expect(rangeKey(param)).toBe(key);
    expect(rangeQuery(param)).toEqual(query);
  });

  it.each([
    [{ range: '1h' as const }, 5000],
    [{ range: '24h' as const }, 5000],
    [{ range: '7d' as const }, 60_000],
    [{ range: '30d' as const }, 60_000],
    [{ from: 1, to: 2 }, false],
  ])('refreshes %j every %s', (param, expected) => {
    expect(chartRefreshMs(param)).toBe(expected);
  });

  it.each([
    [{ range: '1h' as const }, { from: 100 * HOUR - HOUR, to: 100 * HOUR }],
    [{ range: '30d' as const }, { from: 100 * HOUR - 720 * HOUR, to: 100 * HOUR }],
    [
      { from: 7, to: 9 },
      { from: 7, to: 9 },
    ],
  ])('rangeBounds(%j)', (param, expected) => {
    expect(rangeBounds(param, 100 * HOUR)).toEqual(expected);
  });
});
