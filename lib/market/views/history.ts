import { z } from 'zod';
// GET /api/v1/market/history: bucketed market series for charts (≤ 1,500 points each), read from the
// configured provider only, each with the provider names it was built from. Hashprice is computed per
// bucket from the stored inputs with lib/economics, never stored as a second truth.
import { type Actor, requireRole } from '../../auth/actor';
import { CURRENT_SUBSIDY_BTC, hashprice, subsidyBtcAtHeight } from '../../economics';
import { AppError } from '../../errors';
import { NICE_STEPS_MS, niceStepMs } from '../../time/steps';
import { averagePriceUsdPerMwh, getSiteContract, sitePriceSeries } from '../electricity/site-price';
import { readMarketSettings } from '../settings/market-settings';
import { type BucketValue, gpuRateBuckets, networkBuckets } from '../store';
import type { NetworkSeries } from '../types';
import { btcFilter, gpuFilter, networkFilter } from './snapshot';

export const HISTORY_MAX_POINTS = 1500;
const QUARTER_HOUR_MS = 900_000;
// Electricity prices come in 15-minute or hourly intervals: only steps that divide a quarter hour or
// are whole quarter hours bucket them evenly (no 2- or 10-minute steps).
const PRICE_ALIGNED_STEPS_MS = NICE_STEPS_MS.filter(
  (s) => QUARTER_HOUR_MS % s === 0 || s % QUARTER_HOUR_MS === 0,
);

/** Smallest nice step ≥ the series' own resolution that keeps a range under the point limit. */
export function historyStepMs(spanMs: number, minStepMs: number): number {
  return niceStepMs(spanMs, minStepMs, HISTORY_MAX_POINTS, PRICE_ALIGNED_STEPS_MS);
}

const NETWORK_KEYS: Record<string, { series: NetworkSeries; label: string; unit: string }> = {
  btc_usd: { series: 'btc_usd', label: 'BTC/USD', unit: 'USD' },
  difficulty: { series: 'difficulty', label: 'Difficulty', unit: '' },
  fees_btc_per_block: { series: 'fees_btc_per_block', label: 'Fees per block', unit: 'BTC' },
  network_hashrate_ehs: { series: 'network_hashrate_ehs', label: 'Network hashrate', unit: 'EH/s' },
  block_height: { series: 'block_height', label: 'Block height', unit: '' },
};
export const HISTORY_SERIES_PATTERN =
  /^(btc_usd|difficulty|fees_btc_per_block|network_hashrate_ehs|block_height|hashprice_usd_per_ph_day|site:\d{1,9}|gpu:[A-Za-z0-9._-]{1,64})$/;

/** `?series=a,b&series=c`: names of the series to chart. */
export const HistorySeriesQuery = z.object({
  series: z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(HISTORY_SERIES_PATTERN, 'unknown series'))
        .min(1, 'name at least one series')
        .max(20, 'at most 20 series'),
    ),
});

export type HistorySeries = {
  key: string;
  label: string;
  unit: string;
  stepMs: number;
  providers: string[];
  simulated: boolean;
  points: { ts: number; value: number }[];
  /** Why the series is empty, when it is. */
  reason: string | null;
};

export type MarketHistory = { from: number; to: number; series: HistorySeries[] };

function fromBuckets(
  key: string,
  label: string,
  unit: string,
  stepMs: number,
  buckets: BucketValue[],
): HistorySeries {
  const providers = [...new Set(buckets.map((b) => b.provider))];
  return {
    key,
    label,
    unit,
    stepMs,
    providers,
    simulated: providers.some((p) => p === 'sim' || p.startsWith('sim-')),
    points: buckets.map((b) => ({ ts: b.ts, value: b.value })),
    reason: buckets.length === 0 ? 'no stored values from the configured provider in this range' : null,
  };
}

