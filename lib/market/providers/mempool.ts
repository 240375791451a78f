import { z } from 'zod';
import type { NetworkPoint } from '../types';
import { bodyProblem, fail, ok, type ProviderResult, parseJsonText, parseShape } from './result';
import {
  difficultyProblem,
  firstProblem,
  msProblem,
  numberFrom,
  positiveProblem,
  rangeProblem,
  secondsProblem,
} from './validate';

/**
 * mempool.space (or a self-hosted mempool). Shapes and quirks from economics.md §4.1: difficulty-adjustment
 * times are milliseconds although the docs example looks like seconds; difficulty history entries carry
 * `time` (backend SQL) or `timestamp` (docs); the tip height is text/plain; reward-stats sums are strings.
 */
const ID = 'mempool';
export const MEMPOOL_DEFAULT_BASE_URL = 'https://mempool.space/api';

export type DifficultyAdjustment = {
  progressPercent: number;
  difficultyChangePct: number;
  previousRetargetPct: number;
  estimatedRetargetDateMs: number;
  remainingBlocks: number;
  remainingTimeMs: number;
  nextRetargetHeight: number;
  /** Average block time in the current epoch. */
  timeAvgMs: number;
  previousRetargetTimeMs?: number;
};

const DifficultyAdjustmentSchema = z.object({
  progressPercent: z.number(),
  difficultyChange: z.number(),
  estimatedRetargetDate: z.number(),
  remainingBlocks: z.number().int(),
  remainingTime: z.number(),
  previousRetarget: z.number(),
  nextRetargetHeight: z.number().int(),
  timeAvg: z.number(),
  previousTime: z.number().optional(),
});

export function parseDifficultyAdjustment(text: string): ProviderResult<DifficultyAdjustment> {
  const json = parseJsonText(ID, text);
  if (!json.ok) return json;
  const parsed = parseShape(ID, DifficultyAdjustmentSchema, json.value);
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  const problem = firstProblem(
    msProblem('estimatedRetargetDate', d.estimatedRetargetDate),
    // Block times between 1 s and 2 h; a value like 600 means the field came in seconds.
    rangeProblem('timeAvg (ms)', d.timeAvg, 1_000, 7_200_000),
    rangeProblem('remainingTime (ms)', d.remainingTime, 0, 2016 * 7_200_000),
    rangeProblem('progressPercent', d.progressPercent, 0, 100),
    rangeProblem('remainingBlocks', d.remainingBlocks, 0, 2016),
    // Consensus clamps a retarget to ×4 / ÷4.
    rangeProblem('difficultyChange %', d.difficultyChange, -75, 300),
    rangeProblem('previousRetarget %', d.previousRetarget, -75, 300),
    d.nextRetargetHeight % 2016 === 0
      ? undefined
      : `nextRetargetHeight ${d.nextRetargetHeight} is not an epoch boundary`,
    d.previousTime === undefined ? undefined : secondsProblem('previousTime', d.previousTime),
  );
  if (problem) return fail(ID, 'absurd_value', problem);
  return ok({
    progressPercent: d.progressPercent,
    difficultyChangePct: d.difficultyChange,
    previousRetargetPct: d.previousRetarget,
    estimatedRetargetDateMs: d.estimatedRetargetDate,
    remainingBlocks: d.remainingBlocks,
    remainingTimeMs: d.remainingTime,
    nextRetargetHeight: d.nextRetargetHeight,
    timeAvgMs: d.timeAvg,
    previousRetargetTimeMs: d.previousTime === undefined ? undefined : d.previousTime * 1000,
  });
}

const HashrateHistorySchema = z.object({
  hashrates: z.array(z.object({ timestamp: z.number(), avgHashrate: z.number() })),
  difficulty: z.array(
    z
      .object({
        time: z.number().optional(),
        timestamp: z.number().optional(),
        height: z.number().int(),
        difficulty: z.number(),
      })
      .refine(
        (e) => e.time !== undefined || e.timestamp !== undefined,
        'entry has neither time nor timestamp',
      ),
  ),
  currentHashrate: z.number(),
  currentDifficulty: z.number(),
});

const hashrateProblem = (label: string, hs: number) => positiveProblem(label, hs, 1e24);

