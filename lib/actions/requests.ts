// Requesting actions (one device or a bulk selection) and reading them back. Requests only write
// rows: the executor (executor.ts) claims and sends them, telemetry confirms them.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { getDb } from '../db/client';
import { execute, join, queryOne, queryRows, sql, withRawTransaction } from '../db/raw';
import { badRequest, conflict, notFound } from '../errors';
import { filtersSql } from '../inventory/devices';
import { deviceScopeSql, deviceScopeWhere } from '../inventory/scope';
import { findVisiblePool } from '../workloads/pools';
import { renderWorkerName } from '../workloads/worker-name';
import { staggerDueAt } from './confirm';
import { isSimulatedDevice } from './simulated';
import {
  ACTION_STATUSES,
  type ActionInput,
  type ActionName,
  type ActionParams,
  type ActionStatus,
  type ActionView,
  type BatchProgress,
  type BulkActionInput,
  MAX_BULK_DEVICES,
} from './types';

type DeviceFacts = {
  id: number;
  name: string;
  serial: string;
  protocol: string;
  siteName: string;
  rackName: string | null;
  slotRow: number | null;
  slotColumn: number | null;
};

/**
 * Ids per query: Prisma's SQLite adapter refuses an `in` list past its parameter limit ("query
 * parameter limit … exceeded"), so a selection of thousands is read in chunks.
 */
const IDS_PER_QUERY = 500;

async function loadDevices(actor: Actor, ids: number[]): Promise<DeviceFacts[]> {
  const rows = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY)
    rows.push(...(await loadDeviceChunk(actor, ids.slice(i, i + IDS_PER_QUERY))));
  rows.sort((a, b) => a.id - b.id);
  return rows;
}

