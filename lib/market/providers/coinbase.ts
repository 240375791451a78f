import { z } from 'zod';
import type { BtcPriceProvider, FetchContext, NetworkPoint } from '../types';
import { fetchResult } from './http';
import { fail, failWith, ok, type ProviderResult, parseJsonText, parseShape } from './result';
import { btcUsdProblem, numberFrom } from './validate';

/** Coinbase spot price, no auth (economics.md §4.3). `amount` is a string. */
const ID = 'coinbase';
export const COINBASE_DEFAULT_BASE_URL = 'https://api.coinbase.com';
const SPOT_PATH = '/v2/prices/BTC-USD/spot';
export const COINBASE_SPOT_URL = `${COINBASE_DEFAULT_BASE_URL}${SPOT_PATH}`;

const Schema = z.object({
  data: z.object({ amount: z.string(), base: z.literal('BTC'), currency: z.literal('USD') }),
});

export function parseCoinbaseSpot(text: string, nowMs: number): ProviderResult<NetworkPoint> {
  const json = parseJsonText(ID, text);
  if (!json.ok) return json;
  const parsed = parseShape(ID, Schema, json.value);
  if (!parsed.ok) return parsed;
  const price = numberFrom(parsed.value.data.amount);
  if (price === undefined) return fail(ID, 'shape', `amount is not numeric: "${parsed.value.data.amount}"`);
  const problem = btcUsdProblem(price);
  if (problem) return fail(ID, 'absurd_value', problem);
  return ok({ series: 'btc_usd', ts: nowMs, value: price, provider: ID });
}

/** `baseUrl` points at a proxy or mirror of the Coinbase API (market settings). */
export type CoinbaseConfig = { baseUrl?: string };

export async function fetchCoinbaseSpot(
  ctx: FetchContext,
  config: CoinbaseConfig = {},
): Promise<ProviderResult<NetworkPoint>> {
  const res = await fetchResult(`${config.baseUrl ?? COINBASE_DEFAULT_BASE_URL}${SPOT_PATH}`, ctx.http, ID);
  return res.ok ? parseCoinbaseSpot(res.response.text, ctx.nowMs) : failWith(res.error);
}

export function createCoinbaseProvider(config: CoinbaseConfig = {}): BtcPriceProvider {
  return { id: ID, fetchSpot: (ctx) => fetchCoinbaseSpot(ctx, config) };
}

export const coinbaseProvider = createCoinbaseProvider();
