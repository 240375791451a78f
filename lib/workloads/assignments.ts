// POST /api/v1/assignments: put devices (a list, a rack or a site) on a workload, in one
// transaction, every change a row of the one assignment history. Concurrent requests for the same
// devices or the same job: each device's workload row carries a version, so exactly one wins and
// the other gets 409.
import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { getDb } from '../db/client';
import { isOneOf } from '../db/dialect';
import { execute, sql, withRawTransaction } from '../db/raw';
import { conflict, notFound } from '../errors';
import { replaceDeviceWorkloads } from './bulk-rows';
import {
  byDeviceIds,
  byRack,
  bySite,
  type DeviceFacts,
  expectedWorkerName,
  loadDeviceFacts,
} from './candidates';
import { executorFor } from './executors';
import { type DeviceDecision, decideEach, decideJob } from './plan-assignment';
import { findVisiblePool } from './pools';
import { gpuRentalRates, rentalSettingsFor } from './rental';
import { bool, type Client, loadJobRow, type NewAssignment } from './rows';
import type { AssignmentRequest, Workload } from './schemas';
import { applyJobTransition } from './transitions';

export type AssignmentResult = {
  deviceId: number;
  name: string | null;
  ok: boolean;
  unchanged?: boolean;
  assignmentId?: number;
  gpus?: number | null;
  workerName?: string;
  reason?: string;
};

export type AssignmentResponse = {
  workload: Workload;
  assigned: number;
  unchanged: number;
  refused: number;
  results: AssignmentResult[];
};

async function resolveTargets(
  actor: Actor,
  req: AssignmentRequest,
  preloaded?: Map<number, DeviceFacts>,
): Promise<{ devices: DeviceFacts[]; missing: number[] }> {
  if (req.deviceIds) {
    const ids = [...new Set(req.deviceIds)];
    const devices = preloaded
      ? ids.flatMap((id) => preloaded.get(id) ?? []).sort((a, b) => a.id - b.id)
      : await loadDeviceFacts(actor, byDeviceIds(ids));
    const found = new Set(devices.map((d) => d.id));
    return { devices, missing: ids.filter((id) => !found.has(id)) };
  }
  const devices = await loadDeviceFacts(actor, req.rackId ? byRack(req.rackId) : bySite(req.siteId!));
  if (devices.length === 0) {
    // A tenant sees only racks/sites holding its machines; an empty scope looks unknown.
    const exists = req.rackId
      ? await getDb().rack.findUnique({ where: { id: req.rackId }, select: { id: true } })
      : await getDb().site.findUnique({ where: { id: req.siteId! }, select: { id: true } });
    if (!exists || actor.tenantId !== null)
      throw notFound(req.rackId ? `Rack ${req.rackId}` : `Site ${req.siteId}`);
  }
  return { devices, missing: [] };
}

type Prepared = {
  req: AssignmentRequest;
  workload: Workload;
  source: NonNullable<AssignmentRequest['source']>;
  byId: Map<number, DeviceFacts>;
  pool: Awaited<ReturnType<typeof findVisiblePool>> | null;
  jobRow: Awaited<ReturnType<typeof loadJobRow>> | null;
  results: Map<number, AssignmentResult>;
  writes: Extract<DeviceDecision, { take: true }>[];
  terms: (deviceId: number) => RentTerms | undefined;
};

