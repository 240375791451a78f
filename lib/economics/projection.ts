import {
  DAYS_PER_MONTH,
  DIFFICULTY_EPOCH_BLOCKS,
  HALVING_INTERVAL_BLOCKS,
  MAX_RETARGET_FACTOR,
  SECONDS_PER_DAY,
  TARGET_BLOCK_INTERVAL_S,
} from './constants';
import { requireNonNegative, requireNonNegativeInteger, requirePositive } from './guards';
import { hashprice } from './hashprice';
import { energyCostUsdPerDay, miningRevenuePerDay } from './mining';
import { estimateHalvingDate, subsidyBtcAtHeight } from './subsidy';

/**
 * Margin projection for a fleet under steady difficulty growth, through the next halving.
 *
 * Growth is expressed per 2,016-block epoch because that is how difficulty actually moves: it is constant
 * within an epoch and steps at every retarget height. Use `epochGrowthPctFromMonthlyPct` to convert a
 * monthly figure. BTC price, fees, power price and the fleet are held at today's values; blocks arrive
 * every `avgBlockTimeS`. Each day's revenue is weighted by how many of its blocks fall either side of a
 * retarget or halving height, so the halving day is neither all-old nor all-new subsidy.
 */

export const MAX_PROJECTION_DAYS = 3660;

function epochsPerMonth(avgBlockTimeS: number): number {
  return (
    (DAYS_PER_MONTH * SECONDS_PER_DAY) /
    (DIFFICULTY_EPOCH_BLOCKS * requirePositive('avgBlockTimeS', avgBlockTimeS))
  );
}

/** Compound-equivalent growth per epoch: (1 + m)^(1 / epochs per month) − 1, in percent. */
export function epochGrowthPctFromMonthlyPct(
  pctPerMonth: number,
  avgBlockTimeS = TARGET_BLOCK_INTERVAL_S,
): number {
  if (!(Number.isFinite(pctPerMonth) && pctPerMonth > -100)) {
    throw new RangeError(`pctPerMonth must be > -100, got ${pctPerMonth}`);
  }
  return ((1 + pctPerMonth / 100) ** (1 / epochsPerMonth(avgBlockTimeS)) - 1) * 100;
}

export function monthlyGrowthPctFromEpochPct(
  pctPerEpoch: number,
  avgBlockTimeS = TARGET_BLOCK_INTERVAL_S,
): number {
  return ((1 + checkEpochGrowthPct(pctPerEpoch) / 100) ** epochsPerMonth(avgBlockTimeS) - 1) * 100;
}

/** A single retarget cannot move difficulty by more than ×4 or ÷4 (consensus clamp). */
function checkEpochGrowthPct(pctPerEpoch: number): number {
  const factor = 1 + pctPerEpoch / 100;
  if (!(Number.isFinite(factor) && factor >= 1 / MAX_RETARGET_FACTOR && factor <= MAX_RETARGET_FACTOR)) {
    throw new RangeError(`difficulty growth per epoch must be within −75%…+300%, got ${pctPerEpoch}`);
  }
  return pctPerEpoch;
}

export type ProjectionInputs = {
  now: Date;
  days: number;
  height: number;
  difficulty: number;
  btcUsd: number;
  feesBtcPerBlock: number;
  hashrateThs: number;
  powerW: number;
  pue: number;
  priceUsdPerMwh: number;
  poolFeePct: number;
  difficultyGrowthPctPerEpoch: number;
  uptime?: number;
  avgBlockTimeS?: number;
};

export type ProjectionDay = {
  day: number;
  /** UTC calendar date of `now + day` days. */
  dateIso: string;
  /** Chain height, subsidy and difficulty at the day's first block. */
  height: number;
  subsidyBtc: number;
  difficulty: number;
  /** Block-weighted hashprice over the day. */
  usdPerPhDay: number;
  revenueBtc: number;
  revenueUsd: number;
  energyCostUsd: number;
  marginUsd: number;
};

export type ProjectionSummary = {
  /** Index of the first day with negative margin (0 = already negative today); null if none in range. */
  daysUntilNegativeMargin: number | null;
  halving: { height: number; blocksRemaining: number; dateIso: string; day: number | null };
  marginUsdPerDayToday: number;
  /** Today's difficulty, price and fees with the post-halving subsidy: the halving shock alone. */
  marginUsdPerDayAfterHalvingAtTodaysDifficulty: number;
  /** As above, with difficulty grown to its projected value at the halving height. */
  marginUsdPerDayAfterHalvingAtProjectedDifficulty: number;
  totalRevenueUsd: number;
  totalEnergyCostUsd: number;
  totalMarginUsd: number;
};

