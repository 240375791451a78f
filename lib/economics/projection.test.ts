import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashprice } from './hashprice';
import {
  epochGrowthPctFromMonthlyPct,
  MAX_PROJECTION_DAYS,
  monthlyGrowthPctFromEpochPct,
  type ProjectionInputs,
  projectMargin,
} from './projection';

const D = 110.57e12;
const BTC_USD = 86_350;
const FEES = 0.0615;
// 100 S21 XPs at 2025-03-03 conditions.
const base: ProjectionInputs = {
  now: new Date('2025-03-03T12:00:00Z'),
  days: 30,
  height: 900_000,
  difficulty: D,
  btcUsd: BTC_USD,
  feesBtcPerBlock: FEES,
  hashrateThs: 27_000,
  powerW: 364_500,
  pue: 1.05,
  priceUsdPerMwh: 50,
  poolFeePct: 2,
  difficultyGrowthPctPerEpoch: 0,
};
const usdPerPhDay = (difficulty: number, subsidyBtc: number) =>
  hashprice({ difficulty, btcUsd: BTC_USD, feesBtcPerBlock: FEES, subsidyBtc }).usdPerPhDay;
// Hand formula, independent of the mining module: h × (1 − f) × HP, minus W × 24 h × PUE × $/MWh.
const energyUsdPerDay = (364_500 * 24 * 1.05 * 50) / 1e6;
const marginAt = (difficulty: number, subsidyBtc: number) =>
  (27_000 / 1000) * 0.98 * usdPerPhDay(difficulty, subsidyBtc) - energyUsdPerDay;

