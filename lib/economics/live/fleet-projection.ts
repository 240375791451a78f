import { z } from 'zod';
import { QueryId } from '@/lib/ids';
import { type Actor, requireRole } from '../../auth/actor';
import { AppError } from '../../errors';
import {
  averagePriceUsdPerMwh,
  listSiteContracts,
  sitePriceSeries,
} from '../../market/electricity/site-price';
import { type MarketValueView, marketValueView } from '../../market/views/latest';
import { loadMarketSnapshot } from '../../market/views/snapshot';
import {
  blocksUntilNextHalving,
  epochGrowthPctFromMonthlyPct,
  MAX_PROJECTION_DAYS,
  monthlyGrowthPctFromEpochPct,
  TARGET_BLOCK_INTERVAL_S,
} from '../index';
import { getEconomicsSummary } from './money';
import {
  type FleetProjectionDay,
  type FleetProjectionSummary,
  type ProjectionSite,
  projectFleetMargin,
} from './project-fleet';

const num = (label: string) =>
  z.coerce.number({ error: `${label} must be a number` }).refine(Number.isFinite, `${label} must be finite`);

/** Query of GET /api/v1/economics/projection; bad values are 400s naming the field. */
export const ProjectionQuerySchema = z
  .strictObject({
    days: z.coerce.number().int('days must be a whole number').min(1).max(MAX_PROJECTION_DAYS).optional(),
    growthPctPerMonth: num('growthPctPerMonth').pipe(z.number().min(-50).max(100)).optional(),
    growthPctPerEpoch: num('growthPctPerEpoch').pipe(z.number().min(-75).max(300)).optional(),
    siteId: QueryId.optional(),
  })
  .refine((q) => q.growthPctPerMonth === undefined || q.growthPctPerEpoch === undefined, {
    path: ['growthPctPerEpoch'],
    message: 'give either growthPctPerMonth or growthPctPerEpoch, not both',
  });
export type ProjectionQuery = z.infer<typeof ProjectionQuerySchema>;

export type FleetProjection = {
  asOf: string;
  horizonDays: number;
  difficultyGrowthPctPerEpoch: number;
  difficultyGrowthPctPerMonth: number;
  inputs: {
    btcUsd: MarketValueView;
    difficulty: MarketValueView;
    feesBtcPerBlock: MarketValueView;
    blockHeight: MarketValueView;
    priceBasis: string;
    sites: (ProjectionSite & { priceProvider: string | null })[];
    excludedSites: { siteId: number; siteName: string; reason: string }[];
    aiMarginUsdPerDay: number;
  };
  summary: FleetProjectionSummary;
  series: FleetProjectionDay[];
};

const DAY_MS = 86_400_000;

/** Margin through the next halving (plus ~6 months by default) from live hashrate, power, prices and market. */
export async function getFleetProjection(
  actor: Actor,
  query: ProjectionQuery,
  now: number,
): Promise<FleetProjection> {
  requireRole(actor, 'viewer');
  const snapshot = await loadMarketSnapshot(now);
  const { btcUsd, difficulty, feesBtcPerBlock, blockHeight } = snapshot;
  if (!btcUsd || !difficulty || !feesBtcPerBlock || !blockHeight) {
    throw new AppError(
      409,
      'market_data_missing',
      'BTC price, difficulty, fees and block height are needed; the market has not been refreshed yet',
    );
  }
  const growthPctPerEpoch =
    query.growthPctPerEpoch ?? epochGrowthPctFromMonthlyPct(query.growthPctPerMonth ?? 0);
  const summary = await getEconomicsSummary(actor, { siteId: query.siteId }, now);
  const contracts = new Map((await listSiteContracts(actor)).map((c) => [c.id, c]));
  const sites: FleetProjection['inputs']['sites'] = [];
  const excludedSites: FleetProjection['inputs']['excludedSites'] = [];
  for (const site of summary.sites) {
    const contract = contracts.get(site.siteId);
    const series = contract
      ? await sitePriceSeries(contract, now - DAY_MS, now)
      : { points: [], reason: 'unknown site' };
    const average = averagePriceUsdPerMwh(series.points);
    if (average === null) {
      if (site.mining.hashrateThs > 0 || site.mining.powerW > 0)
        excludedSites.push({
          siteId: site.siteId,
          siteName: site.siteName,
          reason: series.reason ?? 'no prices in the last 24 h',
        });
      continue;
    }
    sites.push({
      siteId: site.siteId,
      siteName: site.siteName,
      hashrateThs: site.mining.hashrateThs,
      powerW: site.mining.powerW,
      pue: site.pue,
      poolFeePct: site.poolFeePct,
      priceUsdPerMwh: average,
      priceProvider: series.points[0]?.provider ?? null,
    });
  }
  const height = Math.floor(blockHeight.value);
  const daysToHalving = (blocksUntilNextHalving(height) * TARGET_BLOCK_INTERVAL_S) / 86_400;
  const horizonDays = query.days ?? Math.min(MAX_PROJECTION_DAYS, Math.ceil(daysToHalving) + 180);
  const aiMarginUsdPerDay = summary.fleet.ai.marginUsdPerDay;
  const projection = projectFleetMargin({
    now: new Date(now),
    days: horizonDays,
    sites,
    market: {
      height,
      difficulty: difficulty.value,
      btcUsd: btcUsd.value,
      feesBtcPerBlock: feesBtcPerBlock.value,
    },
    difficultyGrowthPctPerEpoch: growthPctPerEpoch,
    aiMarginUsdPerDay,
  });
  return {
    asOf: new Date(now).toISOString(),
    horizonDays,
    difficultyGrowthPctPerEpoch: growthPctPerEpoch,
    difficultyGrowthPctPerMonth: query.growthPctPerMonth ?? monthlyGrowthPctFromEpochPct(growthPctPerEpoch),
    inputs: {
      btcUsd: marketValueView(btcUsd)!,
      difficulty: marketValueView(difficulty)!,
      feesBtcPerBlock: marketValueView(feesBtcPerBlock)!,
      blockHeight: marketValueView(blockHeight)!,
      priceBasis: 'each site’s average power price over the last 24 h',
      sites,
      excludedSites,
      aiMarginUsdPerDay,
    },
    summary: projection.summary,
    series: projection.days,
  };
}
