import { z } from 'zod';
import type { BtcPriceProvider, FetchContext, NetworkPoint } from '../types';
import { fetchResult } from './http';
import { fail, failWith, ok, type ProviderResult, parseJsonText, parseShape } from './result';
import { btcUsdProblem, numberFrom } from './validate';

/**
 * Kraken public ticker (economics.md §4.4). We ask for `XBTUSD` but the result is keyed `XXBTZUSD`,
 * so read the only key of `result`; `c[0]` is the last trade price, as a string.
 */
const ID = 'kraken';
export const KRAKEN_DEFAULT_BASE_URL = 'https://api.kraken.com';
const TICKER_PATH = '/0/public/Ticker?pair=XBTUSD';
export const KRAKEN_TICKER_URL = `${KRAKEN_DEFAULT_BASE_URL}${TICKER_PATH}`;

const Schema = z.object({
  error: z.array(z.string()),
  result: z.record(z.string(), z.object({ c: z.tuple([z.string(), z.string()]) })).optional(),
});

export function parseKrakenTicker(text: string, nowMs: number): ProviderResult<NetworkPoint> {
  const json = parseJsonText(ID, text);
  if (!json.ok) return json;
  const parsed = parseShape(ID, Schema, json.value);
  if (!parsed.ok) return parsed;
  if (parsed.value.error.length > 0) return fail(ID, 'upstream_error', parsed.value.error.join('; '));
  const tickers = Object.values(parsed.value.result ?? {});
  if (tickers.length !== 1) return fail(ID, 'shape', `expected one pair in result, got ${tickers.length}`);
  const last = tickers[0]!.c[0];
  const price = numberFrom(last);
  if (price === undefined) return fail(ID, 'shape', `last trade price is not numeric: "${last}"`);
  const problem = btcUsdProblem(price);
  if (problem) return fail(ID, 'absurd_value', problem);
  return ok({ series: 'btc_usd', ts: nowMs, value: price, provider: ID });
}

/** `baseUrl` points at a proxy or mirror of the Kraken API (market settings). */
export type KrakenConfig = { baseUrl?: string };

export async function fetchKrakenTicker(
  ctx: FetchContext,
  config: KrakenConfig = {},
): Promise<ProviderResult<NetworkPoint>> {
  const res = await fetchResult(`${config.baseUrl ?? KRAKEN_DEFAULT_BASE_URL}${TICKER_PATH}`, ctx.http, ID);
  return res.ok ? parseKrakenTicker(res.response.text, ctx.nowMs) : failWith(res.error);
}

export function createKrakenProvider(config: KrakenConfig = {}): BtcPriceProvider {
  return { id: ID, fetchSpot: (ctx) => fetchKrakenTicker(ctx, config) };
}

export const krakenProvider = createKrakenProvider();
