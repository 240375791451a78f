// Allocation plans (issue #10 §3): a dry run computes a plan from the database and the live market
// (lib/allocation/load-inputs.ts), with what-if overrides, and stores it with its inputs snapshot;
// listed and read back by id; applied by plans/apply.ts. A plan the post-check rejects is a bug and
// fails the request (500); constraints that leave no plan at all are a 409.
import { type Actor, requireStaff } from '../../auth/actor';
import { getDb } from '../../db/client';
import { badRequest, conflict, notFound } from '../../errors';
import { PlanViolationError } from '../check-plan';
import { AllocationInfeasibleError } from '../errors';
import { DEFAULT_LP_OPTIONS, planExact } from '../exact';
import type { PlanInputs } from '../inputs';
import { loadPlanInputs } from '../load-inputs';
import { AllocationOverrideError, applyOverrides } from '../overrides';
import { type PlanBody, toPlanBody } from '../plan-body';
import { constraintsOf, type PlanRequest } from '../request';
import { planHeuristic, type SolveResult } from '../solve';
import { decodeJson, encodeJson } from './codec';
import type { PlanListQuery } from './schemas';
import { sitePlanSettings } from './settings';

export type PlanStatus = 'draft' | 'applied' | 'superseded';

export type PlanSummary = {
  id: number;
  status: PlanStatus;
  source: 'manual' | 'auto';
  createdAt: string;
  createdBy: string;
  horizonH: number;
  intervalMin: number;
  solver: string;
  gapPct: number | null;
  siteIds: number[];
  expectedProfitUsd: number;
  changedDevices: number;
  appliedAt: string | null;
  appliedBy: string | null;
  supersededAt: string | null;
};

export type PlanView = PlanSummary &
  PlanBody & {
    inputs: PlanInputs;
    request: {
      overrides?: PlanRequest['overrides'];
      constraints: { guardrails: boolean; holdTimes: boolean };
    };
    applyResult: unknown;
  };

/** HiGHS for instances this small under "auto"; the heuristic (within 0.5 % in the benchmark) above. */
const HIGHS_AUTO_MAX_DEVICES = 60;

type PlanRow = NonNullable<Awaited<ReturnType<ReturnType<typeof getDb>['allocationPlan']['findUnique']>>>;

const iso = (v: bigint | null) => (v === null ? null : new Date(Number(v)).toISOString());

function summary(row: PlanRow): PlanSummary {
  return {
    id: row.id,
    status: row.status as PlanStatus,
    source: row.source as PlanSummary['source'],
    createdAt: iso(row.createdAt)!,
    createdBy: row.createdBy,
    horizonH: row.horizonH,
    intervalMin: row.intervalMin,
    solver: row.solver,
    gapPct: row.gapPct,
    siteIds: JSON.parse(row.siteIds) as number[],
    expectedProfitUsd: row.expectedProfitUsd,
    changedDevices: row.changedDevices,
    appliedAt: iso(row.appliedAt),
    appliedBy: row.appliedBy,
    supersededAt: iso(row.supersededAt),
  };
}

export function planView(row: PlanRow): PlanView {
  return {
    ...summary(row),
    ...decodeJson<PlanBody>(row.result),
    inputs: decodeJson<PlanInputs>(row.inputs),
    request: row.request ? JSON.parse(row.request) : { constraints: { guardrails: true, holdTimes: true } },
    applyResult: row.applyResult ? decodeJson(row.applyResult) : null,
  };
}

async function solve(inputs: PlanInputs, solver: PlanRequest['solver']): Promise<SolveResult> {
  const useHighs =
    solver === 'highs' || (solver === 'auto' && inputs.instance.devices.length <= HIGHS_AUTO_MAX_DEVICES);
  if (!useHighs) return planHeuristic(inputs.instance);
  try {
    // Loaded on demand: the worker thread and the WebAssembly module are server-only.
    const { solveLpInWorker } = await import('../highs/solve-lp');
    return await planExact(inputs.instance, solveLpInWorker, { ...DEFAULT_LP_OPTIONS, timeLimitS: 20 });
  } catch (error) {
    // Under "auto" a HiGHS failure (worker could not start, no solution in time) falls back to the
    // heuristic; infeasibility and post-check violations are answers, not failures, and propagate.
    if (
      solver !== 'auto' ||
      error instanceof AllocationInfeasibleError ||
      error instanceof PlanViolationError
    )
      throw error;
    console.log(
      `[allocation] HiGHS failed, using the heuristic: ${error instanceof Error ? error.message : error}`,
    );
    return planHeuristic(inputs.instance);
  }
}

