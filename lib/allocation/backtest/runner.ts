// The backtest job (lib/jobs/background.ts): claims the oldest queued backtest, replays its
// policies chunk by chunk (yielding the event loop between chunks), writes progress about twice
// a second and stops when the row was cancelled meanwhile; the result is kept in the row.
import { getDb } from '../../db/client';
import { getEnv } from '../../env';
import { AppError } from '../../errors';
import { loadBacktestFleet } from './fleet';
import { type PolicyResult, replayPolicy } from './replay';
import type { BacktestRequest } from './schemas';
import { resolveSeries } from './sources';
import type { BacktestMeta } from './store';

const PROGRESS_EVERY_MS = 500;
const YIELD_EVERY_MS = 25;
/** A running row not updated for this long belongs to a process that died. */
const STALE_MS = 5 * 60_000;

const round2 = (x: number) => Math.round(x * 100) / 100;

function rounded(r: PolicyResult): PolicyResult {
  return {
    ...r,
    profitUsd: round2(r.profitUsd),
    revenueUsd: round2(r.revenueUsd),
    miningRevenueUsd: round2(r.miningRevenueUsd),
    aiRevenueUsd: round2(r.aiRevenueUsd),
    energyCostUsd: round2(r.energyCostUsd),
    switchCostUsd: round2(r.switchCostUsd),
    mwh: Math.round(r.mwh * 1000) / 1000,
    cumulative: r.cumulative.map((p) => ({ ts: p.ts, profitUsd: round2(p.profitUsd) })),
  };
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export type RunOptions = {
  clock?: () => number;
  max?: number;
  /** After each progress write (tests cancel from here). */
  onProgress?: (id: number, progress: number) => Promise<void> | void;
};

/** Runs queued backtests one after the other; returns how many it finished (any end state). */
export async function runBacktests(now: number, options: RunOptions = {}): Promise<number> {
  const clock = options.clock ?? Date.now;
  const db = getDb();
  await db.allocationBacktest.updateMany({
    where: { status: 'running', updatedAt: { lt: BigInt(now - STALE_MS) } },
    data: {
      status: 'failed',
      error: 'interrupted: the server stopped while it ran',
      finishedAt: BigInt(now),
    },
  });
  let done = 0;
  for (; done < (options.max ?? Number.POSITIVE_INFINITY); done++) {
    const next = await db.allocationBacktest.findFirst({
      where: { status: 'queued' },
      orderBy: { id: 'asc' },
    });
    if (!next) break;
    const started = clock();
    const { count } = await db.allocationBacktest.updateMany({
      where: { id: next.id, status: 'queued' },
      data: { status: 'running', startedAt: BigInt(started), updatedAt: BigInt(started), progress: 0 },
    });
    if (count === 0) continue;
    await runOne(
      next.id,
      next.tenantId,
      JSON.parse(next.request) as BacktestRequest,
      clock,
      options.onProgress,
    );
  }
  return done;
}

async function runOne(
  id: number,
  tenantId: number | null,
  request: BacktestRequest,
  clock: () => number,
  onProgress: RunOptions['onProgress'],
) {
  const db = getDb();
  try {
    const { series, sources, attribution } = await resolveSeries(
      request,
      tenantId,
      getEnv().SWITCHYARD_EUR_USD,
    );
    const fleet = await loadBacktestFleet({
      now: clock(),
      tenantId,
      siteIds: request.siteIds,
      deviceIds: request.deviceIds,
      holdTimes: request.constraints?.holdTimes ?? true,
    });
    if (fleet.input.devices.length === 0)
      throw new AppError(400, 'bad_request', 'No devices to replay in the chosen sites/devices');
    const meta: BacktestMeta = {
      hours: series.priceUsdPerMwh.length,
      devices: fleet.input.devices.length,
      sites: fleet.input.sites.length,
      sources,
      attribution,
      notes: fleet.notes,
    };
    await db.allocationBacktest.update({ where: { id }, data: { meta: JSON.stringify(meta) } });
    const results: PolicyResult[] = [];
    const P = request.policies.length;
    let lastWrite = clock();
    let lastYield = lastWrite;
    for (const [i, policy] of request.policies.entries()) {
      const it = replayPolicy(fleet.input, series, policy, {
        holdTimes: request.constraints?.holdTimes,
        switchCostUsd: request.constraints?.switchCostUsd,
      });
      for (;;) {
        const step = it.next();
        if (step.done) {
          results.push(rounded(step.value));
          break;
        }
        const t = clock();
        if (t - lastYield >= YIELD_EVERY_MS) {
          await pause();
          lastYield = clock();
        }
        if (t - lastWrite >= PROGRESS_EVERY_MS) {
          lastWrite = t;
          const progress = (i + step.value / meta.hours) / P;
          const { count } = await db.allocationBacktest.updateMany({
            where: { id, status: 'running' },
            data: { progress: Math.round(progress * 1000) / 1000, updatedAt: BigInt(t) },
          });
          if (count === 0) return; // cancelled meanwhile
          await onProgress?.(id, progress);
        }
      }
    }
    const end = clock();
    await db.allocationBacktest.updateMany({
      where: { id, status: 'running' },
      data: {
        status: 'done',
        progress: 1,
        results: JSON.stringify(results),
        finishedAt: BigInt(end),
        updatedAt: BigInt(end),
      },
    });
  } catch (error) {
    const end = clock();
    const message = error instanceof Error ? error.message : String(error);
    await db.allocationBacktest.updateMany({
      where: { id, status: 'running' },
      data: {
        status: 'failed',
        error: message.slice(0, 2000),
        finishedAt: BigInt(end),
        updatedAt: BigInt(end),
      },
    });
  }
}
