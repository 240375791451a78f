import type { BtcPriceProvider, FetchContext, NetworkPoint } from '../types';
import { coinbaseProvider } from './coinbase';
import { coingeckoProvider } from './coingecko';
import { krakenProvider } from './kraken';
import type { ProviderError } from './result';

export const DEFAULT_BTC_PRICE_PROVIDERS: readonly BtcPriceProvider[] = [
  coinbaseProvider,
  krakenProvider,
  coingeckoProvider,
];

export type BtcPriceAnswer = {
  provider: string;
  result: { ok: true; value: NetworkPoint } | { ok: false; error: ProviderError };
};

export type MedianBtcUsd =
  | {
      ok: true;
      point: NetworkPoint;
      answered: { provider: string; usd: number }[];
      failed: { provider: string; error: ProviderError }[];
      /** (max − min) / median of the answers, to flag a provider that drifted away from the others. */
      spreadPct: number;
    }
  | { ok: false; failed: { provider: string; error: ProviderError }[] };

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median of the providers that answered; the point's provider names them, e.g. `median(coinbase,kraken)`. */
export function medianBtcUsd(answers: readonly BtcPriceAnswer[], nowMs: number): MedianBtcUsd {
  const answered: { provider: string; usd: number }[] = [];
  const failed: { provider: string; error: ProviderError }[] = [];
  for (const a of answers) {
    if (a.result.ok) answered.push({ provider: a.provider, usd: a.result.value.value });
    else failed.push({ provider: a.provider, error: a.result.error });
  }
  if (answered.length === 0) return { ok: false, failed };
  const usd = median(answered.map((a) => a.usd));
  const values = answered.map((a) => a.usd);
  return {
    ok: true,
    point: {
      series: 'btc_usd',
      ts: nowMs,
      value: usd,
      provider: `median(${answered.map((a) => a.provider).join(',')})`,
    },
    answered,
    failed,
    spreadPct: ((Math.max(...values) - Math.min(...values)) / usd) * 100,
  };
}

/** Asks every provider at once and takes the median of those that answer. */
export async function fetchMedianBtcUsd(
  ctx: FetchContext,
  providers: readonly BtcPriceProvider[] = DEFAULT_BTC_PRICE_PROVIDERS,
): Promise<MedianBtcUsd> {
  const answers = await Promise.all(
    providers.map(async (p): Promise<BtcPriceAnswer> => ({ provider: p.id, result: await p.fetchSpot(ctx) })),
  );
  return medianBtcUsd(answers, ctx.nowMs);
}
