import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimeTick, formatTooltipTime, timeLabelStyle, timeTicks } from './time-axis';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe('timeLabelStyle', () => {
  it.each([
    [HOUR, 'time'],
    [DAY, 'time'],
    [DAY + 1, 'weekday-time'],
    [7 * DAY, 'weekday-time'],
    [30 * DAY, 'date'],
  ])('span %s ms → %s', (span, expected) => {
    expect(timeLabelStyle(span)).toBe(expected);
  });
});

describe('timeTicks', () => {
  it.each([
    [
      'a day in UTC: every 6 h',
      Date.UTC(2024, 4, 1, 10, 17),
      Date.UTC(2024, 4, 2, 10, 17),
      'UTC',
      ['2024-05-01T12:00', '2024-05-01T18:00', '2024-05-02T00:00', '2024-05-02T06:00'],
    ],
    [
      'a day in Stockholm: local 18:00, 00:00, 06:00, 12:00',
      Date.UTC(2024, 4, 1, 10, 17),
      Date.UTC(2024, 4, 2, 10, 17),
      'Europe/Stockholm',
      ['2024-05-01T16:00', '2024-05-01T22:00', '2024-05-02T04:00', '2024-05-02T10:00'],
    ],
    [
      'across the spring DST change local times stay round',
      Date.UTC(2024, 2, 30, 22, 30),
      Date.UTC(2024, 2, 31, 21, 30),
      'Europe/Stockholm',
      ['2024-03-30T23:00', '2024-03-31T04:00', '2024-03-31T10:00', '2024-03-31T16:00'],
    ],
    [
      'an hour: every 10 min',
      Date.UTC(2024, 4, 1, 10, 3),
      Date.UTC(2024, 4, 1, 11, 3),
      'UTC',
      [
        '2024-05-01T10:10',
        '2024-05-01T10:20',
        '2024-05-01T10:30',
        '2024-05-01T10:40',
        '2024-05-01T10:50',
        '2024-05-01T11:00',
      ],
    ],
    [
      '30 days: Mondays',
      Date.UTC(2024, 4, 1),
      Date.UTC(2024, 4, 31),
      'UTC',
      ['2024-05-06T00:00', '2024-05-13T00:00', '2024-05-20T00:00', '2024-05-27T00:00'],
    ],
  ])('%s', (_name, from, to, zone, expected) => {
    expect(timeTicks(from, to, zone).map(iso)).toEqual(expected);
  });

  it('returns nothing for an empty or inverted range', () => {
    expect(timeTicks(10, 10)).toEqual([]);
    expect(timeTicks(20, 10)).toEqual([]);
  });

  it('keeps a tick when no aligned boundary falls inside the range', () => {
    // Found by the property below: 4 days in Sydney with at most 2 ticks picks a weekly step.
    const ticks = timeTicks(1_603_026_000_001, 1_603_026_000_001 + 345_600_001, 'Australia/Sydney', 2);
    expect(ticks).toHaveLength(1);
  });

  it('stays inside the range, ascending, and near maxTicks', () => {
    const zones = fc.constantFrom(
      'UTC',
      'Europe/Stockholm',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Sydney',
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }),
        fc.integer({ min: 60_000, max: 90 * DAY }),
        zones,
        fc.integer({ min: 2, max: 10 }),
        (from, span, zone, maxTicks) => {
          const ticks = timeTicks(from, from + span, zone, maxTicks);
          expect(ticks.length).toBeLessThanOrEqual(maxTicks + 1);
          expect(ticks.length).toBeGreaterThan(0);
          for (const [index, tick] of ticks.entries()) {
            expect(tick).toBeGreaterThanOrEqual(from);
            expect(tick).toBeLessThanOrEqual(from + span);
            if (index > 0) expect(tick).toBeGreaterThan(ticks[index - 1]!);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('labels', () => {
  const at = Date.UTC(2024, 4, 1, 12, 5);
  it.each([
    [formatTimeTick(at, DAY, 'UTC'), '12:05'],
    [formatTimeTick(at, DAY, 'Europe/Stockholm'), '14:05'],
    [formatTimeTick(at, 7 * DAY, 'UTC'), 'Wed 12:05'],
    [formatTimeTick(at, 30 * DAY, 'UTC'), 'May 1'],
    [formatTooltipTime(at, 'UTC'), 'Wed, May 1, 12:05'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
