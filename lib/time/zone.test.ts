import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hourlyUtcOffsetMs,
  isValidTimeZone,
  localHourOfDay,
  localParts,
  utcOffsetMs,
  wallToUtcCandidates,
} from './zone';

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
  // Both hemispheres, each side of each change: Sydney's summer is Stockholm's winter.
  it.each([
    ['Europe/Stockholm', Date.UTC(2024, 0, 15), 1 * H],
    ['Europe/Stockholm', Date.UTC(2024, 6, 15), 2 * H],
    ['Europe/Stockholm', Date.UTC(2026, 2, 29, 0, 59), 1 * H],
    ['Europe/Stockholm', Date.UTC(2026, 2, 29, 1, 0), 2 * H],
    ['Europe/Stockholm', Date.UTC(2024, 9, 27, 0, 59), 2 * H],
    ['Europe/Stockholm', Date.UTC(2024, 9, 27, 1, 0), 1 * H],
    ['America/Chicago', Date.UTC(2024, 0, 15), -6 * H],
    ['America/Chicago', Date.UTC(2024, 6, 15), -5 * H],
    ['America/Chicago', Date.UTC(2024, 2, 10, 7, 59), -6 * H],
    ['America/Chicago', Date.UTC(2024, 2, 10, 8, 0), -5 * H],
    ['America/New_York', Date.UTC(2024, 6, 15), -4 * H],
    ['America/Denver', Date.UTC(2026, 6, 15, 12), -6 * H],
    ['Australia/Sydney', Date.UTC(2024, 0, 15), 11 * H],
    ['Australia/Sydney', Date.UTC(2024, 6, 15), 10 * H],
    ['Australia/Sydney', Date.UTC(2024, 3, 6, 15, 59), 11 * H],
    ['Australia/Sydney', Date.UTC(2024, 3, 6, 16, 0), 10 * H],
    ['Australia/Sydney', Date.UTC(2024, 9, 5, 15, 59), 10 * H],
    ['Australia/Sydney', Date.UTC(2024, 9, 5, 16, 0), 11 * H],
    ['America/Santiago', Date.UTC(2024, 0, 15), -3 * H],
    ['America/Santiago', Date.UTC(2024, 6, 15), -4 * H],
    ['Asia/Kolkata', Date.UTC(2024, 6, 15), 5.5 * H],
    ['Australia/Lord_Howe', Date.UTC(2024, 0, 15), 11 * H],
    ['Australia/Lord_Howe', Date.UTC(2024, 6, 15), 10.5 * H],
    ['UTC', Date.UTC(2024, 6, 15, 12, 0, 0, 500), 0],
  ])('%s at %d', (tz, ts, offset) => {
    expect(utcOffsetMs(ts, tz)).toBe(offset);
  });

  it('hourlyUtcOffsetMs agrees with utcOffsetMs for zones that change on the hour (property)', () => {
    const zones = ['Europe/Stockholm', 'America/Chicago', 'Australia/Sydney', 'America/Santiago', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...zones),
        (ts, tz) => hourlyUtcOffsetMs(ts, tz) === utcOffsetMs(ts, tz),
      ),
    );
  });
});

describe('local days across DST', () => {
  // Local midnight to local midnight: 23 h when the clocks spring forward, 25 h when they fall back.
  it.each([
    ['Europe/Stockholm', { year: 2024, month: 3, day: 31 }, 23],
    ['Europe/Stockholm', { year: 2024, month: 10, day: 27 }, 25],
    ['Europe/Stockholm', { year: 2024, month: 6, day: 1 }, 24],
    ['America/Chicago', { year: 2024, month: 3, day: 10 }, 23],
    ['America/Chicago', { year: 2024, month: 11, day: 3 }, 25],
    ['Australia/Sydney', { year: 2024, month: 10, day: 6 }, 23],
    ['Australia/Sydney', { year: 2024, month: 4, day: 7 }, 25],
    ['America/Santiago', { year: 2024, month: 4, day: 6 }, 25],
    ['Asia/Kolkata', { year: 2024, month: 3, day: 31 }, 24],
  ])('%s %j has %i hours', (tz, date, hours) => {
    const midnight = (dayOffset: number) => {
      const d = new Date(Date.UTC(date.year, date.month - 1, date.day + dayOffset));
      const wall = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      return wallToUtcCandidates({ ...wall, hour: 0, minute: 0 }, tz)[0]!;
    };
    expect((midnight(1) - midnight(0)) / H).toBe(hours);
  });

  it.each([
    ['Europe/Stockholm', Date.UTC(2024, 2, 31, 0, 30), 1.5],
    ['Europe/Stockholm', Date.UTC(2024, 2, 31, 1, 30), 3.5],
    ['Europe/Stockholm', Date.UTC(2024, 9, 27, 0, 30), 2.5],
    ['Europe/Stockholm', Date.UTC(2024, 9, 27, 1, 30), 2.5],
    ['Australia/Sydney', Date.UTC(2024, 3, 6, 15, 30), 2.5],
    ['Australia/Sydney', Date.UTC(2024, 3, 6, 16, 30), 2.5],
    ['America/Chicago', Date.UTC(2026, 0, 15, 12, 30), 6.5],
  ])('local hour of day in %s at %d is %d', (tz, ts, hour) => {
    expect(localHourOfDay(ts, tz)).toBeCloseTo(hour, 9);
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
