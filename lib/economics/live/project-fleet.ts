import { projectMargin } from '../index';

/**
 * The fleet's margin through the next halving at today's BTC price, fees and power prices, under a
 * difficulty growth the user chooses. lib/economics `projectMargin` runs once per site (each site has
 * its own PUE, pool fee and power price) and the days are summed; AI margin is held at today's rate,
 * since the halving does not touch it. Pure.
 */
export type ProjectionSite = {
  siteId: number;
  siteName: string;
  hashrateThs: number;
  powerW: number;
  pue: number;
  poolFeePct: number;
  priceUsdPerMwh: number;
};

export type ProjectionMarket = {
  height: number;
  difficulty: number;
  btcUsd: number;
  feesBtcPerBlock: number;
};

export type FleetProjectionDay = {
  day: number;
  dateIso: string;
  height: number;
  subsidyBtc: number;
  difficulty: number;
  usdPerPhDay: number;
  miningRevenueUsd: number;
  miningEnergyCostUsd: number;
  miningMarginUsd: number;
  /** Mining margin plus today's AI margin. */
  fleetMarginUsd: number;
};

export type FleetProjectionSummary = {
  halving: { height: number; blocksRemaining: number; dateIso: string; day: number | null };
  miningMarginUsdPerDayToday: number;
  miningMarginUsdPerDayAfterHalvingAtTodaysDifficulty: number;
  miningMarginUsdPerDayAfterHalvingAtProjectedDifficulty: number;
  aiMarginUsdPerDay: number;
  fleetMarginUsdPerDayToday: number;
  fleetMarginUsdPerDayAfterHalving: number;
  daysUntilNegativeMiningMargin: number | null;
  daysUntilNegativeFleetMargin: number | null;
  totalMiningMarginUsd: number;
  totalFleetMarginUsd: number;
};

export function projectFleetMargin(args: {
  now: Date;
  days: number;
  sites: readonly ProjectionSite[];
  market: ProjectionMarket;
  difficultyGrowthPctPerEpoch: number;
  aiMarginUsdPerDay: number;
}): { days: FleetProjectionDay[]; summary: FleetProjectionSummary } {
  const { now, days, market, difficultyGrowthPctPerEpoch, aiMarginUsdPerDay } = args;
  const common = { now, days, ...market, difficultyGrowthPctPerEpoch };
  // A 1 PH/s reference with no cost gives the market path (hashprice, difficulty, subsidy per day).
  const reference = projectMargin({
    ...common,
    hashrateThs: 1000,
    powerW: 0,
    pue: 1,
    priceUsdPerMwh: 0,
    poolFeePct: 0,
  });
  const perSite = args.sites.map((s) =>
    projectMargin({
      ...common,
      hashrateThs: s.hashrateThs,
      powerW: s.powerW,
      pue: s.pue,
      priceUsdPerMwh: s.priceUsdPerMwh,
      poolFeePct: s.poolFeePct,
    }),
  );
  const series = reference.days.map((ref, i): FleetProjectionDay => {
    const revenue = perSite.reduce((a, p) => a + p.days[i]!.revenueUsd, 0);
    const cost = perSite.reduce((a, p) => a + p.days[i]!.energyCostUsd, 0);
    return {
      day: ref.day,
      dateIso: ref.dateIso,
      height: ref.height,
      subsidyBtc: ref.subsidyBtc,
      difficulty: ref.difficulty,
      usdPerPhDay: ref.usdPerPhDay,
      miningRevenueUsd: revenue,
      miningEnergyCostUsd: cost,
      miningMarginUsd: revenue - cost,
      fleetMarginUsd: revenue - cost + aiMarginUsdPerDay,
    };
  });
  const sum = (pick: (s: (typeof perSite)[number]['summary']) => number) =>
    perSite.reduce((a, p) => a + pick(p.summary), 0);
  const firstBelowZero = (pick: (d: FleetProjectionDay) => number) => {
    const i = series.findIndex((d) => pick(d) < 0);
    return i === -1 ? null : i;
  };
  const miningToday = sum((s) => s.marginUsdPerDayToday);
  const miningAfterProjected = sum((s) => s.marginUsdPerDayAfterHalvingAtProjectedDifficulty);
  const totalMining = sum((s) => s.totalMarginUsd);
  return {
    days: series,
    summary: {
      halving: reference.summary.halving,
      miningMarginUsdPerDayToday: miningToday,
      miningMarginUsdPerDayAfterHalvingAtTodaysDifficulty: sum(
        (s) => s.marginUsdPerDayAfterHalvingAtTodaysDifficulty,
      ),
      miningMarginUsdPerDayAfterHalvingAtProjectedDifficulty: miningAfterProjected,
      aiMarginUsdPerDay,
      fleetMarginUsdPerDayToday: miningToday + aiMarginUsdPerDay,
      fleetMarginUsdPerDayAfterHalving: miningAfterProjected + aiMarginUsdPerDay,
      daysUntilNegativeMiningMargin: firstBelowZero((d) => d.miningMarginUsd),
      daysUntilNegativeFleetMargin: firstBelowZero((d) => d.fleetMarginUsd),
      totalMiningMarginUsd: totalMining,
      totalFleetMarginUsd: totalMining + aiMarginUsdPerDay * days,
    },
  };
}
