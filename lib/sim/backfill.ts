// First-start history for the embedded demo: past samples from the same model the live simulator
// uses, written through the same storage path as the ingest API. The fill runs beside the server
// (scripts/start.ts) newest first, one committed step at a time, and records how far it got in
// the `setting` table: a restart resumes, the app shows "history: 3 of 7 days", and the live
// simulator starts after the planned span (lib/sim/live.ts), so they never overlap or leave a gap.
import type pg from 'pg';
import { type Actor, requireRole } from '../auth/actor';
import { execute, getPgPool, queryOne, sql } from '../db/raw';
import { getEnv } from '../env';
import { refreshLatest } from '../telemetry/latest';
import type { TelemetrySample } from '../telemetry/metrics';
import { applyRetention } from '../telemetry/retention';
import { runRollups } from '../telemetry/rollups';
import { storeSamples } from '../telemetry/store';
import { loadSimFleet, modeAt, type SimFleet } from './fleet-source';
import {
  type HistoryProgress,
  type HistoryState,
  historyProgress,
  MINUTE_MS,
  nextStep,
  planHistory,
  sampleTs,
  slotsIn,
  totalSlots,
} from './history-plan';
import { simulateSample } from './telemetry-model';

export const HISTORY_KEY = 'sim.history';
export const HISTORY_DAYS = 7;
/** PostgreSQL advisory lock (namespace "SW", as lib/jobs/scheduler.ts): one instance fills. */
const HISTORY_LOCK = [0x5357, 30] as const;

export async function readHistoryState(): Promise<HistoryState | null> {
  const row = await queryOne<{ value: string }>(sql`SELECT value FROM setting WHERE key = ${HISTORY_KEY}`);
  return row ? (JSON.parse(row.value) as HistoryState) : null;
}

/** How far the history fill is, for the app's top bar (any signed-in user). */
export async function getHistoryProgress(actor: Actor): Promise<HistoryProgress> {
  requireRole(actor, 'viewer');
  const progress = historyProgress(await readHistoryState());
  // The sample count is the whole fleet's: a hosting client learns only how far the history is.
  return actor.tenantId === null ? progress : { ...progress, samples: 0 };
}

