// Applying a plan: its first-interval decisions become assignments (lib/workloads/assignments.ts,
// source "plan") with a status per device, the device workloads written in bulk in one
// transaction. Order: pause the preemptible jobs the plan pauses (their servers go idle), then the per-device workloads (curtail, idle, rent, mine on the
// device's pool at the planned power target), then start the jobs the plan places. Earlier applied
// plans covering one of the same sites become superseded; each site gets a decision-log row.
// The changed devices then get remote actions (lib/actions bulk batches): pause, resume and
// setPowerTarget, sent and confirmed by the actions executor.
import { requestBulkAction } from '../../actions/requests';
import { recordAudit } from '../../audit/record';
import { type Actor, requireStaff } from '../../auth/actor';
import { getDb } from '../../db/client';
import { execute, join, queryRows, sql, withRawTransaction } from '../../db/raw';
import { AppError, conflict } from '../../errors';
import { emitEvent } from '../../webhooks/emit';
import { assignWorkload, assignWorkloadsTogether, CONCURRENT_REASON } from '../../workloads/assignments';
import type { Workload } from '../../workloads/schemas';
import { transitionJob } from '../../workloads/transitions';
import type { PlanBody, PlanDevice } from '../plan-body';
import { decodeJson, encodeJson } from './codec';
import { loadPlanRow } from './plans';

/** A plan older than this is refused: what runs now has moved on; plan again. */
export const MAX_PLAN_AGE_MS = 60 * 60_000;

export type DeviceApplyStatus = {
  deviceId: number;
  name: string;
  siteId: number;
  decision: PlanDevice['decision'];
  status: 'applied' | 'unchanged' | 'refused' | 'failed';
  reason?: string;
  assignmentId?: number;
};

export type JobApplyStatus = {
  jobId: number;
  action: 'pause' | 'start';
  status: 'applied' | 'refused' | 'failed';
  reason?: string;
};

export type ApplyResult = {
  planId: number;
  status: 'applied';
  appliedAt: string;
  mode: 'manual' | 'auto';
  applied: number;
  unchanged: number;
  refused: number;
  failed: number;
  devices: DeviceApplyStatus[];
  jobs: JobApplyStatus[];
  supersededPlanIds: number[];
  /**
   * Remote device actions (lib/actions) for the devices whose assignment changed: pause for
   * curtail/off, resume for a miner that mines again, setPowerTarget for the planned power target.
   * Each is a bulk batch (sent in steps by the actions executor, confirmed from telemetry); a batch
   * that cannot be requested is listed in `errors` and does not undo the assignments.
   */
  remoteActions: {
    sent: boolean;
    batches: { action: string; batchId: string; total: number; powerTargetW?: number }[];
    errors: string[];
  };
};

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The pool each device should mine on: its current pool, its last one, its rack's, its site's. */
async function poolsFor(deviceIds: number[]): Promise<Map<number, number>> {
  if (deviceIds.length === 0) return new Map();
  const rows = await queryRows(sql`
    SELECT d.id, d.rack_id, d.site_id, w.pool_id AS current_pool,
      (SELECT a.pool_id FROM assignment a WHERE a.device_id = d.id AND a.kind = 'pool'
        ORDER BY a.from_ts DESC, a.id DESC LIMIT 1) AS last_pool
    FROM device d LEFT JOIN device_workload w ON w.device_id = d.id
    WHERE d.id IN (${join(deviceIds)})`);
  const db = getDb();
  const [pools, coverage] = await Promise.all([
    db.poolProfile.findMany({ select: { id: true } }),
    db.poolCoverage.findMany(),
  ]);
  const exists = new Set(pools.map((p) => p.id));
  const cover = (scope: string, id: unknown) =>
    coverage.find((c) => c.scope === scope && c.scopeId === Number(id))?.poolId;
  const out = new Map<number, number>();
  for (const r of rows) {
    const candidates = [
      cover('device', r.id),
      r.current_pool == null ? undefined : Number(r.current_pool),
      r.last_pool == null ? undefined : Number(r.last_pool),
      r.rack_id == null ? undefined : cover('rack', r.rack_id),
      cover('site', r.site_id),
    ];
    const pool = candidates.find((p) => p !== undefined && exists.has(p));
    if (pool !== undefined) out.set(Number(r.id), pool);
  }
  return out;
}