/** Reads and decides (outside any transaction): which devices take the workload, and why not the others. */
async function prepareAssignment(
  actor: Actor,
  req: AssignmentRequest,
  now: number,
  preloaded?: Map<number, DeviceFacts>,
): Promise<Prepared> {
  const { workload } = req;
  const source = req.source ?? 'manual';
  const { devices, missing } = await resolveTargets(actor, req, preloaded);
  const byId = new Map(devices.map((d) => [d.id, d]));
  const pool = workload.kind === 'pool' ? await findVisiblePool(actor, workload.poolId) : null;

  let decisions: DeviceDecision[];
  let jobRow = null;
  if (workload.kind === 'job') {
    jobRow = await loadJobRow(workload.jobId, undefined, actor.tenantId);
    if (!jobRow) throw notFound(`Job ${workload.jobId}`);
    if (jobRow.status !== 'queued')
      throw conflict(`Job ${jobRow.id} is ${jobRow.status}; only a queued job can be placed`);
    const needs = {
      gpuCount: jobRow.gpu_count,
      gpuModel: jobRow.gpu_model,
      minGpuMemoryGb: jobRow.min_gpu_memory_gb,
      multiNode: bool(jobRow.multi_node),
      needsFirmPower: bool(jobRow.needs_firm_power),
    };
    if (missing.length) throw notFound(`Device ${missing.join(', ')}`);
    const decided = decideJob(devices, needs, jobRow.id, Boolean(req.deviceIds));
    if (!decided.ok) {
      await execute(
        sql`UPDATE ai_job SET status_reason = ${decided.message} WHERE id = ${jobRow.id} AND status = 'queued'`,
      );
      throw conflict(`Job ${jobRow.id} cannot be placed: ${decided.message}`, {
        results: toResults(decided.decisions, byId),
      });
    }
    decisions = decided.decisions;
  } else {
    decisions = decideEach(devices, workload);
  }

  const rental = workload.kind === 'rent' ? await rentalTerms(devices, now) : null;
  const taken = decisions.filter((d): d is Extract<DeviceDecision, { take: true }> => d.take && !d.unchanged);
  const results = new Map<number, AssignmentResult>(toResults(decisions, byId).map((r) => [r.deviceId, r]));
  for (const id of missing)
    results.set(id, { deviceId: id, name: null, ok: false, reason: 'device not found' });
  if (rental) {
    for (const d of taken) {
      const why = rental.refuse.get(d.deviceId);
      if (why) results.set(d.deviceId, { ...results.get(d.deviceId)!, ok: false, reason: why });
    }
  }
  // The job's price is copied onto its assignments: the history alone prices every span.
  const jobTerms = jobRow
    ? { rateUsdPerGpuHour: jobRow.price_usd_per_gpu_hour, utilisationPct: 100 }
    : undefined;
  return {
    req,
    workload,
    source,
    byId,
    pool,
    jobRow,
    results,
    writes: taken.filter((d) => results.get(d.deviceId)!.ok),
    terms: (deviceId) => rental?.terms.get(deviceId) ?? jobTerms,
  };
}

/** Refused on a version conflict instead of failing the whole request (plan apply). */
export const CONCURRENT_REASON = 'assigned concurrently by another request; plan again';

/**
 * The writes of one prepared request, on the transaction's client, in bulk. A device assigned
 * concurrently (its workload version moved) fails the request (`throw`, the API's all-or-nothing)
 * or is refused alone (`refuse`).
 */
async function writeAssignment(
  client: Client,
  p: Prepared,
  actor: Actor,
  now: number,
  onConflict: 'throw' | 'refuse',
): Promise<void> {
  const { workload, req, jobRow, byId } = p;
  if (jobRow) {
    await applyJobTransition(client, jobRow, 'scheduled', actor, { via: 'placement', now, reason: null });
  }
  const items = p.writes.map((d) => {
    const device = byId.get(d.deviceId)!;
    return {
      next: nextAssignment(device, workload, d.gpus, p.source, req.reason, p.terms(d.deviceId)),
      expectVersion: device.version,
    };
  });
  const { written, conflicts } = await replaceDeviceWorkloads(client, items, actor, now);
  if (conflicts.length && onConflict === 'throw') {
    const device = byId.get(conflicts[0]!)!;
    throw conflict(`Device ${device.id} (${device.name}) was assigned concurrently; reload and retry`, {
      deviceId: device.id,
    });
  }
  for (const id of conflicts)
    p.results.set(id, { ...p.results.get(id)!, ok: false, reason: CONCURRENT_REASON });
  p.writes = p.writes.filter((d) => written.has(d.deviceId));
  for (const [deviceId, assignmentId] of written) p.results.get(deviceId)!.assignmentId = assignmentId;
  await applyDeviceSideEffects(
    client,
    p.writes.map((d) => byId.get(d.deviceId)!),
    workload,
    now,
  );
  if (workload.kind === 'pool' && (req.rackId || req.siteId)) {
    await recordCoverage(
      client,
      workload.poolId,
      req.rackId ? 'rack' : 'site',
      (req.rackId ?? req.siteId)!,
      actor,
      now,
    );
  }
  if (jobRow) {
    const scheduled = await loadJobRow(jobRow.id, client);
    await executorFor(jobRow.executor).jobScheduled(client, scheduled!, now);
  }
}