async function writeHistoryState(state: HistoryState) {
  await execute(
    sql`INSERT INTO setting (key, value, updated_at) VALUES (${HISTORY_KEY}, ${JSON.stringify(state)}, ${new Date()})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
}

/**
 * The history to fill on this database: the unfinished plan, or a new plan when the demo fleet
 * has no telemetry yet; null when there is nothing to do. Two instances starting together agree
 * on one plan: the first insert wins and the other reads it back.
 */
export async function planHistoryIfEmpty(nowMs: number, days = HISTORY_DAYS): Promise<HistoryState | null> {
  const existing = await readHistoryState();
  if (existing) return existing.finishedAtMs === null ? existing : null;
  const devices = await queryOne<{ n: number }>(sql`SELECT COUNT(*) AS n FROM device`);
  const latest = await queryOne<{ n: number }>(sql`SELECT COUNT(*) AS n FROM device_latest`);
  if (!Number(devices?.n) || Number(latest?.n)) return null;
  const state = planHistory(nowMs, days);
  await execute(
    sql`INSERT INTO setting (key, value, updated_at) VALUES (${HISTORY_KEY}, ${JSON.stringify(state)}, ${new Date(nowMs)})
        ON CONFLICT (key) DO NOTHING`,
  );
  return readHistoryState();
}

export type FillProgress = (state: HistoryState, totalSamples: number) => void;

function samplesForSlots(fleet: SimFleet, seed: number, slots: number[], untilMs: number): TelemetrySample[] {
  const samples: TelemetrySample[] = [];
  for (const slot of slots) {
    for (const { device, siteId } of fleet.devices) {
      const site = fleet.sites.get(siteId);
      const ts = sampleTs(slot, device.id);
      if (!site || ts >= untilMs) continue;
      const sample = simulateSample({
        device: modeAt(device, seed, ts),
        site,
        ts,
        seed,
        intervalMs: MINUTE_MS,
      });
      if (sample) samples.push(sample);
    }
  }
  return samples;
}

export type FillOptions = {
  /** Stop after this many steps (tests; a restart resumes). */
  maxSteps?: number;
  onProgress?: FillProgress;
  now?: () => number;
};

/**
 * Fills the planned history step by step, newest first. Each step's samples are committed
 * before the state says so; a step cut short by a crash is redone, and the storage path drops
 * the samples it already has (idempotent on (ts, device_id)).
 */
export async function fillHistory(state: HistoryState, options: FillOptions = {}): Promise<HistoryState> {
  const now = options.now ?? Date.now;
  const { SWITCHYARD_SIM_SEED: seed } = getEnv();
  const fleet = await loadSimFleet(seed, now());
  const reporting = fleet.devices.length;
  const total = totalSlots(state) * reporting;
  let current = { ...state };
  let steps = 0;
  const samplesFor = (step: { fromMs: number; toMs: number } | null) =>
    step ? samplesForSlots(fleet, seed, slotsIn(current, step.fromMs, step.toMs), current.untilMs) : [];
  let step = nextStep(current);
  let samples = samplesFor(step);
  while (step) {
    if (options.maxSteps !== undefined && steps >= options.maxSteps) return current;
    // Pipelined: this step's samples go to the store (SQLite: its writer thread; PostgreSQL: the
    // server) while this thread computes the next step's. The state still moves only after the
    // store has committed.
    const storing = storeSamples(samples);
    storing.catch(() => {}); // handled below; no unhandled rejection while the next step computes
    await new Promise((resolve) => setImmediate(resolve));
    const following = nextStep({ ...current, filledFromMs: step.fromMs });
    const nextSamples = samplesFor(following);
    const { accepted } = await storing;
    current = { ...current, filledFromMs: step.fromMs, samples: current.samples + accepted };
    await writeHistoryState(current);
    steps++;
    // Fold what was written into the rollup tiers as it goes, so charts fill day by day.
    await runRollups(now(), 5000);
    options.onProgress?.(current, total);
    // The storage calls resolve without a macrotask turn: let the process's I/O (the served
    // app's output, signals) through between steps.
    await new Promise((resolve) => setImmediate(resolve));
    step = following;
    samples = nextSamples;
  }
  for (;;) {
    const run = await runRollups(now(), 5000);
    if (run.remaining === 0 && run.buckets['1m'] + run.buckets['5m'] + run.buckets['1h'] === 0) break;
  }
  await refreshLatest(now());
  await applyRetention(now());
  current = { ...current, finishedAtMs: now() };
  await writeHistoryState(current);
  return current;
}

/**
 * Runs `fn` while holding the history lock. SQLite has one server process, so it always runs;
 * with PostgreSQL a second instance gets null and leaves the fill to the first.
 */
export async function withHistoryLock<T>(fn: () => Promise<T>): Promise<T | null> {
  if (getEnv().db.provider === 'sqlite') return fn();
  const client: pg.PoolClient = await getPgPool().connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
      ...HISTORY_LOCK,
    ]);
    if (!rows[0]?.ok) return null;
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [...HISTORY_LOCK]);
    }
  } finally {
    client.release();
  }
}

export type BackfillResult = { samples: number; days: number; seconds: number };

/** Plans and fills `days` of history at once (e2e database preparation, tests). */
export async function backfill(nowMs: number, days = HISTORY_DAYS): Promise<BackfillResult> {
  const started = performance.now();
  const state = planHistory(nowMs, days);
  await writeHistoryState(state);
  const done = await fillHistory(state, { now: () => nowMs });
  return { samples: done.samples, days, seconds: (performance.now() - started) / 1000 };
}