function workloadFor(d: PlanDevice, pool: number | undefined): Workload | { refuse: string } | null {
  switch (d.decision) {
    case 'curtail':
    case 'off':
      return { kind: 'curtail' };
    case 'idle':
      return { kind: 'idle' };
    case 'rent':
      return { kind: 'rent' };
    case 'mine':
      if (pool === undefined)
        return { refuse: 'no pool to mine on: assign a pool to the device, its rack or its site' };
      return {
        kind: 'pool',
        poolId: pool,
        ...(d.powerTargetW !== undefined && { powerTargetW: d.powerTargetW }),
      };
    default:
      // Job decisions are applied per job (all of its servers together).
      return null;
  }
}

export async function applyPlan(
  actor: Actor,
  id: number,
  now: number,
  options: { mode?: 'manual' | 'auto' } = {},
): Promise<ApplyResult> {
  requireStaff(actor, 'operator');
  const mode = options.mode ?? 'manual';
  const row = await loadPlanRow(id);
  if (row.status === 'applied') throw conflict(`Allocation plan ${id} is already applied`);
  if (row.status === 'superseded')
    throw conflict(`Allocation plan ${id} is superseded by a later applied plan`);
  if (now - Number(row.createdAt) > MAX_PLAN_AGE_MS) {
    throw conflict(
      `Allocation plan ${id} was made ${Math.round((now - Number(row.createdAt)) / 60_000)} min ago; plan again (plans older than ${MAX_PLAN_AGE_MS / 60_000} min are not applied)`,
    );
  }
  const plan = decodeJson<PlanBody>(row.result);
  const reason = `allocation plan #${id}${mode === 'auto' ? ' (automatic mode)' : ''}`;
  const statuses = new Map<number, DeviceApplyStatus>();
  const base = (d: PlanDevice) => ({
    deviceId: d.deviceId,
    name: d.name,
    siteId: d.siteId,
    decision: d.decision,
  });
  for (const d of plan.devices) {
    if (!d.changed || d.maintenance) statuses.set(d.deviceId, { ...base(d), status: 'unchanged' });
  }
  const jobs: JobApplyStatus[] = [];

  // 1. Pauses free their servers before anything else lands on them.
  for (const j of plan.jobs.filter((x) => x.decision === 'pause')) {
    try {
      await transitionJob(actor, j.jobId, 'preempted', `${reason}: ${j.reason}`, now);
      jobs.push({ jobId: j.jobId, action: 'pause', status: 'applied' });
    } catch (error) {
      jobs.push({ jobId: j.jobId, action: 'pause', status: 'failed', reason: message(error) });
    }
  }

  // 2. Per-device workloads, one assignment request per distinct workload.
  const changed = plan.devices.filter((d) => d.changed && !d.maintenance);
  const pools = await poolsFor(changed.filter((d) => d.decision === 'mine').map((d) => d.deviceId));
  const groups = new Map<string, { workload: Workload; devices: PlanDevice[] }>();
  for (const d of changed) {
    const w = workloadFor(d, pools.get(d.deviceId));
    if (w === null) continue;
    if ('refuse' in w) {
      statuses.set(d.deviceId, { ...base(d), status: 'refused', reason: w.refuse });
      continue;
    }
    const key = JSON.stringify(w);
    const g = groups.get(key) ?? { workload: w, devices: [] };
    g.devices.push(d);
    groups.set(key, g);
  }
  const byId = new Map(plan.devices.map((d) => [d.deviceId, d]));
  // One transaction for all of them, written in bulk; a device assigned concurrently is refused alone.
  const list = [...groups.values()];
  try {
    const responses = await assignWorkloadsTogether(
      actor,
      list.map((g) => ({
        deviceIds: g.devices.map((d) => d.deviceId),
        workload: g.workload as Exclude<Workload, { kind: 'job' }>,
        source: 'plan' as const,
        reason,
      })),
      now,
    );
    for (const res of responses) {
      for (const r of res.results) {
        const d = byId.get(r.deviceId)!;
        statuses.set(r.deviceId, {
          ...base(d),
          status: !r.ok
            ? r.reason === CONCURRENT_REASON
              ? 'failed'
              : 'refused'
            : r.unchanged
              ? 'unchanged'
              : 'applied',
          ...(r.reason && { reason: r.reason }),
          ...(r.assignmentId && { assignmentId: r.assignmentId }),
        });
      }
    }
  } catch (error) {
    for (const g of list)
      for (const d of g.devices)
        statuses.set(d.deviceId, { ...base(d), status: 'failed', reason: message(error) });
  }

  // 3. Jobs the plan starts, all of a job's servers in one placement.
  for (const j of plan.jobs.filter((x) => x.decision === 'run' && x.reason === 'starts now')) {
    try {
      const job = await getDb().aiJob.findUnique({ where: { id: j.jobId }, select: { status: true } });
      if (job?.status === 'preempted') await transitionJob(actor, j.jobId, 'queued', reason, now);
      const res = await assignWorkload(
        actor,
        { deviceIds: j.deviceIds, workload: { kind: 'job', jobId: j.jobId }, source: 'plan', reason },
        now,
      );
      jobs.push({ jobId: j.jobId, action: 'start', status: 'applied' });
      for (const r of res.results) {
        const d = byId.get(r.deviceId);
        if (!d) continue;
        statuses.set(r.deviceId, {
          ...base(d),
          status: r.ok ? 'applied' : 'refused',
          ...(r.reason && { reason: r.reason }),
          ...(r.assignmentId && { assignmentId: r.assignmentId }),
        });
      }
    } catch (error) {
      const refused = error instanceof AppError && error.status < 500;
      jobs.push({
        jobId: j.jobId,
        action: 'start',
        status: refused ? 'refused' : 'failed',
        reason: message(error),
      });
      for (const id of j.deviceIds) {
        const d = byId.get(id);
        if (d && !statuses.has(id))
          statuses.set(id, { ...base(d), status: refused ? 'refused' : 'failed', reason: message(error) });
      }
    }
  }
  // Job decisions on servers whose job could not be handled above (e.g. a changed job mix).
  for (const d of changed) {
    if (!statuses.has(d.deviceId))
      statuses.set(d.deviceId, {
        ...base(d),
        status: 'refused',
        reason: 'the job change is not applied: place the job by hand',
      });
  }

  const devices = plan.devices.map((d) => statuses.get(d.deviceId)!);
  const count = (s: DeviceApplyStatus['status']) => devices.filter((d) => d.status === s).length;
  const db = getDb();
  const siteIds = JSON.parse(row.siteIds) as number[];
  const earlier = await db.allocationPlan.findMany({
    where: { status: 'applied', id: { not: id } },
    select: { id: true, siteIds: true },
  });
  const superseded = earlier
    .filter((p) => (JSON.parse(p.siteIds) as number[]).some((s) => siteIds.includes(s)))
    .map((p) => p.id);
  const result: ApplyResult = {
    planId: id,
    status: 'applied',
    appliedAt: new Date(now).toISOString(),
    mode,
    applied: count('applied'),
    unchanged: count('unchanged'),
    refused: count('refused'),
    failed: count('failed'),
    devices,
    jobs,
    supersededPlanIds: superseded,
    remoteActions: await sendRemoteActions(actor, plan, devices, now),
  };
  // The plan's new status and its `plan.applied` event commit together (lib/webhooks outbox).
  await withRawTransaction(async (client) => {
    if (superseded.length > 0)
      await execute(
        sql`UPDATE allocation_plan SET status = 'superseded', superseded_at = ${now} WHERE id IN (${join(superseded)})`,
        client,
      );
    await execute(
      sql`UPDATE allocation_plan SET status = 'applied', applied_at = ${now}, applied_by = ${actor.name.slice(0, 200)},
          apply_result = ${encodeJson(result)} WHERE id = ${id}`,
      client,
    );
    await emitEvent(
      client,
      'plan.applied',
      {
        planId: id,
        mode,
        siteIds,
        appliedBy: actor.name,
        applied: result.applied,
        unchanged: result.unchanged,
        refused: result.refused,
        failed: result.failed,
        supersededPlanIds: superseded,
        expectedProfitUsd: row.expectedProfitUsd,
      },
      now,
    );
  });
  await logDecisions(plan, result, actor, now);
  await recordAudit(actor, 'allocation.plan.apply', `allocation-plan:${id}`, {
    mode,
    applied: result.applied,
    refused: result.refused,
    failed: result.failed,
    superseded,
  });
  return result;
}