export async function getMarketHistory(
  actor: Actor,
  query: { series: readonly string[]; from: number; to: number },
): Promise<MarketHistory> {
  requireRole(actor, 'viewer');
  const settings = await readMarketSettings();
  const { from, to } = query;
  const span = to - from;
  const out: HistorySeries[] = [];
  for (const key of query.series) {
    if (!HISTORY_SERIES_PATTERN.test(key))
      throw new AppError(400, 'bad_request', `unknown series "${key}"`, [
        { path: 'series', message: `unknown series "${key}"` },
      ]);
    const network = NETWORK_KEYS[key];
    if (network) {
      const step = historyStepMs(span, 60_000);
      const filter = key === 'btc_usd' ? btcFilter(settings) : networkFilter(settings);
      out.push(
        fromBuckets(
          key,
          network.label,
          network.unit,
          step,
          await networkBuckets(network.series, filter, from, to, step),
        ),
      );
    } else if (key === 'hashprice_usd_per_ph_day') {
      out.push(await hashpriceHistory(settings, from, to, historyStepMs(span, 60_000)));
    } else if (key.startsWith('gpu:')) {
      const model = key.slice(4);
      const step = historyStepMs(span, 3_600_000);
      out.push(
        fromBuckets(
          key,
          model,
          'USD/GPU-h',
          step,
          await gpuRateBuckets(model, gpuFilter(settings), from, to, step),
        ),
      );
    } else {
      out.push(await sitePriceHistory(actor, Number(key.slice(5)), from, to, historyStepMs(span, 3_600_000)));
    }
  }
  return { from, to, series: out };
}

async function hashpriceHistory(
  settings: Awaited<ReturnType<typeof readMarketSettings>>,
  from: number,
  to: number,
  step: number,
): Promise<HistorySeries> {
  const [btc, difficulty, fees, height] = await Promise.all([
    networkBuckets('btc_usd', btcFilter(settings), from, to, step),
    networkBuckets('difficulty', networkFilter(settings), from, to, step),
    networkBuckets('fees_btc_per_block', networkFilter(settings), from, to, step),
    networkBuckets('block_height', networkFilter(settings), from, to, step),
  ]);
  const byTs = (list: BucketValue[]) => new Map(list.map((b) => [b.ts, b]));
  const [d, f, h] = [byTs(difficulty), byTs(fees), byTs(height)];
  const buckets: BucketValue[] = [];
  for (const b of btc) {
    const dv = d.get(b.ts);
    const fv = f.get(b.ts);
    if (!dv || !fv) continue;
    const hv = h.get(b.ts);
    const subsidyBtc = hv ? subsidyBtcAtHeight(Math.floor(hv.value)) : CURRENT_SUBSIDY_BTC;
    const rates = hashprice({ difficulty: dv.value, btcUsd: b.value, feesBtcPerBlock: fv.value, subsidyBtc });
    buckets.push({ ts: b.ts, value: rates.usdPerPhDay, provider: `${b.provider}+${dv.provider}` });
  }
  const series = fromBuckets('hashprice_usd_per_ph_day', 'Hashprice', 'USD/PH/day', step, buckets);
  const providers = [...new Set([...btc, ...difficulty, ...fees].map((b) => b.provider))];
  return { ...series, providers, simulated: providers.some((p) => p === 'sim') };
}

async function sitePriceHistory(
  actor: Actor,
  siteId: number,
  from: number,
  to: number,
  step: number,
): Promise<HistorySeries> {
  const site = await getSiteContract(actor, siteId);
  const { points, reason } = await sitePriceSeries(site, from, to);
  const groups = new Map<number, typeof points>();
  for (const p of points) {
    const bucket = p.intervalStart - (p.intervalStart % step);
    const group = groups.get(bucket);
    if (group) group.push(p);
    else groups.set(bucket, [p]);
  }
  const providers = [...new Set(points.map((p) => p.provider))];
  return {
    key: `site:${siteId}`,
    label: site.name,
    unit: 'USD/MWh',
    stepMs: step,
    providers,
    simulated: points.some((p) => p.simulated),
    points: [...groups.entries()].map(([ts, group]) => ({ ts, value: averagePriceUsdPerMwh(group)! })),
    reason,
  };
}
