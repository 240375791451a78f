import { describe, expect, it } from 'vitest';
import { projectMargin } from '../index';
import { type ProjectionSite, projectFleetMargin } from './project-fleet';

const market = { height: 1_045_000, difficulty: 108.52e12, btcUsd: 93_450, feesBtcPerBlock: 0.0931 };
const A: ProjectionSite = {
  siteId: 1,
  siteName: 'A',
  hashrateThs: 2000,
  powerW: 35_000,
  pue: 1.05,
  poolFeePct: 2,
  priceUsdPerMwh: 40,
};
const B: ProjectionSite = {
  siteId: 2,
  siteName: 'B',
  hashrateThs: 1000,
  powerW: 20_000,
  pue: 1.1,
  poolFeePct: 0,
  priceUsdPerMwh: 60,
};
const now = new Date('2026-11-21T00:00:00Z');

describe('projectFleetMargin', () => {
  it('hand-computed halving shock at flat difficulty: subsidy 3.125 → 1.5625', () => {
    const p = projectFleetMargin({
      now,
      days: 60,
      sites: [A, B],
      market,
      difficultyGrowthPctPerEpoch: 0,
      aiMarginUsdPerDay: 100,
    });
    // A: $109.2645 − $35.28 today; revenue × (1.5625 + 0.0931) / 3.2181 after. B: $55.7472 − $31.68.
    expect(p.summary.miningMarginUsdPerDayToday).toBeCloseTo(73.9845 + 24.0672, 3);
    expect(p.summary.miningMarginUsdPerDayAfterHalvingAtTodaysDifficulty).toBeCloseTo(20.9328 - 3.0, 3);
    expect(p.summary.fleetMarginUsdPerDayAfterHalving).toBeCloseTo(20.9328 - 3.0 + 100, 3);
    // 5,000 blocks to the halving at 144/day → day 34.
    expect(p.summary.halving).toMatchObject({ height: 1_050_000, blocksRemaining: 5000, day: 34 });
    expect(p.days[0]!.miningMarginUsd).toBeCloseTo(98.0517, 3);
    expect(p.days[40]!.miningMarginUsd).toBeCloseTo(17.9328, 3);
    expect(p.days[40]!.subsidyBtc).toBe(1.5625);
    expect(p.summary.daysUntilNegativeMiningMargin).toBeNull();
  });

  it('equals the sum of projectMargin per site, day by day', () => {
    const args = { now, days: 400, market, difficultyGrowthPctPerEpoch: 1.5 };
    const fleet = projectFleetMargin({ ...args, sites: [A, B], aiMarginUsdPerDay: 0 });
    const single = [A, B].map((s) => projectMargin({ ...args, ...market, ...s }));
    for (const i of [0, 33, 34, 35, 399]) {
      expect(fleet.days[i]!.miningMarginUsd).toBeCloseTo(
        single[0]!.days[i]!.marginUsd + single[1]!.days[i]!.marginUsd,
        8,
      );
    }
    expect(fleet.summary.totalMiningMarginUsd).toBeCloseTo(
      single[0]!.summary.totalMarginUsd + single[1]!.summary.totalMarginUsd,
      6,
    );
  });

  it('finds the first day the margin turns negative under growth, with and without AI', () => {
    const p = projectFleetMargin({
      now,
      days: 400,
      sites: [B],
      market,
      difficultyGrowthPctPerEpoch: 3,
      aiMarginUsdPerDay: 50,
    });
    const mining = p.summary.daysUntilNegativeMiningMargin!;
    expect(mining).toBeGreaterThan(0);
    expect(p.days[mining]!.miningMarginUsd).toBeLessThan(0);
    expect(p.days[mining - 1]!.miningMarginUsd).toBeGreaterThanOrEqual(0);
    expect(p.summary.daysUntilNegativeFleetMargin ?? Number.POSITIVE_INFINITY).toBeGreaterThan(mining);
  });

  it('without sites the market path is still there and the margin is the AI margin', () => {
    const p = projectFleetMargin({
      now,
      days: 3,
      sites: [],
      market,
      difficultyGrowthPctPerEpoch: 0,
      aiMarginUsdPerDay: 12,
    });
    expect(p.days.map((d) => d.fleetMarginUsd)).toEqual([12, 12, 12]);
    expect(p.days[0]!.usdPerPhDay).toBeCloseTo(55.747, 2);
  });
});