const ACTION_CHUNK = 500;

/** Pause, resume and power-target batches for the devices whose assignment the apply changed. */
async function sendRemoteActions(
  actor: Actor,
  plan: PlanBody,
  statuses: DeviceApplyStatus[],
  now: number,
): Promise<ApplyResult['remoteActions']> {
  const byId = new Map(plan.devices.map((d) => [d.deviceId, d]));
  const pause: number[] = [];
  const resume: number[] = [];
  const power = new Map<number, number[]>();
  for (const st of statuses) {
    if (st.status !== 'applied') continue;
    const d = byId.get(st.deviceId)!;
    if (d.decision === 'curtail' || d.decision === 'off') pause.push(d.deviceId);
    if (d.decision !== 'mine') continue;
    if (d.current === 'curtail' || d.current === 'off') resume.push(d.deviceId);
    if (d.powerTargetW !== undefined)
      power.set(d.powerTargetW, [...(power.get(d.powerTargetW) ?? []), d.deviceId]);
  }
  const requests: {
    action: 'pause' | 'resume' | 'setPowerTarget';
    deviceIds: number[];
    powerTargetW?: number;
  }[] = [
    { action: 'pause', deviceIds: pause },
    { action: 'resume', deviceIds: resume },
    ...[...power].map(([w, ids]) => ({ action: 'setPowerTarget' as const, deviceIds: ids, powerTargetW: w })),
  ];
  const out: ApplyResult['remoteActions'] = { sent: false, batches: [], errors: [] };
  for (const r of requests) {
    // 500 per batch: lib/actions loads a batch's devices with one IN list, which SQLite caps (~999 parameters).
    for (let i = 0; i < r.deviceIds.length; i += ACTION_CHUNK) {
      const deviceIds = r.deviceIds.slice(i, i + ACTION_CHUNK);
      try {
        const batch = await requestBulkAction(
          actor,
          {
            action: r.action,
            deviceIds,
            ...(r.powerTargetW !== undefined && { powerTargetW: r.powerTargetW }),
            batchSize: 100,
            intervalS: 5,
          },
          now,
        );
        out.batches.push({
          action: r.action,
          batchId: batch.batchId,
          total: batch.total,
          ...(r.powerTargetW !== undefined && { powerTargetW: r.powerTargetW }),
        });
      } catch (error) {
        out.errors.push(`${r.action} (${deviceIds.length} devices): ${message(error)}`);
      }
    }
  }
  out.sent = out.batches.length > 0;
  return out;
}

