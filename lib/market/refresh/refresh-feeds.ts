// Scheduled refresh of the network series, BTC/USD and GPU rates. Simulated sources write the
// deterministic value at the (minute- or hour-aligned) instant; real sources go through the
// lib/market fetch functions. A rejected answer is logged with its reason and recorded in
// provider_status; the stored last good value stays, and nothing simulated is written in its place.
import { getEnv } from '../../env';
import { simBtcUsdAt } from '../../sim/market/btc';
import { simGpuRatePointsAt, simNetworkPointsAt } from '../../sim/market/providers';
import { gpuRatePoints } from '../gpu/gpu-rates';
import { fetchMedianBtcUsd } from '../providers/btc-price';
import { createCoinbaseProvider } from '../providers/coinbase';
import { createCoingeckoProvider } from '../providers/coingecko';
import type { HttpOptions } from '../providers/http';
import { createKrakenProvider } from '../providers/kraken';
import type { MarketLogger } from '../providers/last-good';
import { fetchMempoolLatest } from '../providers/mempool-fetch';
import type { ProviderError } from '../providers/result';
import { readGpuRateTable, readMarketSettings } from '../settings/market-settings';
import type { BtcUsdSource, StoredMarketSettings } from '../settings/schema';
import { storeGpuRates, storeNetworkPoints } from '../store';
import type { BtcPriceProvider, FetchContext, NetworkPoint } from '../types';
import { recordProviderError, recordProviderOk } from './provider-status';

export type RefreshDeps = {
  /** Fake fetch/sleep for tests on recorded responses. */
  http?: HttpOptions;
  log?: MarketLogger;
  seed?: number;
  settings?: StoredMarketSettings;
};

export type RefreshOutcome =
  | { key: string; provider: string; ok: true; stored: number }
  | { key: string; provider: string; ok: false; code: string; message: string };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export const consoleMarketLogger: MarketLogger = {
  warn: (message, fields) => console.warn(`[market] ${message}`, fields ?? ''),
};

/** Logs the rejection with its reason and records it; the previous stored value is left in place. */
export async function rejectAnswer(
  key: string,
  provider: string,
  error: Pick<ProviderError, 'code' | 'message'>,
  now: number,
  log: MarketLogger,
): Promise<RefreshOutcome> {
  log.warn(`${key}: ${provider} rejected (${error.code}) ${error.message}; keeping last good value`, {
    key,
    provider,
    code: error.code,
  });
  await recordProviderError(key, provider, now, `${error.code}: ${error.message}`);
  return { key, provider, ok: false, code: error.code, message: error.message };
}

async function accept(key: string, provider: string, points: NetworkPoint[], now: number) {
  const stored = await storeNetworkPoints(points, now);
  await recordProviderOk(key, provider, now);
  return { key, provider, ok: true as const, stored };
}

function context(now: number, deps: RefreshDeps): FetchContext {
  return { nowMs: now, http: deps.http };
}

export async function refreshNetwork(now: number, deps: RefreshDeps = {}): Promise<RefreshOutcome> {
  const settings = deps.settings ?? (await readMarketSettings());
  const log = deps.log ?? consoleMarketLogger;
  if (settings.network === 'sim') {
    const ts = now - (now % MINUTE_MS);
    const points = simNetworkPointsAt(deps.seed ?? getEnv().SWITCHYARD_SIM_SEED, ts).filter(
      (p) => p.series !== 'btc_usd',
    );
    return accept('network', 'sim', points, now);
  }
  const result = await fetchMempoolLatest(context(now, deps), { baseUrl: settings.config.mempool?.baseUrl });
  if (!result.ok) return rejectAnswer('network', 'mempool', result.error, now, log);
  for (const warning of result.warnings) log.warn(`network: mempool ${warning}`, { key: 'network' });
  return accept('network', 'mempool', result.value, now);
}

function btcProviders(
  settings: StoredMarketSettings,
): Record<Exclude<BtcUsdSource, 'sim' | 'median'>, BtcPriceProvider> {
  const { coinbase, kraken, coingecko } = settings.config;
  return {
    coinbase: createCoinbaseProvider({ baseUrl: coinbase?.baseUrl }),
    kraken: createKrakenProvider({ baseUrl: kraken?.baseUrl }),
    coingecko: createCoingeckoProvider({ demoApiKey: coingecko?.demoApiKey, baseUrl: coingecko?.baseUrl }),
  };
}

export async function refreshBtcUsd(now: number, deps: RefreshDeps = {}): Promise<RefreshOutcome> {
  const settings = deps.settings ?? (await readMarketSettings());
  const log = deps.log ?? consoleMarketLogger;
  const source = settings.btcUsd;
  if (source === 'sim') {
    const ts = now - (now % MINUTE_MS);
    const value = simBtcUsdAt(deps.seed ?? getEnv().SWITCHYARD_SIM_SEED, ts);
    return accept('btc_usd', 'sim', [{ series: 'btc_usd', ts, value, provider: 'sim' }], now);
  }
  const providers = btcProviders(settings);
  if (source === 'median') {
    const median = await fetchMedianBtcUsd(context(now, deps), Object.values(providers));
    if (!median.ok) {
      const reasons = median.failed
        .map((f) => `${f.provider}: ${f.error.code} ${f.error.message}`)
        .join('; ');
      return rejectAnswer('btc_usd', 'median', { code: 'no_data', message: reasons }, now, log);
    }
    for (const f of median.failed)
      log.warn(`btc_usd: ${f.provider} left out of the median (${f.error.code}) ${f.error.message}`);
    if (median.spreadPct > 2)
      log.warn(`btc_usd: providers disagree by ${median.spreadPct.toFixed(1)} %`, {
        answered: median.answered,
      });
    return accept('btc_usd', 'median', [median.point], now);
  }
  const result = await providers[source].fetchSpot(context(now, deps));
  if (!result.ok) return rejectAnswer('btc_usd', source, result.error, now, log);
  return accept('btc_usd', source, [result.value], now);
}

/** Hourly: the operator's table as-is, or the simulator drifting inside each row's min–max range. */
export async function refreshGpuRates(now: number, deps: RefreshDeps = {}): Promise<RefreshOutcome> {
  const settings = deps.settings ?? (await readMarketSettings());
  const table = await readGpuRateTable();
  const ts = now - (now % HOUR_MS);
  const provider = settings.gpuRates === 'sim' ? 'sim' : 'gpu-table';
  const points =
    settings.gpuRates === 'sim'
      ? simGpuRatePointsAt(deps.seed ?? getEnv().SWITCHYARD_SIM_SEED, ts, table)
      : gpuRatePoints(table, ts, 'gpu-table');
  const stored = await storeGpuRates(points, now);
  await recordProviderOk('gpu_rates', provider, now);
  return { key: 'gpu_rates', provider, ok: true, stored };
}
