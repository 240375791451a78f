// Allocation backtests: stored requests, status, progress and results (the job runner fills them,
// runner.ts), and uploaded CSV series. Viewers read; operators start, cancel and upload. Hosting
// clients see and replay only their own tenant's devices and uploads.
import { recordAudit } from '../../audit/record';
import { type Actor, requireRole } from '../../auth/actor';
import { getDb } from '../../db/client';
import type { AllocationBacktest } from '../../db/generated/sqlite/client';
import { getEnv } from '../../env';
import { badRequest, conflict, invalidCsv, notFound } from '../../errors';
import { parsePriceCsv } from '../../market/electricity/price-csv';
import { backtestCsv } from './csv';
import type { PolicyResult } from './replay';
import type { BacktestRequest } from './schemas';
import { BACKTEST_MAX_HOURS, HOUR_MS, parseBtcCsv } from './series';
import { resolveSeries } from './sources';

export type BacktestStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export type BacktestMeta = {
  hours: number;
  devices: number;
  sites: number;
  sources: { electricity: string; bitcoin: string };
  attribution: string[];
  notes: string[];
};

export type BacktestView = {
  id: number;
  status: BacktestStatus;
  progress: number;
  request: BacktestRequest;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  meta: BacktestMeta | null;
  results: PolicyResult[];
};

const iso = (v: bigint | null) => (v === null ? null : new Date(Number(v)).toISOString());

export function toView(row: AllocationBacktest, withSeries = true): BacktestView {
  const results = row.results ? (JSON.parse(row.results) as PolicyResult[]) : [];
  return {
    id: row.id,
    status: row.status as BacktestStatus,
    progress: row.progress,
    request: JSON.parse(row.request) as BacktestRequest,
    createdAt: iso(row.createdAt)!,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    error: row.error,
    meta: row.meta ? (JSON.parse(row.meta) as BacktestMeta) : null,
    results: withSeries ? results : results.map((r) => ({ ...r, cumulative: [] })),
  };
}

async function visibleRow(actor: Actor, id: number): Promise<AllocationBacktest> {
  requireRole(actor, 'viewer');
  const row = await getDb().allocationBacktest.findUnique({ where: { id } });
  if (!row || (actor.tenantId !== null && row.tenantId !== actor.tenantId)) throw notFound(`Backtest ${id}`);
  return row;
}

export async function createBacktest(
  actor: Actor,
  request: BacktestRequest,
  now = Date.now(),
): Promise<{ id: number }> {
  requireRole(actor, 'operator');
  const hours = (request.to - request.from) / HOUR_MS;
  if (hours <= 0) throw badRequest('to must be after from');
  if (hours > BACKTEST_MAX_HOURS)
    throw badRequest(`A backtest covers at most ${BACKTEST_MAX_HOURS} hours (two years)`);
  // Refuse a window the series do not cover now, not minutes later in the job.
  await resolveSeries(request, actor.tenantId, getEnv().SWITCHYARD_EUR_USD);
  const row = await getDb().allocationBacktest.create({
    data: {
      tenantId: actor.tenantId,
      createdBy: actor.id,
      status: 'queued',
      request: JSON.stringify(request),
      createdAt: BigInt(now),
      updatedAt: BigInt(now),
    },
  });
  await recordAudit(actor, 'allocation.backtest.create', `backtest:${row.id}`, {
    from: new Date(request.from).toISOString(),
    to: new Date(request.to).toISOString(),
    policies: request.policies.map((p) => p.kind),
  });
  return { id: row.id };
}

export async function getBacktest(actor: Actor, id: number): Promise<BacktestView> {
  return toView(await visibleRow(actor, id));
}

export async function listBacktests(actor: Actor, limit = 50): Promise<BacktestView[]> {
  requireRole(actor, 'viewer');
  const rows = await getDb().allocationBacktest.findMany({
    where: actor.tenantId === null ? {} : { tenantId: actor.tenantId },
    orderBy: { id: 'desc' },
    take: limit,
  });
  return rows.map((r) => toView(r, false));
}