export type CreateOptions = { source?: 'manual' | 'auto' };

/** Computes and stores a draft plan (a dry run: nothing changes on any device). */
export async function createPlan(
  actor: Actor,
  req: PlanRequest,
  now: number,
  options: CreateOptions = {},
): Promise<PlanView> {
  requireStaff(actor, 'operator');
  const db = getDb();
  if (req.siteIds) {
    const ids = [...new Set(req.siteIds)];
    const found = new Set(
      (await db.site.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id),
    );
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length) {
      throw badRequest(
        `Unknown site${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`,
        unknown.map((id) => ({ path: 'siteIds', message: `Site ${id} does not exist` })),
      );
    }
  }
  const constraints = constraintsOf(req.constraints);
  const loaded = await loadPlanInputs({
    now,
    siteIds: req.siteIds,
    horizonH: req.horizonH,
    intervalMin: req.intervalMin,
    constraints,
    siteSettings: await sitePlanSettings(),
  });
  if (loaded.instance.sites.length === 0) {
    throw conflict(
      loaded.skippedSites.length
        ? `No site can be planned: ${loaded.skippedSites.map((s) => `${s.name} ${s.reason}`).join('; ')}`
        : 'There are no sites to plan',
      { skippedSites: loaded.skippedSites },
    );
  }
  let inputs: PlanInputs;
  try {
    inputs = applyOverrides(loaded, req.overrides);
  } catch (error) {
    if (error instanceof AllocationOverrideError) throw badRequest(error.message, error.issues);
    throw error;
  }
  let result: SolveResult;
  try {
    result = await solve(inputs, req.solver);
  } catch (error) {
    if (error instanceof AllocationInfeasibleError)
      throw conflict(`No feasible plan: ${error.message}`, { reason: error.message });
    throw error;
  }
  const body = toPlanBody(result, inputs);
  const row = await db.allocationPlan.create({
    data: {
      status: 'draft',
      source: options.source ?? 'manual',
      createdAt: BigInt(now),
      createdBy: actor.name.slice(0, 200),
      actorKind: actor.kind,
      actorId: actor.id,
      horizonH: inputs.horizonH,
      intervalMin: inputs.instance.intervalMin,
      solver: body.solver,
      gapPct: body.gapPct,
      siteIds: JSON.stringify(body.sites.map((s) => s.siteId)),
      request: JSON.stringify({ overrides: req.overrides, constraints }),
      inputs: encodeJson(inputs),
      result: encodeJson(body),
      expectedProfitUsd: body.expectedProfitUsd,
      changedDevices: body.summary.changed,
    },
  });
  return planView(row);
}

export async function listPlans(actor: Actor, query: PlanListQuery): Promise<{ data: PlanSummary[] }> {
  requireStaff(actor, 'viewer');
  const rows = await getDb().allocationPlan.findMany({
    where: { status: query.status, source: query.source },
    orderBy: { id: 'desc' },
    take: query.limit,
    omit: { inputs: true, result: true, applyResult: true },
  });
  return { data: rows.map((r) => summary(r as PlanRow)) };
}

export async function loadPlanRow(id: number): Promise<PlanRow> {
  const row = await getDb().allocationPlan.findUnique({ where: { id } });
  if (!row) throw notFound(`Allocation plan ${id}`);
  return row;
}

export async function getPlan(actor: Actor, id: number): Promise<PlanView> {
  requireStaff(actor, 'viewer');
  return planView(await loadPlanRow(id));
}
