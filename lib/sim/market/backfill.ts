// First-start market history for the embedded demo: hourly simulated points for the last N days,
// so the Market page's charts are full at once. Only features set to the simulator are filled;
// a real provider's history is never invented.

import { queryRows, sql } from '../../db/raw';
import { getEnv } from '../../env';
import { parseSpotSource } from '../../market/electricity/spot-source';
import { recordProviderOk, statusKeyForSite } from '../../market/refresh/provider-status';
import { refreshWindow } from '../../market/refresh/refresh-electricity';
import { effectiveEurUsd, readGpuRateTable, readMarketSettings } from '../../market/settings/market-settings';
import { hasMarketHistory, storeEnergyPrices, storeGpuRates, storeNetworkPoints } from '../../market/store';
import type { GpuRatePoint, NetworkPoint } from '../../market/types';
import { simElectricitySeries, simGpuRatePointsAt, simNetworkPointsAt } from './providers';

const HOUR_MS = 3_600_000;

export type MarketBackfillResult = {
  networkPoints: number;
  gpuPoints: number;
  energyPoints: number;
  days: number;
};

/** Called as each part starts (network series, GPU rates, each spot-priced site): parts done, total, part. */
export type MarketBackfillProgress = (done: number, total: number, part: string) => void;

export async function backfillMarket(
  now: number,
  days = 30,
  onProgress: MarketBackfillProgress = () => {},
): Promise<MarketBackfillResult> {
  const settings = await readMarketSettings();
  const sites = await queryRows<{ id: number; timezone: string; spot_source: string | null }>(
    sql`SELECT id, timezone, spot_source FROM site WHERE contract_kind = 'spot'`,
  );
  const total = 2 + sites.length;
  onProgress(0, total, 'network and BTC/USD');
  const seed = getEnv().SWITCHYARD_SIM_SEED;
  const end = now - (now % HOUR_MS);
  const hours: number[] = [];
  for (let t = end - days * 24 * HOUR_MS; t <= end; t += HOUR_MS) hours.push(t);

  const network: NetworkPoint[] = [];
  if (settings.network === 'sim' || settings.btcUsd === 'sim') {
    for (const ts of hours) {
      for (const p of simNetworkPointsAt(seed, ts)) {
        const simulated = p.series === 'btc_usd' ? settings.btcUsd === 'sim' : settings.network === 'sim';
        if (simulated) network.push(p);
      }
    }
  }
  await storeNetworkPoints(network, now);
  if (settings.network === 'sim') await recordProviderOk('network', 'sim', now);
  if (settings.btcUsd === 'sim') await recordProviderOk('btc_usd', 'sim', now);
  onProgress(1, total, 'GPU rates');

  const gpu: GpuRatePoint[] = [];
  if (settings.gpuRates === 'sim') {
    const table = await readGpuRateTable();
    for (const ts of hours) gpu.push(...simGpuRatePointsAt(seed, ts, table));
    await storeGpuRates(gpu, now);
    await recordProviderOk('gpu_rates', 'sim', now);
  }

  let energyPoints = 0;
  for (const [index, site] of sites.entries()) {
    onProgress(2 + index, total, `electricity prices of site ${site.id}`);
    const parsed = parseSpotSource(site.spot_source);
    if (!parsed.ok || parsed.source.kind !== 'sim') continue;
    const window = refreshWindow(parsed.source, now, site.timezone);
    const points = simElectricitySeries(
      { profile: parsed.source.profile, seed, eurUsd: effectiveEurUsd(settings) },
      hours[0]!,
      window.toMs,
    );
    energyPoints += await storeEnergyPrices(Number(site.id), points, now);
    await recordProviderOk(statusKeyForSite(Number(site.id)), parsed.source.provider, now);
  }
  return { networkPoints: network.length, gpuPoints: gpu.length, energyPoints, days };
}

/** Backfills only a database without any market history (first start of the demo). */
export async function backfillMarketIfEmpty(
  now = Date.now(),
  days = 30,
  onProgress?: MarketBackfillProgress,
): Promise<MarketBackfillResult | null> {
  if (await hasMarketHistory()) return null;
  return backfillMarket(now, days, onProgress);
}