/** One decision-log row per planned site. */
async function logDecisions(plan: PlanBody, result: ApplyResult, actor: Actor, now: number) {
  const rows = plan.sites.map((s) => {
    const here = result.devices.filter((d) => d.siteId === s.siteId);
    const n = (st: DeviceApplyStatus['status']) => here.filter((d) => d.status === st).length;
    const changed = n('applied');
    const bad = n('refused') + n('failed');
    const outcome = bad > 0 ? (changed > 0 ? 'partial' : 'failed') : changed > 0 ? 'applied' : 'no-change';
    const byDecision: Record<string, number> = {};
    for (const d of here.filter((x) => x.status === 'applied'))
      byDecision[d.decision] = (byDecision[d.decision] ?? 0) + 1;
    const parts = Object.entries(byDecision).map(([k, v]) => `${v} → ${k}`);
    const hour = s.hours[0];
    const summary =
      `${s.name}: ${changed ? parts.join(', ') : 'no change'}` +
      (bad ? `; ${bad} not applied` : '') +
      (hour ? ` at $${hour.priceUsdPerMwh}/MWh, hashprice $${plan.hashpriceUsdPerPhDay}/PH/day` : '');
    return {
      ts: BigInt(now),
      siteId: s.siteId,
      planId: result.planId,
      mode: result.mode,
      outcome,
      changed,
      refused: bad,
      summary: summary.slice(0, 1000),
      actorName: actor.name.slice(0, 200),
      details: JSON.stringify({
        byDecision,
        expectedProfitUsd: s.expectedProfitUsd,
        currentProfitUsd: s.currentProfitUsd,
        devices: here.filter((d) => d.status !== 'unchanged').slice(0, 500),
      }),
    };
  });
  if (rows.length) await getDb().allocationDecision.createMany({ data: rows });
}
