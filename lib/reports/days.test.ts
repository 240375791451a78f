import { describe, expect, it } from 'vitest';
import { dayOf, hoursIn, localDays, parseBound } from './days';

describe('local days', () => {
  it.each([
    ['Europe/Stockholm', '2024-03-31', 23],
    ['Europe/Stockholm', '2024-10-27', 25],
    ['Europe/Stockholm', '2024-06-01', 24],
    ['America/New_York', '2024-03-10', 23],
    ['America/New_York', '2024-11-03', 25],
    ['Australia/Sydney', '2024-04-07', 25],
    ['UTC', '2024-03-31', 24],
  ])('%s %s has %i hours', (zone, date, hours) => {
    const from = parseBound(date, zone, 'from')!;
    const to = parseBound(date, zone, 'to')!;
    const days = localDays(from, to, zone);
    expect(days.map((d) => d.date)).toEqual([date]);
    expect(hoursIn(days[0]!)).toBe(hours);
  });

  it('reads a bare date at local midnight and makes `to` inclusive', () => {
    expect(new Date(parseBound('2024-03-01', 'Europe/Stockholm', 'from')!).toISOString()).toBe(
      '2024-02-29T23:00:00.000Z',
    );
    expect(new Date(parseBound('2024-03-31', 'Europe/Stockholm', 'to')!).toISOString()).toBe(
      '2024-03-31T22:00:00.000Z',
    );
  });

  it('splits a range across a month boundary at local midnight', () => {
    const from = parseBound('2024-01-31', 'America/New_York', 'from')!;
    const to = parseBound('2024-02-01', 'America/New_York', 'to')!;
    const days = localDays(from, to, 'America/New_York');
    expect(days.map((d) => [d.date, new Date(d.startMs).toISOString()])).toEqual([
      ['2024-01-31', '2024-01-31T05:00:00.000Z'],
      ['2024-02-01', '2024-02-01T05:00:00.000Z'],
    ]);
    expect(dayOf(days, Date.parse('2024-02-01T04:59:59Z'))?.date).toBe('2024-01-31');
    expect(dayOf(days, Date.parse('2024-02-01T05:00:00Z'))?.date).toBe('2024-02-01');
    expect(dayOf(days, Date.parse('2024-02-02T05:00:00Z'))).toBeUndefined();
  });

  it('clips the first and last day to an instant range', () => {
    const days = localDays(Date.parse('2024-05-01T12:00:00Z'), Date.parse('2024-05-02T06:00:00Z'), 'UTC');
    expect(days.map(hoursIn)).toEqual([12, 6]);
  });

  it.each([
    ['2024-02-30', null],
    ['2024-13-01', null],
    ['yesterday', null],
    ['2024-05-01T00:00:00', null],
    ['2024-05-01T00:00:00Z', Date.parse('2024-05-01T00:00:00Z')],
    ['2024-05-01T02:00:00+02:00', Date.parse('2024-05-01T00:00:00Z')],
    ['1714521600000', 1714521600000],
  ])('parseBound(%s)', (text, expected) => {
    expect(parseBound(text, 'UTC', 'from')).toBe(expected);
  });
});