async function loadDeviceChunk(actor: Actor, ids: number[]): Promise<DeviceFacts[]> {
  const rows = await getDb().device.findMany({
    where: { id: { in: ids }, ...deviceScopeWhere(actor) },
    select: {
      id: true,
      name: true,
      serial: true,
      protocol: true,
      slotRow: true,
      slotColumn: true,
      site: { select: { name: true } },
      rack: { select: { name: true } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    serial: r.serial,
    protocol: r.protocol,
    siteName: r.site.name,
    rackName: r.rack?.name ?? null,
    slotRow: r.slotRow,
    slotColumn: r.slotColumn,
  }));
}

/** Pool URL and worker name per device, resolved now so the executor sends what was asked. */
async function paramsFor(
  actor: Actor,
  input: { action: ActionName; poolId?: number; powerTargetW?: number },
  poolUrlIndex = 0,
): Promise<(device: DeviceFacts) => ActionParams> {
  if (input.action === 'setPowerTarget') return () => ({ powerTargetW: input.powerTargetW });
  if (input.action !== 'switchPool') return () => ({});
  const pool = await findVisiblePool(actor, input.poolId!);
  const url = (JSON.parse(pool.urls) as string[])[poolUrlIndex];
  if (!url) throw badRequest('The pool has no URL', [{ path: 'poolId', message: 'pool without URLs' }]);
  return (d) => ({
    poolId: pool.id,
    poolUrl: url,
    poolUser: renderWorkerName(pool.workerTemplate, {
      site: d.siteName,
      rack: d.rackName,
      slotRow: d.slotRow,
      slotColumn: d.slotColumn,
      serial: d.serial,
      name: d.name,
    }),
  });
}

function rowsFor(
  actor: Actor,
  devices: DeviceFacts[],
  action: ActionName,
  params: (d: DeviceFacts) => ActionParams,
  now: number,
  dueAt: (index: number) => number,
  batchId: string | null,
) {
  return devices.map((d, i) => ({
    deviceId: d.id,
    action,
    params: JSON.stringify(params(d)),
    status: 'pending',
    phase: 'queued',
    requestedBy: actor.name.slice(0, 200),
    actorType: actor.kind,
    actorId: actor.id,
    batchId,
    simulated: isSimulatedDevice(d.protocol),
    dueAt: BigInt(dueAt(i)),
    createdAt: BigInt(now),
  }));
}

/**
 * `options` is for callers inside the server (alert rules, lib/alerts/auto): which of the pool's
 * URLs to switch to (the failover one) and context for the audit record (the rule and alert).
 */
export async function requestAction(
  actor: Actor,
  deviceId: number,
  input: ActionInput,
  now: number,
  options: { poolUrlIndex?: number; audit?: Record<string, unknown> } = {},
): Promise<{ id: number; status: 'pending'; simulated: boolean }> {
  requireRole(actor, 'operator');
  const [device] = await loadDevices(actor, [deviceId]);
  if (!device) throw notFound(`Device ${deviceId}`);
  const params = await paramsFor(actor, input, options.poolUrlIndex);
  const [data] = rowsFor(actor, [device], input.action, params, now, () => now, null);
  const row = await getDb().deviceAction.create({ data: data! });
  await recordAudit(actor, 'device.action.request', `device:${deviceId}`, {
    actionId: row.id,
    action: input.action,
    ...params(device),
    simulated: row.simulated,
    ...options.audit,
  });
  return { id: row.id, status: 'pending', simulated: row.simulated };
}

/** The ids a bulk request reaches, inside the actor's scope; a filter must narrow the fleet. */
async function resolveSelection(
  actor: Actor,
  input: BulkActionInput,
): Promise<{ ids: number[]; devices?: DeviceFacts[] }> {
  if (input.deviceIds) {
    const ids = [...new Set(input.deviceIds)];
    const visible = await loadDevices(actor, ids);
    if (visible.length !== ids.length) {
      const seen = new Set(visible.map((d) => d.id));
      throw notFound(
        `Devices ${ids
          .filter((id) => !seen.has(id))
          .slice(0, 10)
          .join(', ')}`,
      );
    }
    return { ids, devices: visible };
  }
  const f = input.filter!;
  // "Select all" under an empty filter would be the whole fleet: that is never a filter.
  if (f.siteId === undefined && f.rackId === undefined && !f.class?.length && !f.status?.length && !f.q)
    throw badRequest('A filter must narrow the selection', [
      { path: 'filter', message: 'give siteId, rackId, class, status or q (or list deviceIds)' },
    ]);
  const rows = await queryRows(
    sql`SELECT d.id FROM device d JOIN device_model m ON m.id = d.model_id WHERE 1 = 1 ${filtersSql(actor, f)}
        ORDER BY d.id LIMIT ${MAX_BULK_DEVICES + 1}`,
  );
  return { ids: rows.map((r) => Number(r.id)) };
}

export async function requestBulkAction(
  actor: Actor,
  input: BulkActionInput,
  now: number,
): Promise<{ batchId: string; total: number; status: 'pending' }> {
  requireRole(actor, 'operator');
  const selected = await resolveSelection(actor, input);
  const { ids } = selected;
  if (ids.length === 0)
    throw badRequest('The selection is empty', [{ path: 'filter', message: 'no devices match' }]);
  if (ids.length > MAX_BULK_DEVICES)
    throw badRequest(`At most ${MAX_BULK_DEVICES} devices per bulk action`, [
      { path: 'filter', message: 'too many' },
    ]);
  if (input.expectedCount !== undefined && input.expectedCount !== ids.length)
    throw conflict(`The selection now has ${ids.length} devices, not the ${input.expectedCount} confirmed`, {
      count: ids.length,
    });
  const devices = selected.devices ?? (await loadDevices(actor, ids));
  const params = await paramsFor(actor, input);
  const batchId = randomUUID();
  const { batchSize, intervalS } = input;
  const rows = rowsFor(
    actor,
    devices,
    input.action,
    params,
    now,
    (i) => staggerDueAt(i, now, batchSize, intervalS),
    batchId,
  );
  // Raw multi-row INSERTs: the ORM's createMany took ~1.3 s per 500 rows on SQLite (a plan's apply
  // requests a few thousand actions at once).
  await withRawTransaction(async (client) => {
    await execute(
      sql`INSERT INTO action_batch (id, action, params, selection, total, batch_size, interval_s, requested_by, tenant_id, created_at)
          VALUES (${batchId}, ${input.action}, ${JSON.stringify({ poolId: input.poolId, powerTargetW: input.powerTargetW })},
            ${JSON.stringify(input.filter ? { filter: input.filter } : { deviceIds: ids.length })}, ${rows.length},
            ${batchSize}, ${intervalS}, ${actor.name.slice(0, 200)}, ${actor.tenantId}, ${now})`,
      client,
    );
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map(
        (r) =>
          sql`(${r.deviceId}, ${r.action}, ${r.params}, ${r.status}, ${r.phase}, ${r.requestedBy}, ${r.actorType},
              ${r.actorId}, ${r.batchId}, ${r.simulated}, ${Number(r.dueAt)}, ${Number(r.createdAt)})`,
      );
      await execute(
        sql`INSERT INTO device_action (device_id, action, params, status, phase, requested_by, actor_type, actor_id,
              batch_id, simulated, due_at, created_at)
            VALUES ${join(values)}`,
        client,
      );
    }
  });
  await recordAudit(actor, 'device.action.bulk', `batch:${batchId}`, {
    action: input.action,
    devices: rows.length,
    selection: input.filter ?? { deviceIds: ids.slice(0, 50) },
    batchSize,
    intervalS,
    poolId: input.poolId,
    powerTargetW: input.powerTargetW,
  });
  return { batchId, total: rows.length, status: 'pending' };
}

