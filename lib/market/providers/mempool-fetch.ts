import type { FetchContext, NetworkPoint, NetworkProvider } from '../types';
import { fetchResult } from './http';
import {
  type DifficultyAdjustment,
  MEMPOOL_DEFAULT_BASE_URL,
  parseBlockFees,
  parseDifficultyAdjustment,
  parseHashrateHistory,
  parseRewardStats,
  parseTipHeight,
} from './mempool';
import { failWith, ok, type ProviderResult } from './result';

const ID = 'mempool';

export type MempoolConfig = { baseUrl?: string };
export type MempoolHistoryPeriod = '24h' | '3d' | '1w' | '1m' | '3m' | '6m' | '1y' | '2y' | '3y' | '4y';

async function getText(
  path: string,
  ctx: FetchContext,
  config: MempoolConfig,
): Promise<ProviderResult<string>> {
  const res = await fetchResult(`${config.baseUrl ?? MEMPOOL_DEFAULT_BASE_URL}${path}`, ctx.http, ID);
  return res.ok ? ok(res.response.text) : failWith(res.error);
}

export async function fetchDifficultyAdjustment(
  ctx: FetchContext,
  config: MempoolConfig = {},
): Promise<ProviderResult<DifficultyAdjustment>> {
  const text = await getText('/v1/difficulty-adjustment', ctx, config);
  return text.ok ? parseDifficultyAdjustment(text.value) : text;
}

/**
 * Latest difficulty, hashrate, average fees over the last 144 blocks (Luxor's window) and tip height.
 * Partial answers are kept (with warnings) because each series falls back to its own last good value.
 */
export async function fetchMempoolLatest(
  ctx: FetchContext,
  config: MempoolConfig = {},
): Promise<ProviderResult<NetworkPoint[]>> {
  const [hashrate, rewards, tip] = await Promise.all([
    getText('/v1/mining/hashrate/1w', ctx, config),
    getText('/v1/mining/reward-stats/144', ctx, config),
    getText('/blocks/tip/height', ctx, config),
  ]);
  const current = (r: ProviderResult<NetworkPoint[]>) =>
    mapOk(r, (ps) => ps.filter((p) => p.ts === ctx.nowMs));
  // Tip before reward-stats: both give a height and the tip is the fresher one; one point per series.
  const parts: ProviderResult<NetworkPoint[]>[] = [
    hashrate.ok ? current(parseHashrateHistory(hashrate.value, ctx.nowMs)) : hashrate,
    tip.ok ? mapOk(parseTipHeight(tip.value, ctx.nowMs), (p) => [p]) : tip,
    rewards.ok ? parseRewardStats(rewards.value, ctx.nowMs) : rewards,
  ];
  const points: NetworkPoint[] = [];
  const warnings: string[] = [];
  for (const part of parts) {
    if (!part.ok) warnings.push(`${part.error.code}: ${part.error.message}`);
    else points.push(...part.value.filter((p) => !points.some((q) => q.series === p.series)));
  }
  const failed = parts.find((p) => !p.ok);
  if (points.length === 0 && failed && !failed.ok) return failWith(failed.error);
  return ok(points, warnings);
}

/** History for backfill: per-epoch difficulty, daily hashrate and bucketed fees (with BTC/USD). */
export async function fetchMempoolHistory(
  period: MempoolHistoryPeriod,
  ctx: FetchContext,
  config: MempoolConfig = {},
): Promise<ProviderResult<NetworkPoint[]>> {
  const hashrate = await getText(`/v1/mining/hashrate/${period}`, ctx, config);
  if (!hashrate.ok) return hashrate;
  const fees = await getText(`/v1/mining/blocks/fees/${period}`, ctx, config);
  if (!fees.ok) return fees;
  const a = parseHashrateHistory(hashrate.value, ctx.nowMs);
  if (!a.ok) return a;
  const b = parseBlockFees(fees.value);
  if (!b.ok) return b;
  return ok([...a.value.filter((p) => p.ts !== ctx.nowMs), ...b.value]);
}

function mapOk<A, B>(r: ProviderResult<A>, f: (a: A) => B): ProviderResult<B> {
  return r.ok ? ok(f(r.value), r.warnings) : r;
}

export function createMempoolProvider(config: MempoolConfig = {}): NetworkProvider {
  return { id: ID, fetchLatest: (ctx) => fetchMempoolLatest(ctx, config) };
}