describe('projectMargin', () => {
  it('with flat difficulty and no halving in range repeats today every day', () => {
    const { days, summary } = projectMargin(base);
    expect(days).toHaveLength(30);
    for (const day of days) {
      expect(day.usdPerPhDay).toBeCloseTo(usdPerPhDay(D, 3.125), 9);
      expect(day.marginUsd).toBeCloseTo(marginAt(D, 3.125), 9);
      expect(day.energyCostUsd).toBeCloseTo(energyUsdPerDay, 9);
    }
    expect(days.map((d) => d.height).slice(0, 3)).toEqual([900_000, 900_144, 900_288]);
    expect(summary.marginUsdPerDayToday).toBeCloseTo(marginAt(D, 3.125), 9);
    expect(summary.totalMarginUsd).toBeCloseTo(30 * marginAt(D, 3.125), 6);
    expect(summary.halving).toMatchObject({ height: 1_050_000, blocksRemaining: 150_000, day: null });
    expect(summary.daysUntilNegativeMargin).toBeNull();
  });

  it('switches to the 1.5625 BTC subsidy on the day block 1,050,000 starts', () => {
    const { days, summary } = projectMargin({ ...base, height: 1_049_856, days: 3 });
    expect(days.map((d) => [d.height, d.subsidyBtc])).toEqual([
      [1_049_856, 3.125],
      [1_050_000, 1.5625],
      [1_050_144, 1.5625],
    ]);
    expect(days[1]?.usdPerPhDay).toBeCloseTo(usdPerPhDay(D, 1.5625), 9);
    expect(summary.halving.day).toBe(1);
  });

  it('blends a day that straddles the halving by blocks either side', () => {
    const { days, summary } = projectMargin({ ...base, height: 1_049_928, days: 2 });
    expect(days[0]?.subsidyBtc).toBe(3.125);
    expect(days[0]?.usdPerPhDay).toBeCloseTo((usdPerPhDay(D, 3.125) + usdPerPhDay(D, 1.5625)) / 2, 9);
    expect(summary.halving.day).toBe(0);
  });

  it('steps difficulty at each 2,016-block retarget', () => {
    const { days } = projectMargin({
      ...base,
      height: 2016 * 500,
      days: 30,
      difficultyGrowthPctPerEpoch: 10,
    });
    expect(days[13]?.difficulty).toBe(D);
    expect(days[14]?.difficulty).toBeCloseTo(D * 1.1, 0);
    expect(days[28]?.difficulty).toBeCloseTo(D * 1.21, 0);
    expect(days[14]?.usdPerPhDay).toBeCloseTo(usdPerPhDay(D * 1.1, 3.125), 9);
  });

  it.each([
    // S19j Pro fleet at $60/MWh: +$0.46/day per unit today; negative once difficulty is 1.05² × today
    [60, 5, 28],
    [200, 0, 0],
    [60, 0, null],
  ])('at $%f/MWh and %f pct/epoch margin turns negative on day %s', (priceUsdPerMwh, growth, expected) => {
    const fleet = { ...base, height: 2016 * 500, days: 60, hashrateThs: 104, powerW: 3068, priceUsdPerMwh };
    const { summary } = projectMargin({ ...fleet, difficultyGrowthPctPerEpoch: growth });
    expect(summary.daysUntilNegativeMargin).toBe(expected);
  });

  it('reports the halving shock at today’s and at projected difficulty', () => {
    const height = 1_008_000; // epoch 500; the halving falls in epoch 520, 20 retargets later
    const { summary } = projectMargin({ ...base, height, difficultyGrowthPctPerEpoch: 1 });
    expect(summary.marginUsdPerDayAfterHalvingAtTodaysDifficulty).toBeCloseTo(marginAt(D, 1.5625), 9);
    expect(summary.marginUsdPerDayAfterHalvingAtProjectedDifficulty).toBeCloseTo(
      marginAt(D * 1.01 ** 20, 1.5625),
      9,
    );
    // 42,000 blocks × 600 s = 291⅔ days after 2025-03-03T12:00Z.
    expect(summary.halving.dateIso).toBe('2025-12-20T04:00:00.000Z');
  });

  it('labels days with consecutive UTC dates and honours the block time', () => {
    const { days } = projectMargin({
      ...base,
      now: new Date('2024-02-27T23:30:00Z'),
      days: 4,
      avgBlockTimeS: 540,
    });
    expect(days.map((d) => d.dateIso)).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(days[1]?.height).toBe(900_160);
  });

  it.each([
    [{ days: 0 }],
    [{ days: MAX_PROJECTION_DAYS + 1 }],
    [{ days: 1.5 }],
    [{ difficultyGrowthPctPerEpoch: -76 }],
    [{ difficultyGrowthPctPerEpoch: 301 }],
    [{ height: -1 }],
    [{ difficulty: 0 }],
  ])('rejects %o', (override) => {
    expect(() => projectMargin({ ...base, ...override })).toThrow(RangeError);
  });

  it('never raises margin from one day to the next while difficulty grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.integer({ min: 1, max: 400 }),
        (height, growth, days) => {
          const series = projectMargin({ ...base, height, days, difficultyGrowthPctPerEpoch: growth }).days;
          expect(series).toHaveLength(days);
          for (let i = 1; i < series.length; i++) {
            expect(series[i]!.marginUsd).toBeLessThanOrEqual(series[i - 1]!.marginUsd + 1e-9);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('difficulty growth conversions', () => {
  it.each([
    [0, 0],
    [10, 4.481], // 2.174096 epochs per month at 600 s: 1.1^(1/2.174096) − 1
    [-10, -4.731],
  ])('%f pct per month ≈ %f pct per epoch', (monthly, epoch) => {
    expect(epochGrowthPctFromMonthlyPct(monthly)).toBeCloseTo(epoch, 3);
    expect(monthlyGrowthPctFromEpochPct(epochGrowthPctFromMonthlyPct(monthly))).toBeCloseTo(monthly, 10);
  });

  it('counts more epochs per month when blocks come faster', () => {
    expect(epochGrowthPctFromMonthlyPct(10, 540)).toBeLessThan(epochGrowthPctFromMonthlyPct(10, 600));
  });
});
