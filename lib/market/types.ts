import type { HttpOptions } from './providers/http';
import type { ProviderResult } from './providers/result';

/** Bitcoin network series, one value per point. Difficulty is dimensionless; fees are BTC per block. */
export const NETWORK_SERIES = [
  'btc_usd',
  'difficulty',
  'fees_btc_per_block',
  'block_height',
  'network_hashrate_ehs',
] as const;
export type NetworkSeries = (typeof NETWORK_SERIES)[number];

export type NetworkPoint = { series: NetworkSeries; ts: number; value: number; provider: string };

/** Market labels after gridstatus' `Markets` enum, plus the non-exchange sources a site contract can use. */
export const ELECTRICITY_MARKETS = [
  'DAY_AHEAD_HOURLY',
  'DAY_AHEAD_15_MIN',
  'REAL_TIME_15_MIN',
  'FIXED',
  'TIME_OF_USE',
  'UPLOADED',
  'SIMULATED',
] as const;
export type ElectricityMarket = (typeof ELECTRICITY_MARKETS)[number];

/**
 * One electricity price interval, named after gridstatus' normalised frame (`Interval Start`,
 * `Interval End`, `Location`, `Market`). Times are epoch ms UTC; the interval is [start, end).
 * `originalPrice` is per MWh in `currency`, as the source published it.
 */
export type ElectricityPoint = {
  intervalStart: number;
  intervalEnd: number;
  location: string;
  market: ElectricityMarket;
  priceUsdPerMwh: number;
  originalPrice: number;
  currency: string;
  provider: string;
};

export type GpuRatePoint = { gpuModel: string; usdPerGpuH: number; ts: number; provider: string };

/** USD per one unit of each currency (e.g. `{ EUR: 1.08 }`); USD itself is always 1. */
export type FxUsdPer = Readonly<Record<string, number>>;

export function toUsd(amount: number, currency: string, fx: FxUsdPer): number | undefined {
  const code = currency.toUpperCase();
  const rate = code === 'USD' ? 1 : fx[code];
  return rate !== undefined && Number.isFinite(rate) && rate > 0 ? amount * rate : undefined;
}

/** What every fetch function gets: HTTP behaviour (fake fetch/sleep in tests) and the caller's clock. */
export type FetchContext = { nowMs: number; http?: HttpOptions };

export type TimeRange = { fromMs: number; toMs: number };

/** The one interface per kind of market data; the refresh scheduler only talks to these. */
export type NetworkProvider = {
  id: string;
  fetchLatest(ctx: FetchContext): Promise<ProviderResult<NetworkPoint[]>>;
};

export type BtcPriceProvider = {
  id: string;
  fetchSpot(ctx: FetchContext): Promise<ProviderResult<NetworkPoint>>;
};

export type ElectricityProvider<Config> = {
  id: string;
  fetchRange(
    config: Config,
    range: TimeRange,
    ctx: FetchContext,
  ): Promise<ProviderResult<ElectricityPoint[]>>;
};