async function finish(actor: Actor, p: Prepared): Promise<AssignmentResponse> {
  const { pool, results, byId, req, workload } = p;
  if (pool) {
    for (const r of results.values()) {
      const d = byId.get(r.deviceId);
      if (r.ok && d) r.workerName = expectedWorkerName(pool.workerTemplate, d);
    }
  }
  const list = [...results.values()];
  await recordAudit(actor, 'assignment.create', null, {
    workload,
    scope: req.deviceIds
      ? { devices: req.deviceIds.length }
      : req.rackId
        ? { rackId: req.rackId }
        : { siteId: req.siteId },
    assigned: p.writes.length,
  });
  return {
    workload,
    assigned: p.writes.length,
    unchanged: list.filter((r) => r.unchanged).length,
    refused: list.filter((r) => !r.ok).length,
    results: list,
  };
}

export async function assignWorkload(
  actor: Actor,
  req: AssignmentRequest,
  now: number,
): Promise<AssignmentResponse> {
  requireRole(actor, 'operator');
  const p = await prepareAssignment(actor, req, now);
  await withRawTransaction((client) => writeAssignment(client, p, actor, now, 'throw'));
  return finish(actor, p);
}

/**
 * Several non-job requests (device lists) written in one transaction, e.g. a plan's curtail, rent
 * and per-pool mine groups. A device assigned concurrently is refused alone (CONCURRENT_REASON);
 * a request that cannot be prepared (unknown pool, …) throws before anything is written.
 */
export async function assignWorkloadsTogether(
  actor: Actor,
  reqs: (AssignmentRequest & { workload: Exclude<Workload, { kind: 'job' }> })[],
  now: number,
): Promise<AssignmentResponse[]> {
  requireRole(actor, 'operator');
  // One read of every target device's facts, shared by the requests.
  const ids = [...new Set(reqs.flatMap((r) => r.deviceIds ?? []))];
  const facts = new Map<number, DeviceFacts>();
  for (let i = 0; i < ids.length; i += 2000)
    for (const d of await loadDeviceFacts(actor, byDeviceIds(ids.slice(i, i + 2000)))) facts.set(d.id, d);
  const prepared: Prepared[] = [];
  for (const req of reqs) prepared.push(await prepareAssignment(actor, req, now, facts));
  await withRawTransaction(async (client) => {
    for (const p of prepared) await writeAssignment(client, p, actor, now, 'refuse');
  });
  const out: AssignmentResponse[] = [];
  for (const p of prepared) out.push(await finish(actor, p));
  return out;
}

function toResults(decisions: DeviceDecision[], byId: Map<number, DeviceFacts>): AssignmentResult[] {
  return decisions.map((d) =>
    d.take
      ? {
          deviceId: d.deviceId,
          name: byId.get(d.deviceId)?.name ?? null,
          ok: true,
          unchanged: d.unchanged,
          gpus: d.gpus,
        }
      : { deviceId: d.deviceId, name: byId.get(d.deviceId)?.name ?? null, ok: false, reason: d.reason },
  );
}

type RentTerms = { rateUsdPerGpuHour: number; utilisationPct: number };

