import { z } from 'zod';
import type { BtcPriceProvider, FetchContext, NetworkPoint } from '../types';
import { fetchResult } from './http';
import { fail, failWith, ok, type ProviderResult, parseJsonText, parseShape } from './result';
import { btcUsdProblem, firstProblem, secondsProblem } from './validate';

/** CoinGecko simple price (economics.md §4.2). `last_updated_at` is unix seconds; without it we stamp `now`. */
const ID = 'coingecko';
export const COINGECKO_DEFAULT_BASE_URL = 'https://api.coingecko.com/api/v3';
const SIMPLE_PRICE_PATH = '/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true';
export const COINGECKO_SIMPLE_PRICE_URL = `${COINGECKO_DEFAULT_BASE_URL}${SIMPLE_PRICE_PATH}`;

const Schema = z.object({
  bitcoin: z.object({ usd: z.number(), last_updated_at: z.number().optional() }),
});

export function parseCoingeckoSimplePrice(text: string, nowMs: number): ProviderResult<NetworkPoint> {
  const json = parseJsonText(ID, text);
  if (!json.ok) return json;
  const parsed = parseShape(ID, Schema, json.value);
  if (!parsed.ok) return parsed;
  const { usd, last_updated_at: updatedS } = parsed.value.bitcoin;
  const problem = firstProblem(
    btcUsdProblem(usd),
    updatedS === undefined ? undefined : secondsProblem('last_updated_at', updatedS),
  );
  if (problem) return fail(ID, 'absurd_value', problem);
  return ok({
    series: 'btc_usd',
    ts: updatedS === undefined ? nowMs : updatedS * 1000,
    value: usd,
    provider: ID,
  });
}

export type CoingeckoConfig = { demoApiKey?: string; baseUrl?: string };

export async function fetchCoingeckoSimplePrice(
  ctx: FetchContext,
  config: CoingeckoConfig = {},
): Promise<ProviderResult<NetworkPoint>> {
  const headers: Record<string, string> = config.demoApiKey ? { 'x-cg-demo-api-key': config.demoApiKey } : {};
  const url = `${config.baseUrl ?? COINGECKO_DEFAULT_BASE_URL}${SIMPLE_PRICE_PATH}`;
  const res = await fetchResult(url, ctx.http, ID, { headers });
  return res.ok ? parseCoingeckoSimplePrice(res.response.text, ctx.nowMs) : failWith(res.error);
}

export function createCoingeckoProvider(config: CoingeckoConfig = {}): BtcPriceProvider {
  return { id: ID, fetchSpot: (ctx) => fetchCoingeckoSimplePrice(ctx, config) };
}

export const coingeckoProvider = createCoingeckoProvider();