/** Cancels a queued or running backtest (the runner stops at its next chunk); a finished one is a 409. */
export async function cancelBacktest(actor: Actor, id: number, now = Date.now()): Promise<BacktestView> {
  requireRole(actor, 'operator');
  await visibleRow(actor, id);
  const { count } = await getDb().allocationBacktest.updateMany({
    where: { id, status: { in: ['queued', 'running'] } },
    data: { status: 'cancelled', finishedAt: BigInt(now), updatedAt: BigInt(now) },
  });
  const row = await visibleRow(actor, id);
  if (count === 0) throw conflict(`Backtest ${id} is already ${row.status}`);
  await recordAudit(actor, 'allocation.backtest.cancel', `backtest:${id}`);
  return toView(row);
}

// ---------------------------------------------------------------------------------------------
// CSV uploads

export const UPLOAD_MAX_BYTES = 4_000_000;

export type UploadView = {
  id: number;
  kind: 'electricity' | 'bitcoin';
  name: string;
  rowCount: number;
  from: string;
  to: string;
  createdAt: string;
};

const uploadView = (r: {
  id: number;
  kind: string;
  name: string;
  rowCount: number;
  fromTs: bigint;
  toTs: bigint;
  createdAt: bigint;
}): UploadView => ({
  id: r.id,
  kind: r.kind as UploadView['kind'],
  name: r.name,
  rowCount: r.rowCount,
  from: iso(r.fromTs)!,
  to: iso(r.toTs)!,
  createdAt: iso(r.createdAt)!,
});

export async function createUpload(
  actor: Actor,
  args: {
    kind: 'electricity' | 'bitcoin';
    name?: string;
    text: string;
    timeZone?: string;
    currency?: string;
  },
  now = Date.now(),
): Promise<UploadView> {
  requireRole(actor, 'operator');
  let rows: unknown[];
  let fromTs: number;
  let toTs: number;
  if (args.kind === 'electricity') {
    const parsed = parsePriceCsv(args.text, {
      timeZone: args.timeZone,
      defaultCurrency: args.currency?.toUpperCase() ?? 'USD',
      fxUsdPer: { EUR: getEnv().SWITCHYARD_EUR_USD },
      stepMs: HOUR_MS,
      location: 'backtest',
      maxIssues: 50,
    });
    if (!parsed.ok)
      throw invalidCsv(`The electricity CSV has ${parsed.issues.length} problem(s)`, parsed.issues);
    if (parsed.points.length > BACKTEST_MAX_HOURS + 48)
      throw invalidCsv('Too many rows', [{ line: 0, message: `at most ${BACKTEST_MAX_HOURS} hourly rows` }]);
    rows = parsed.points.map((p) => [p.intervalStart, Math.round(p.priceUsdPerMwh * 10_000) / 10_000]);
    fromTs = parsed.points[0]!.intervalStart;
    toTs = parsed.points.at(-1)!.intervalEnd;
  } else {
    const parsed = parseBtcCsv(args.text);
    if (!parsed.ok)
      throw invalidCsv(`The bitcoin CSV has ${parsed.problems.length} problem(s)`, parsed.problems);
    rows = parsed.days;
    fromTs = Date.parse(`${parsed.days[0]![0]}T00:00:00Z`);
    toTs = Date.parse(`${parsed.days.at(-1)![0]}T00:00:00Z`) + 24 * HOUR_MS;
  }
  const row = await getDb().backtestUpload.create({
    data: {
      tenantId: actor.tenantId,
      kind: args.kind,
      name: args.name ?? `${args.kind} upload`,
      rows: JSON.stringify(rows),
      rowCount: rows.length,
      fromTs: BigInt(fromTs),
      toTs: BigInt(toTs),
      createdAt: BigInt(now),
    },
  });
  return uploadView(row);
}

export async function listUploads(actor: Actor): Promise<UploadView[]> {
  requireRole(actor, 'viewer');
  const rows = await getDb().backtestUpload.findMany({
    where: actor.tenantId === null ? {} : { tenantId: actor.tenantId },
    orderBy: { id: 'desc' },
    take: 100,
    select: { id: true, kind: true, name: true, rowCount: true, fromTs: true, toTs: true, createdAt: true },
  });
  return rows.map(uploadView);
}

// ---------------------------------------------------------------------------------------------
// CSV export

export async function exportBacktestCsv(
  actor: Actor,
  id: number,
  what: 'results' | 'cumulative',
): Promise<string> {
  const view = await getBacktest(actor, id);
  return backtestCsv(view.results, what);
}