const iso = (v: unknown) => (v == null ? null : new Date(Number(v)).toISOString());

function toView(r: Record<string, unknown>): ActionView {
  return {
    id: Number(r.id),
    deviceId: Number(r.device_id),
    deviceName: (r.device_name as string | null) ?? null,
    action: r.action as ActionName,
    params: r.params ? (JSON.parse(String(r.params)) as ActionParams) : {},
    status: r.status as ActionStatus,
    phase: r.phase as ActionView['phase'],
    reason: (r.reason as string | null) ?? null,
    reasonKind: (r.reason_kind as string | null) ?? null,
    requestedBy: String(r.requested_by),
    batchId: (r.batch_id as string | null) ?? null,
    simulated: Boolean(Number(r.simulated)) || r.simulated === true,
    createdAt: iso(r.created_at)!,
    dueAt: iso(r.due_at)!,
    sentAt: iso(r.sent_at),
    deadlineAt: iso(r.deadline_at),
    endedAt: iso(r.ended_at),
  };
}

const SELECT_ACTION = sql`SELECT a.*, d.name AS device_name FROM device_action a JOIN device d ON d.id = a.device_id`;

export async function getAction(actor: Actor, id: number): Promise<ActionView> {
  requireRole(actor, 'viewer');
  const row = await queryOne(sql`${SELECT_ACTION} WHERE a.id = ${id} ${deviceScopeSql(actor)}`);
  if (!row) throw notFound(`Action ${id}`);
  return toView(row);
}

export async function listActions(
  actor: Actor,
  query: { deviceId?: number; batchId?: string; status?: ActionStatus; limit: number },
): Promise<{ data: ActionView[]; batch?: BatchProgress }> {
  requireRole(actor, 'viewer');
  const batch = query.batchId ? await getBatchProgress(actor, query.batchId) : undefined;
  const rows = await queryRows(sql`${SELECT_ACTION} WHERE 1 = 1 ${deviceScopeSql(actor)}
    ${query.deviceId ? sql`AND a.device_id = ${query.deviceId}` : sql``}
    ${query.batchId ? sql`AND a.batch_id = ${query.batchId}` : sql``}
    ${query.status ? sql`AND a.status = ${query.status}` : sql``}
    ORDER BY a.id DESC LIMIT ${query.limit}`);
  return { data: rows.map(toView), ...(batch ? { batch } : {}) };
}

/** A batch's progress: counts per status over all its actions (thousands: one GROUP BY). */
export async function getBatchProgress(actor: Actor, batchId: string): Promise<BatchProgress> {
  requireRole(actor, 'viewer');
  const batch = await getDb().actionBatch.findUnique({ where: { id: batchId } });
  // A hosting client sees only its own batches; staff see all.
  if (!batch || (actor.tenantId !== null && batch.tenantId !== actor.tenantId))
    throw notFound(`Batch ${batchId}`);
  const rows = await queryRows(
    sql`SELECT status, COUNT(*) AS n FROM device_action WHERE batch_id = ${batchId} GROUP BY status`,
  );
  const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  for (const r of rows) counts[r.status as ActionStatus] = Number(r.n);
  const done = batch.total - counts.pending;
  return {
    id: batch.id,
    action: batch.action as ActionName,
    total: batch.total,
    batchSize: batch.batchSize,
    intervalS: batch.intervalS,
    requestedBy: batch.requestedBy,
    createdAt: new Date(Number(batch.createdAt)).toISOString(),
    counts,
    done,
    finished: counts.pending === 0,
  };
}
