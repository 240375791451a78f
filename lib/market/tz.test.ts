import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localParts, utcOffsetMs, wallToUtcCandidates } from './tz';

const H = 3_600_000;

describe('localParts', () => {
  it.each([
    [
      'Europe/Stockholm',
      Date.UTC(2024, 0, 1, 23, 30),
      { year: 2024, month: 1, day: 2, hour: 0, minute: 30, isoWeekday: 2 },
    ],
    [
      'America/Chicago',
      Date.UTC(2024, 6, 1, 4, 0),
      { year: 2024, month: 6, day: 30, hour: 23, minute: 0, isoWeekday: 7 },
    ],
    [
      'UTC',
      Date.UTC(2026, 10, 16, 0, 0),
      { year: 2026, month: 11, day: 16, hour: 0, minute: 0, isoWeekday: 1 },
    ],
  ])('%s at %d', (tz, ts, expected) => {
    expect(localParts(ts, tz)).toMatchObject(expected);
  });
});

describe('utcOffsetMs', () => {
  it.each([
    ['Europe/Stockholm', Date.UTC(2024, 0, 15), 1 * H],
    ['Europe/Stockholm', Date.UTC(2024, 6, 15), 2 * H],
    ['America/Chicago', Date.UTC(2024, 0, 15), -6 * H],
    ['America/Chicago', Date.UTC(2024, 6, 15), -5 * H],
    ['Asia/Kolkata', Date.UTC(2024, 6, 15), 5.5 * H],
  ])('%s', (tz, ts, offset) => {
    expect(utcOffsetMs(ts, tz)).toBe(offset);
  });
});

describe('wallToUtcCandidates', () => {
  it.each([
    [
      'an ordinary hour',
      'Europe/Stockholm',
      { year: 2024, month: 6, day: 1, hour: 12, minute: 0 },
      [Date.UTC(2024, 5, 1, 10)],
    ],
    [
      'the skipped spring hour',
      'Europe/Stockholm',
      { year: 2024, month: 3, day: 31, hour: 2, minute: 30 },
      [],
    ],
    [
      'the repeated autumn hour',
      'Europe/Stockholm',
      { year: 2024, month: 10, day: 27, hour: 2, minute: 0 },
      [Date.UTC(2024, 9, 27, 0), Date.UTC(2024, 9, 27, 1)],
    ],
    ['Chicago spring gap', 'America/Chicago', { year: 2024, month: 3, day: 10, hour: 2, minute: 0 }, []],
    [
      'Chicago autumn fold',
      'America/Chicago',
      { year: 2024, month: 11, day: 3, hour: 1, minute: 15 },
      [Date.UTC(2024, 10, 3, 6, 15), Date.UTC(2024, 10, 3, 7, 15)],
    ],
  ])('%s', (_n, tz, wall, expected) => {
    expect(wallToUtcCandidates(wall, tz)).toEqual(expected);
  });

  it('round-trips every instant (property)', () => {
    const zones = ['Europe/Stockholm', 'America/Chicago', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }),
        fc.constantFrom(...zones),
        (minutes, tz) => {
          const ts = minutes * 60_000;
          return wallToUtcCandidates(localParts(ts, tz), tz).includes(ts);
        },
      ),
    );
  });
});

it('isValidTimeZone', () => {
  expect([isValidTimeZone('Europe/Stockholm'), isValidTimeZone('Mars/Olympus')]).toEqual([true, false]);
});
