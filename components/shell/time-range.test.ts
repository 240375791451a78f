import { describe, expect, it } from 'vitest';
import { loadTimeRange, resolveTimeRange, type TimeRangeParams } from './time-range';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = Date.UTC(2024, 4, 1, 12, 0, 30); // 30 s past the minute
const end = Date.UTC(2024, 4, 1, 12, 1);
const date = (ms: number) => new Date(ms);

describe('resolveTimeRange', () => {
  it.each<[string, TimeRangeParams, { from: number; to: number; option: string }]>([
    ['1h preset', { range: '1h', from: null, to: null }, { from: end - HOUR, to: end, option: '1h' }],
    ['24h preset', { range: '24h', from: null, to: null }, { from: end - DAY, to: end, option: '24h' }],
    ['7d preset', { range: '7d', from: null, to: null }, { from: end - 7 * DAY, to: end, option: '7d' }],
    ['30d preset', { range: '30d', from: null, to: null }, { from: end - 30 * DAY, to: end, option: '30d' }],
    [
      'presets ignore stray from/to',
      { range: '1h', from: date(0), to: date(1000) },
      { from: end - HOUR, to: end, option: '1h' },
    ],
    [
      'custom range',
      { range: 'custom', from: date(end - 3 * DAY), to: date(end - DAY) },
      { from: end - 3 * DAY, to: end - DAY, option: 'custom' },
    ],
    [
      'custom end in the future is clipped to now',
      { range: 'custom', from: date(end - HOUR), to: date(end + DAY) },
      { from: end - HOUR, to: end, option: 'custom' },
    ],
    [
      'custom missing `to` falls back to 24h',
      { range: 'custom', from: date(end - HOUR), to: null },
      { from: end - DAY, to: end, option: '24h' },
    ],
    [
      'custom inverted falls back to 24h',
      { range: 'custom', from: date(end - HOUR), to: date(end - 2 * HOUR) },
      { from: end - DAY, to: end, option: '24h' },
    ],
    [
      'custom entirely in the future falls back to 24h',
      { range: 'custom', from: date(end + HOUR), to: date(end + 2 * HOUR) },
      { from: end - DAY, to: end, option: '24h' },
    ],
  ])('%s', (_name, params, expected) => {
    expect(resolveTimeRange(params, now)).toEqual(expected);
  });

  it('caps a custom range at maxSpanMs, keeping its end', () => {
    const params: TimeRangeParams = { range: 'custom', from: date(end - 10 * DAY), to: date(end) };
    expect(resolveTimeRange(params, now, { maxSpanMs: 2 * DAY })).toEqual({
      from: end - 2 * DAY,
      to: end,
      option: 'custom',
    });
  });
});

describe('loadTimeRange (URL → params)', () => {
  it.each([
    ['', '24h', null, null],
    ['?range=7d', '7d', null, null],
    ['?range=bogus', '24h', null, null],
    [
      '?range=custom&from=2024-05-01T00:00:00.000Z&to=2024-05-02T00:00:00.000Z',
      'custom',
      1714521600000,
      1714608000000,
    ],
    ['?range=custom&from=yesterday', 'custom', null, null],
  ])('%s', (query, range, from, to) => {
    const params = loadTimeRange(query);
    expect(params.range).toBe(range);
    expect(params.from?.getTime() ?? null).toBe(from);
    expect(params.to?.getTime() ?? null).toBe(to);
  });
});
