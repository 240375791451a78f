// The market "now": newest stored value of each series from the configured provider, with its age,
// provider and staleness, plus hashprice computed from those inputs by lib/economics. Read by the
// market API and by the money views (lib/economics/live), so every figure carries its provenance.
import type { GpuRateRow } from '../gpu/gpu-rates';
import {
  type Health,
  listProviderStatuses,
  type ProviderStatusRow,
  providerHealth,
  REFRESH_MS,
  STALE_AFTER_REFRESHES,
} from '../refresh/provider-status';
import { readGpuRateTable, readMarketSettings } from '../settings/market-settings';
import type { StoredMarketSettings } from '../settings/schema';
import { latestGpuRates, latestNetworkValue, type ProviderFilter } from '../store';
import type { NetworkSeries } from '../types';
import {
  computeHashprice,
  type HalvingNow,
  type HashpriceNow,
  halvingFrom,
  type MarketValue,
} from './hashprice-now';

export type GpuRateNow = {
  gpuModel: string;
  label: string | null;
  usdPerGpuH: number;
  ts: number;
  provider: string;
  simulated: boolean;
  stale: boolean;
  staleReason: string | null;
};

export type MarketSnapshot = {
  now: number;
  settings: StoredMarketSettings;
  btcUsd: MarketValue | null;
  difficulty: MarketValue | null;
  feesBtcPerBlock: MarketValue | null;
  blockHeight: MarketValue | null;
  networkHashrateEhs: MarketValue | null;
  hashprice: HashpriceNow | null;
  halving: HalvingNow;
  gpuRates: GpuRateNow[];
  statuses: ProviderStatusRow[];
};

export function networkFilter(settings: StoredMarketSettings): ProviderFilter {
  return { exact: settings.network };
}

export function btcFilter(settings: StoredMarketSettings): ProviderFilter {
  return settings.btcUsd === 'median' ? { prefix: 'median(' } : { exact: settings.btcUsd };
}

export function gpuFilter(settings: StoredMarketSettings): ProviderFilter {
  return { exact: settings.gpuRates === 'sim' ? 'sim' : 'gpu-table' };
}

/** Health of a feature, also stale while its status still belongs to a previously selected provider. */
export function featureHealth(
  status: ProviderStatusRow | undefined,
  selected: string,
  intervalMs: number,
  now: number,
): Health {
  if (status && status.provider !== selected)
    return { stale: true, reason: `waiting for the first refresh from ${selected}` };
  return providerHealth(status, intervalMs, now);
}

function valueWithHealth(
  stored: Awaited<ReturnType<typeof latestNetworkValue>>,
  health: Health,
  intervalMs: number,
  now: number,
): MarketValue | null {
  if (!stored) return null;
  const tooOld = now - stored.ts > STALE_AFTER_REFRESHES * intervalMs;
  const stale = health.stale || tooOld;
  return {
    ...stored,
    simulated: stored.provider === 'sim',
    stale,
    staleReason: health.reason ?? (tooOld ? 'value is older than 3 refresh intervals' : null),
  };
}

const NETWORK_INTERVAL = REFRESH_MS.network;

export async function loadMarketSnapshot(now: number): Promise<MarketSnapshot> {
  const settings = await readMarketSettings();
  const statuses = await listProviderStatuses();
  const status = (key: string) => statuses.find((s) => s.key === key);
  const networkHealth = featureHealth(status('network'), settings.network, NETWORK_INTERVAL, now);
  const btcHealth = featureHealth(status('btc_usd'), settings.btcUsd, REFRESH_MS.btc_usd, now);
  const net = (series: NetworkSeries) =>
    latestNetworkValue(series, networkFilter(settings), now).then((v) =>
      valueWithHealth(v, networkHealth, NETWORK_INTERVAL, now),
    );
  const [btcUsd, difficulty, feesBtcPerBlock, blockHeight, networkHashrateEhs] = await Promise.all([
    latestNetworkValue('btc_usd', btcFilter(settings), now).then((v) =>
      valueWithHealth(v, btcHealth, REFRESH_MS.btc_usd, now),
    ),
    net('difficulty'),
    net('fees_btc_per_block'),
    net('block_height'),
    net('network_hashrate_ehs'),
  ]);
  const table = await readGpuRateTable();
  const gpuRates = await loadGpuRates(settings, table, status('gpu_rates'), now);
  return {
    now,
    settings,
    btcUsd,
    difficulty,
    feesBtcPerBlock,
    blockHeight,
    networkHashrateEhs,
    hashprice: computeHashprice({ btcUsd, difficulty, feesBtcPerBlock, blockHeight }),
    halving: halvingFrom(blockHeight, now),
    gpuRates,
    statuses,
  };
}

async function loadGpuRates(
  settings: StoredMarketSettings,
  table: readonly GpuRateRow[],
  status: ProviderStatusRow | undefined,
  now: number,
): Promise<GpuRateNow[]> {
  const selected = settings.gpuRates === 'sim' ? 'sim' : 'gpu-table';
  const health = featureHealth(status, selected, REFRESH_MS.gpu_rates, now);
  const labels = new Map(table.map((r) => [r.gpuModel.toLowerCase(), r.label ?? null]));
  return (
    await latestGpuRates(
      table.map((r) => r.gpuModel),
      gpuFilter(settings),
    )
  ).map((r) => {
    const tooOld = now - r.ts > STALE_AFTER_REFRESHES * REFRESH_MS.gpu_rates;
    return {
      gpuModel: r.gpuModel,
      label: labels.get(r.gpuModel.toLowerCase()) ?? null,
      usdPerGpuH: r.usdPerGpuH,
      ts: r.ts,
      provider: r.provider,
      simulated: r.provider === 'sim',
      stale: health.stale || tooOld,
      staleReason: health.reason ?? (tooOld ? 'rate is older than 3 hours' : null),
    };
  });
}

export type { HalvingNow, HashpriceNow, MarketValue };
