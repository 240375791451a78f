// The decision log: one row per site and apply (manual or automatic), with the plan whose inputs
// snapshot it came from. "Explain" re-runs that snapshot through the same engine (replan) and shows
// the site's device reasons next to what was decided, so a past decision can be checked.
import { type Actor, requireStaff } from '../../auth/actor';
import { getDb } from '../../db/client';
import { notFound } from '../../errors';
import type { PlanInputs } from '../inputs';
import type { PlanBody } from '../plan-body';
import { replan } from '../replan';
import { decodeJson } from './codec';
import type { DecisionListQuery } from './schemas';

export type DecisionView = {
  id: number;
  ts: string;
  siteId: number;
  planId: number | null;
  mode: string;
  outcome: string;
  changed: number;
  refused: number;
  summary: string;
  actorName: string;
  details: unknown;
};

type Row = Awaited<ReturnType<ReturnType<typeof getDb>['allocationDecision']['findMany']>>[number];

function view(r: Row): DecisionView {
  return {
    id: r.id,
    ts: new Date(Number(r.ts)).toISOString(),
    siteId: r.siteId,
    planId: r.planId,
    mode: r.mode,
    outcome: r.outcome,
    changed: r.changed,
    refused: r.refused,
    summary: r.summary,
    actorName: r.actorName,
    details: r.details ? JSON.parse(r.details) : null,
  };
}

export async function listDecisions(actor: Actor, q: DecisionListQuery): Promise<{ data: DecisionView[] }> {
  requireStaff(actor, 'viewer');
  const rows = await getDb().allocationDecision.findMany({
    where: { siteId: q.siteId, planId: q.planId, mode: q.mode },
    orderBy: { id: 'desc' },
    take: q.limit,
  });
  return { data: rows.map(view) };
}

/**
 * A decision with its explanation: the plan's inputs re-run through replan() (the heuristic), the
 * site's hours and per-device decisions with reasons from the stored plan, and whether the re-run
 * reaches the same first-interval decisions.
 */
export async function explainDecision(actor: Actor, id: number) {
  requireStaff(actor, 'viewer');
  const db = getDb();
  const row = await db.allocationDecision.findUnique({ where: { id } });
  if (!row) throw notFound(`Allocation decision ${id}`);
  const plan = row.planId ? await db.allocationPlan.findUnique({ where: { id: row.planId } }) : null;
  if (!plan)
    return {
      decision: view(row),
      plan: null,
      rerun: null,
      note: 'the plan and its inputs are no longer kept',
    };
  const stored = decodeJson<PlanBody>(plan.result);
  const inputs = decodeJson<PlanInputs>(plan.inputs);
  const again = replan(inputs).plan;
  const site = stored.sites.find((s) => s.siteId === row.siteId) ?? null;
  const storedDevices = stored.devices.filter((d) => d.siteId === row.siteId);
  const againById = new Map(again.devices.map((d) => [d.deviceId, d]));
  const differing = storedDevices.filter((d) => {
    const b = againById.get(d.deviceId);
    return !b || b.decision !== d.decision || b.powerTargetW !== d.powerTargetW;
  });
  return {
    decision: view(row),
    plan: {
      id: plan.id,
      createdAt: new Date(Number(plan.createdAt)).toISOString(),
      solver: stored.solver,
      hashpriceUsdPerPhDay: stored.hashpriceUsdPerPhDay,
      basis: inputs.basis,
      site,
      devices: storedDevices,
    },
    rerun: {
      solver: again.solver,
      sameDecisions: differing.length === 0,
      differingDeviceIds: differing.map((d) => d.deviceId).slice(0, 500),
      expectedProfitUsd: again.sites.find((s) => s.siteId === row.siteId)?.expectedProfitUsd ?? null,
    },
  };
}