export function projectMargin(inputs: ProjectionInputs): {
  days: ProjectionDay[];
  summary: ProjectionSummary;
} {
  const { now, days, height, difficulty, btcUsd, feesBtcPerBlock, hashrateThs, powerW, pue, priceUsdPerMwh } =
    inputs;
  const { poolFeePct, uptime = 1, avgBlockTimeS = TARGET_BLOCK_INTERVAL_S } = inputs;
  if (!(Number.isSafeInteger(days) && days >= 1 && days <= MAX_PROJECTION_DAYS)) {
    throw new RangeError(`days must be an integer 1…${MAX_PROJECTION_DAYS}, got ${days}`);
  }
  requireNonNegativeInteger('height', height);
  requirePositive('difficulty', difficulty);
  requireNonNegative('btcUsd', btcUsd);
  const growthFactor = 1 + checkEpochGrowthPct(inputs.difficultyGrowthPctPerEpoch) / 100;
  const blocksPerDay = SECONDS_PER_DAY / requirePositive('avgBlockTimeS', avgBlockTimeS);
  const startEpoch = Math.floor(height / DIFFICULTY_EPOCH_BLOCKS);

  const difficultyAt = (h: number) =>
    difficulty * growthFactor ** (Math.floor(h / DIFFICULTY_EPOCH_BLOCKS) - startEpoch);
  const revenueUsdPerDay = (d: number, subsidyBtc: number) =>
    miningRevenuePerDay({
      hashrateThs,
      hashprice: hashprice({ difficulty: d, btcUsd, feesBtcPerBlock, subsidyBtc }),
      poolFeePct,
      uptime,
    }).usd;
  const energyCostUsd = energyCostUsdPerDay({ powerW, pue, priceUsdPerMwh, uptime });

  const series: ProjectionDay[] = [];
  for (let day = 0; day < days; day++) {
    const startH = height + day * blocksPerDay;
    const endH = startH + blocksPerDay;
    let btcPerThDay = 0;
    for (let h = startH; h < endH; ) {
      const block = Math.floor(h);
      const next = Math.min(
        endH,
        (Math.floor(block / DIFFICULTY_EPOCH_BLOCKS) + 1) * DIFFICULTY_EPOCH_BLOCKS,
        (Math.floor(block / HALVING_INTERVAL_BLOCKS) + 1) * HALVING_INTERVAL_BLOCKS,
      );
      const rates = hashprice({
        difficulty: difficultyAt(block),
        btcUsd,
        feesBtcPerBlock,
        subsidyBtc: subsidyBtcAtHeight(block),
      });
      btcPerThDay += (rates.btcPerThDay * (next - h)) / blocksPerDay;
      h = next;
    }
    const firstBlock = Math.floor(startH);
    const revenueBtc = miningRevenuePerDay({
      hashrateThs,
      hashprice: { btcPerThDay, usdPerThDay: btcPerThDay * btcUsd },
      poolFeePct,
      uptime,
    }).btc;
    const revenueUsd = revenueBtc * btcUsd;
    series.push({
      day,
      dateIso: new Date(now.getTime() + day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10),
      height: firstBlock,
      subsidyBtc: subsidyBtcAtHeight(firstBlock),
      difficulty: difficultyAt(firstBlock),
      usdPerPhDay: btcPerThDay * btcUsd * 1000,
      revenueBtc,
      revenueUsd,
      energyCostUsd,
      marginUsd: revenueUsd - energyCostUsd,
    });
  }

  const halving = estimateHalvingDate({ height, now, avgBlockTimeS });
  const halvingDay = Math.floor(halving.blocksRemaining / blocksPerDay);
  const postHalvingSubsidyBtc = subsidyBtcAtHeight(halving.halvingHeight);
  const negativeIndex = series.findIndex((d) => d.marginUsd < 0);
  const totalRevenueUsd = series.reduce((sum, d) => sum + d.revenueUsd, 0);
  return {
    days: series,
    summary: {
      daysUntilNegativeMargin: negativeIndex === -1 ? null : negativeIndex,
      halving: {
        height: halving.halvingHeight,
        blocksRemaining: halving.blocksRemaining,
        dateIso: halving.date.toISOString(),
        day: halvingDay < days ? halvingDay : null,
      },
      marginUsdPerDayToday: revenueUsdPerDay(difficulty, subsidyBtcAtHeight(height)) - energyCostUsd,
      marginUsdPerDayAfterHalvingAtTodaysDifficulty:
        revenueUsdPerDay(difficulty, postHalvingSubsidyBtc) - energyCostUsd,
      marginUsdPerDayAfterHalvingAtProjectedDifficulty:
        revenueUsdPerDay(difficultyAt(halving.halvingHeight), postHalvingSubsidyBtc) - energyCostUsd,
      totalRevenueUsd,
      totalEnergyCostUsd: energyCostUsd * days,
      totalMarginUsd: totalRevenueUsd - energyCostUsd * days,
    },
  };
}
