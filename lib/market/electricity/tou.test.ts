import { describe, expect, it } from 'vitest';
import { localParts } from '../../time/zone';
import {
  fixedTariffSeries,
  type TouSchedule,
  TouScheduleSchema,
  touPriceAt,
  touSeries,
  validateTouSchedule,
} from './tou';

const H = 3_600_000;
const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];

/** Peak 08–20 on weekdays, off-peak otherwise. */
const schedule: TouSchedule = [
  { days: WEEKDAYS, fromHour: 0, toHour: 8, priceUsdPerMwh: 40 },
  { days: WEEKDAYS, fromHour: 8, toHour: 20, priceUsdPerMwh: 120 },
  { days: WEEKDAYS, fromHour: 20, toHour: 24, priceUsdPerMwh: 40 },
  { days: WEEKEND, fromHour: 0, toHour: 24, priceUsdPerMwh: 30 },
];

describe('validateTouSchedule', () => {
  it('accepts a schedule covering every hour once', () => {
    expect(validateTouSchedule(schedule)).toEqual({ ok: true });
  });

  it('reports gaps and overlaps as hour runs', () => {
    const broken: TouSchedule = [
      { days: WEEKDAYS, fromHour: 0, toHour: 9, priceUsdPerMwh: 40 },
      { days: WEEKDAYS, fromHour: 8, toHour: 20, priceUsdPerMwh: 120 },
      { days: [6], fromHour: 0, toHour: 24, priceUsdPerMwh: 30 },
    ];
    const r = validateTouSchedule(broken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.filter((i) => i.kind === 'overlap')).toHaveLength(5);
    expect(r.issues).toContainEqual({ kind: 'overlap', day: 1, fromHour: 8, toHour: 9, bands: [0, 1] });
    expect(r.issues).toContainEqual({ kind: 'gap', day: 1, fromHour: 20, toHour: 24 });
    expect(r.issues).toContainEqual({ kind: 'gap', day: 7, fromHour: 0, toHour: 24 });
    expect(r.messages).toContain('Mon 8:00–9:00 is covered by bands 1 and 2');
    expect(r.messages).toContain('Sun 0:00–24:00 has no price');
  });

  it('schema rejects a band crossing midnight', () => {
    const r = TouScheduleSchema.safeParse([{ days: [1], fromHour: 22, toHour: 6, priceUsdPerMwh: 10 }]);
    expect(r.success).toBe(false);
  });
});

describe('touPriceAt', () => {
  it.each([
    // Stockholm is UTC+1 in winter: 07:00Z on Monday 2024-01-15 is 08:00 local → peak.
    ['Europe/Stockholm', Date.UTC(2024, 0, 15, 7), 120],
    ['Europe/Stockholm', Date.UTC(2024, 0, 15, 6), 40],
    // Summer (UTC+2): 06:00Z is 08:00 local.
    ['Europe/Stockholm', Date.UTC(2024, 6, 15, 6), 120],
    ['Europe/Stockholm', Date.UTC(2024, 6, 15, 5), 40],
    // Chicago: Monday 2024-07-15 13:00Z = 08:00 CDT; Friday 19:59 local is peak, 20:00 is not.
    ['America/Chicago', Date.UTC(2024, 6, 15, 13), 120],
    ['America/Chicago', Date.UTC(2024, 6, 20, 0, 59), 120],
    ['America/Chicago', Date.UTC(2024, 6, 20, 1, 0), 40],
    // Sunday 2024-07-14 in Chicago but already Monday in UTC: weekend price.
    ['America/Chicago', Date.UTC(2024, 6, 15, 3), 30],
  ])('%s at %d → %d', (tz, ts, price) => {
    expect(touPriceAt(schedule, tz, ts)).toBe(price);
  });

  it('returns null for an uncovered hour', () => {
    expect(
      touPriceAt([{ days: [1], fromHour: 0, toHour: 1, priceUsdPerMwh: 1 }], 'UTC', Date.UTC(2024, 0, 16)),
    ).toBeNull();
  });
});

describe('touSeries across DST', () => {
  // Make 02:00–03:00 local its own band so the spring gap and autumn repeat are visible.
  const nightBand: TouSchedule = [
    { days: [1, 2, 3, 4, 5, 6, 7], fromHour: 0, toHour: 2, priceUsdPerMwh: 10 },
    { days: [1, 2, 3, 4, 5, 6, 7], fromHour: 2, toHour: 3, priceUsdPerMwh: 99 },
    { days: [1, 2, 3, 4, 5, 6, 7], fromHour: 3, toHour: 24, priceUsdPerMwh: 10 },
  ];

  it.each([
    [
      'Stockholm spring (23 h)',
      'Europe/Stockholm',
      Date.UTC(2024, 2, 30, 23),
      Date.UTC(2024, 2, 31, 22),
      23,
      0,
    ],
    [
      'Stockholm autumn (25 h)',
      'Europe/Stockholm',
      Date.UTC(2024, 9, 26, 22),
      Date.UTC(2024, 9, 27, 23),
      25,
      2,
    ],
    ['Chicago spring (23 h)', 'America/Chicago', Date.UTC(2024, 2, 10, 6), Date.UTC(2024, 2, 11, 5), 23, 0],
    ['Chicago autumn (25 h)', 'America/Chicago', Date.UTC(2024, 10, 3, 5), Date.UTC(2024, 10, 4, 6), 25, 1],
    ['Chicago ordinary day', 'America/Chicago', Date.UTC(2024, 6, 1, 5), Date.UTC(2024, 6, 2, 5), 24, 1],
  ])('%s', (_n, tz, from, to, hours, pricedAt99) => {
    const series = touSeries(nightBand, tz, from, to, H);
    expect(series).toHaveLength(hours);
    expect(localParts(from, tz).hour).toBe(0);
    expect(series.filter((p) => p.priceUsdPerMwh === 99)).toHaveLength(pricedAt99);
    expect(series.every((p) => p.market === 'TIME_OF_USE' && p.intervalEnd - p.intervalStart === H)).toBe(
      true,
    );
  });

  it('supports 15-minute steps', () => {
    const series = touSeries(
      schedule,
      'Europe/Stockholm',
      Date.UTC(2024, 0, 15, 6),
      Date.UTC(2024, 0, 15, 8),
      900_000,
    );
    expect(series.map((p) => p.priceUsdPerMwh)).toEqual([40, 40, 40, 40, 120, 120, 120, 120]);
  });

  it('rejects an unknown time zone', () => {
    expect(() => touSeries(schedule, 'Nowhere/Land', 0, H)).toThrow(/time zone/);
  });
});

describe('fixedTariffSeries', () => {
  it('emits one interval per step at the contract price', () => {
    const s = fixedTariffSeries(55, Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 3));
    expect(s.map((p) => [p.intervalStart, p.priceUsdPerMwh, p.market])).toEqual([
      [Date.UTC(2026, 0, 1, 0), 55, 'FIXED'],
      [Date.UTC(2026, 0, 1, 1), 55, 'FIXED'],
      [Date.UTC(2026, 0, 1, 2), 55, 'FIXED'],
    ]);
  });
});