/** `/v1/mining/hashrate/:period` → difficulty and network hashrate (EH/s) points, history plus "now". */
export function parseHashrateHistory(text: string, nowMs: number): ProviderResult<NetworkPoint[]> {
  const json = parseJsonText(ID, text);
  if (!json.ok) return json;
  const parsed = parseShape(ID, HashrateHistorySchema, json.value);
  if (!parsed.ok) return parsed;
  const h = parsed.value;
  const points: NetworkPoint[] = [];
  for (const [i, e] of h.difficulty.entries()) {
    const timeS = e.time ?? e.timestamp ?? Number.NaN;
    const problem = firstProblem(
      secondsProblem(`difficulty[${i}].time`, timeS),
      difficultyProblem(e.difficulty),
    );
    if (problem) return fail(ID, 'absurd_value', problem);
    points.push({ series: 'difficulty', ts: timeS * 1000, value: e.difficulty, provider: ID });
  }
  for (const [i, e] of h.hashrates.entries()) {
    const problem = firstProblem(
      secondsProblem(`hashrates[${i}].timestamp`, e.timestamp),
      hashrateProblem(`hashrates[${i}].avgHashrate`, e.avgHashrate),
    );
    if (problem) return fail(ID, 'absurd_value', problem);
    points.push({
      series: 'network_hashrate_ehs',
      ts: e.timestamp * 1000,
      value: e.avgHashrate / 1e18,
      provider: ID,
    });
  }
  const problem = firstProblem(
    difficultyProblem(h.currentDifficulty),
    hashrateProblem('currentHashrate', h.currentHashrate),
  );
  if (problem) return fail(ID, 'absurd_value', problem);
  points.push(
    { series: 'difficulty', ts: nowMs, value: h.currentDifficulty, provider: ID },
    { series: 'network_hashrate_ehs', ts: nowMs, value: h.currentHashrate / 1e18, provider: ID },
  );
  return ok(points);
}

const sats = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = numberFrom(v);
  if (n === undefined) ctx.addIssue({ code: 'custom', message: `not a number: ${String(v)}` });
  return n ?? Number.NaN;
});

const RewardStatsSchema = z.object({
  startBlock: z.number().int(),
  endBlock: z.number().int(),
  totalReward: sats,
  totalFee: sats,
});

/** `/v1/mining/reward-stats/:blockCount` → average fees per block (BTC) and the tip height. */
export function parseRewardStats(text: string, nowMs: number): ProviderResult<NetworkPoint[]> {
  const json = parseJsonText(ID, text);
  if (!json.ok) return json;
  const parsed = parseShape(ID, RewardStatsSchema, json.value);
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  const blocks = r.endBlock - r.startBlock + 1;
  const problem = firstProblem(
    blocks >= 1 ? undefined : `endBlock ${r.endBlock} is before startBlock ${r.startBlock}`,
    rangeProblem('totalFee (sat)', r.totalFee, 0, r.totalReward),
    positiveProblem('totalReward (sat)', r.totalReward),
  );
  if (problem) return fail(ID, 'absurd_value', problem);
  return ok([
    { series: 'fees_btc_per_block', ts: nowMs, value: r.totalFee / blocks / 1e8, provider: ID },
    { series: 'block_height', ts: nowMs, value: r.endBlock, provider: ID },
  ]);
}

const BlockFeesSchema = z.array(
  z.object({ avgHeight: z.number(), timestamp: z.number(), avgFees: z.number(), USD: z.number().optional() }),
);

/** `/v1/mining/blocks/fees/:period` → bucketed fees per block (BTC), and BTC/USD where the bucket has one. */
export function parseBlockFees(text: string): ProviderResult<NetworkPoint[]> {
  const json = parseJsonText(ID, text);
  if (!json.ok) return json;
  const parsed = parseShape(ID, BlockFeesSchema, json.value);
  if (!parsed.ok) return parsed;
  const points: NetworkPoint[] = [];
  for (const [i, b] of parsed.value.entries()) {
    const problem = firstProblem(
      secondsProblem(`[${i}].timestamp`, b.timestamp),
      rangeProblem(`[${i}].avgFees (sat)`, b.avgFees, 0, 1e10),
    );
    if (problem) return fail(ID, 'absurd_value', problem);
    const ts = b.timestamp * 1000;
    points.push({ series: 'fees_btc_per_block', ts, value: b.avgFees / 1e8, provider: ID });
    // mempool stores 0 for buckets older than its price history; that means "unknown", not a free bitcoin.
    if (b.USD !== undefined && b.USD > 0) points.push({ series: 'btc_usd', ts, value: b.USD, provider: ID });
  }
  return ok(points);
}

/** `/blocks/tip/height` is text/plain, e.g. `698767`. */
export function parseTipHeight(text: string, nowMs: number): ProviderResult<NetworkPoint> {
  const problem = bodyProblem(text);
  if (problem) return fail(ID, problem.code, problem.message);
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed))
    return fail(ID, 'shape', `tip height is not an integer: "${trimmed.slice(0, 40)}"`);
  const height = Number(trimmed);
  const absurd = rangeProblem('tip height', height, 1, 10_000_000);
  if (absurd) return fail(ID, 'absurd_value', absurd);
  return ok({ series: 'block_height', ts: nowMs, value: height, provider: ID });
}