/** Rental rate per device from the GPU-rate table, and the site's utilisation assumption. */
async function rentalTerms(devices: DeviceFacts[], now: number) {
  const rates = await gpuRentalRates(now);
  const terms = new Map<number, RentTerms>();
  const refuse = new Map<number, string>();
  const perSite = new Map<number, Awaited<ReturnType<typeof rentalSettingsFor>>>();
  for (const d of devices) {
    if (d.class !== 'gpu') continue;
    if (!perSite.has(d.siteId)) perSite.set(d.siteId, await rentalSettingsFor(d.siteId));
    const settings = perSite.get(d.siteId)!;
    const rate = d.gpuModel ? rates.get(d.gpuModel.toLowerCase()) : undefined;
    if (!settings.enabled) refuse.set(d.id, 'GPU rental is disabled at this site');
    else if (rate === undefined) refuse.set(d.id, `no rental rate for GPU model ${d.gpuModel ?? 'unknown'}`);
    else if (settings.minUsdPerGpuHour !== null && rate < settings.minUsdPerGpuHour) {
      refuse.set(d.id, `rental rate $${rate}/GPU-h is below the floor $${settings.minUsdPerGpuHour}/GPU-h`);
    } else terms.set(d.id, { rateUsdPerGpuHour: rate, utilisationPct: settings.utilisationPct });
  }
  return { terms, refuse };
}

function nextAssignment(
  d: DeviceFacts,
  w: Workload,
  gpus: number | null,
  source: NewAssignment['source'],
  reason: string | undefined,
  terms: RentTerms | undefined,
): NewAssignment {
  const base = { deviceId: d.id, kind: w.kind, source, reason: reason ?? null };
  if (w.kind === 'pool') return { ...base, poolId: w.poolId, powerTargetW: w.powerTargetW ?? d.powerTargetW };
  if (w.kind === 'job') return { ...base, jobId: w.jobId, gpus, rateUsdPerGpuHour: terms?.rateUsdPerGpuHour };
  if (w.kind === 'rent')
    return {
      ...base,
      gpus,
      rateUsdPerGpuHour: terms?.rateUsdPerGpuHour,
      utilisationPct: terms?.utilisationPct,
    };
  return base;
}

/** Maintenance is a device status the status job never overrides; leaving it hands status back to data. */
async function applyDeviceSideEffects(client: Client, devices: DeviceFacts[], w: Workload, now: number) {
  if (devices.length === 0) return;
  if (w.kind === 'pool' && w.powerTargetW !== undefined) {
    const ids = devices.map((d) => d.id);
    for (let i = 0; i < ids.length; i += 500) {
      await execute(
        sql`UPDATE device SET power_target_w = ${w.powerTargetW} WHERE ${isOneOf(sql`id`, ids.slice(i, i + 500))}`,
        client,
      );
    }
  }
  for (const d of devices) {
    const to = w.kind === 'maintenance' ? 'maintenance' : d.status === 'maintenance' ? 'offline' : null;
    if (!to || to === d.status) continue;
    const reason = to === 'maintenance' ? 'maintenance assignment' : 'returned to service by assignment';
    await execute(
      sql`UPDATE device SET status = ${to}, status_reason = ${reason}, status_changed_at = ${new Date(now)} WHERE id = ${d.id}`,
      client,
    );
    await execute(
      sql`INSERT INTO device_status_change (device_id, ts, from_status, to_status, reason)
          VALUES (${d.id}, ${now}, ${d.status}, ${to}, ${reason})`,
      client,
    );
  }
}

async function recordCoverage(
  client: Client,
  poolId: number,
  scope: 'rack' | 'site',
  scopeId: number,
  actor: Actor,
  now: number,
) {
  await execute(sql`DELETE FROM pool_coverage WHERE scope = ${scope} AND scope_id = ${scopeId}`, client);
  await execute(
    sql`INSERT INTO pool_coverage (pool_id, scope, scope_id, actor_name, created_at)
        VALUES (${poolId}, ${scope}, ${scopeId}, ${actor.name.slice(0, 200)}, ${now})`,
    client,
  );
}
