import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { AGENT_PREFIX } from '../collectors/agent-api';
import { getDb } from '../db/client';
import { execute, join, queryOne, queryRows, raw, type Sql, sql, withRawTransaction } from '../db/raw';
import { likePattern, toIso, toNumberOrNull } from '../db/values';
import { badRequest, conflict, notFound } from '../errors';
import { getDeviceDirectory } from '../telemetry/device-directory';
import { decodeCursor, encodeCursor } from './cursor';
import type { DeviceCreate, DeviceListQuery, DeviceSort, DeviceUpdate } from './schemas';
import { deviceScopeSql, deviceScopeWhere } from './scope';
import { assertDeviceWrite, defaultTenantId, loadWriteScope } from './write-scope';

export type DeviceRow = {
  id: number;
  name: string;
  serial: string;
  macAddress: string | null;
  siteId: number;
  siteName: string;
  modelId: number;
  vendor: string;
  model: string;
  class: 'asic' | 'micro' | 'gpu';
  rackId: number | null;
  rackName: string | null;
  slotRow: number | null;
  slotColumn: number | null;
  protocol: string;
  host: string | null;
  port: number | null;
  tenantId: number | null;
  status: string;
  statusReason: string | null;
  statusChangedAt: string | null;
  nominalHashrateThs: number | null;
  nominalPowerW: number;
  lastSeenAt: string | null;
  hashrateThs: number | null;
  powerW: number | null;
  tempC: number | null;
  gpuUtilPct: number | null;
  /** Pool the device reported in its latest sample. */
  poolUrl: string | null;
  /** How the collector's polls of this device went; null for devices that push their own telemetry. */
  collector: CollectorStatus | null;
  /** Stored device credentials (web password, API key) exist; they are never returned. */
  hasCredentials: boolean;
};

export type CollectorStatus = {
  lastOkAt: string | null;
  lastError: string | null;
  /** Stable reason code of the last error (timeout, refused, access_denied, not_json, rejected, …). */
  lastErrorKind: string | null;
  lastErrorAt: string | null;
  /**
   * When the server's collector polls it next; for a device polled by a site agent, when the
   * agent's lease ends (the server takes the device back if the agent has not reported by then).
   */
  nextPollAt: string | null;
  consecutiveFailures: number;
  /** Who polls it: the server's own collector, or a site agent (`agent` names it). */
  source: 'server' | 'agent';
  agent: string | null;
};

// Sort keys map to SQL expressions from a fixed list (never user text). Nullable telemetry
// columns are coalesced so keyset pagination sees a total order.
const SORT_SQL: Record<DeviceSort, string> = {
  name: 'd.name',
  serial: 'd.serial',
  status: 'd.status',
  site: 's.name',
  model: 'm.model',
  hashrate: 'COALESCE(l.hashrate_ths, -1)',
  power: 'COALESCE(l.power_w, -1)',
  temp: 'COALESCE(l.chip_temp_c, l.gpu_temp_c, -1000)',
  lastSeen: 'COALESCE(l.ts, 0)',
};

const SELECT_DEVICE = sql`
  SELECT d.id, d.name, d.serial, d.mac_address, d.site_id, s.name AS site_name, d.model_id, m.vendor, m.model,
         m.class, d.rack_id, r.name AS rack_name, d.slot_row, d.slot_column, d.protocol, d.host, d.port,
         d.tenant_id, d.status, d.status_reason, d.status_changed_at, m.nominal_hashrate_ths, m.nominal_power_w,
         l.ts AS last_ts, l.hashrate_ths, l.power_w, COALESCE(l.chip_temp_c, l.gpu_temp_c) AS temp_c, l.gpu_util_pct,
         l.pool_url, c.device_id AS collector_device_id, c.last_ok_at, c.last_error, c.last_error_kind, c.last_error_at,
         c.next_poll_at, c.consecutive_failures, c.polled_by, cr.device_id AS credential_device_id
  FROM device d
  JOIN site s ON s.id = d.site_id
  JOIN device_model m ON m.id = d.model_id
  LEFT JOIN rack r ON r.id = d.rack_id
  LEFT JOIN device_latest l ON l.device_id = d.id
  LEFT JOIN collector_state c ON c.device_id = d.id
  LEFT JOIN device_credential cr ON cr.device_id = d.id`;

const msIso = (v: unknown) => (v == null ? null : new Date(Number(v)).toISOString());

function collectorSource(polledBy: unknown): Pick<CollectorStatus, 'source' | 'agent'> {
  return typeof polledBy === 'string' && polledBy.startsWith(AGENT_PREFIX)
    ? { source: 'agent', agent: polledBy.slice(AGENT_PREFIX.length) }
    : { source: 'server', agent: null };
}

function toCollectorStatus(r: Record<string, unknown>): CollectorStatus | null {
  if (r.protocol === 'push') return null;
  return {
    lastOkAt: msIso(r.last_ok_at),
    lastError: (r.last_error as string | null) ?? null,
    lastErrorKind: (r.last_error_kind as string | null) ?? null,
    lastErrorAt: msIso(r.last_error_at),
    nextPollAt: msIso(r.next_poll_at),
    consecutiveFailures: Number(r.consecutive_failures ?? 0),
    ...collectorSource(r.polled_by),
  };
}

function toDeviceRow(r: Record<string, unknown>): DeviceRow {
  return {
    id: Number(r.id),
    name: String(r.name),
    serial: String(r.serial),
    macAddress: (r.mac_address as string | null) ?? null,
    siteId: Number(r.site_id),
    siteName: String(r.site_name),
    modelId: Number(r.model_id),
    vendor: String(r.vendor),
    model: String(r.model),
    class: r.class as DeviceRow['class'],
    rackId: toNumberOrNull(r.rack_id),
    rackName: (r.rack_name as string | null) ?? null,
    slotRow: toNumberOrNull(r.slot_row),
    slotColumn: toNumberOrNull(r.slot_column),
    protocol: String(r.protocol),
    host: (r.host as string | null) ?? null,
    port: toNumberOrNull(r.port),
    tenantId: toNumberOrNull(r.tenant_id),
    status: String(r.status),
    statusReason: (r.status_reason as string | null) ?? null,
    statusChangedAt: toIso(r.status_changed_at),
    nominalHashrateThs: toNumberOrNull(r.nominal_hashrate_ths),
    nominalPowerW: Number(r.nominal_power_w),
    lastSeenAt: r.last_ts == null ? null : new Date(Number(r.last_ts)).toISOString(),
    hashrateThs: toNumberOrNull(r.hashrate_ths),
    powerW: toNumberOrNull(r.power_w),
    tempC: toNumberOrNull(r.temp_c),
    gpuUtilPct: toNumberOrNull(r.gpu_util_pct),
    poolUrl: (r.pool_url as string | null) ?? null,
    collector: toCollectorStatus(r),
    hasCredentials: r.credential_device_id != null,
  };
}

export function filtersSql(
  actor: Actor,
  query: Pick<DeviceListQuery, 'siteId' | 'rackId' | 'class' | 'status' | 'q'>,
): Sql {
  const parts: Sql[] = [deviceScopeSql(actor)];
  if (query.siteId) parts.push(sql`AND d.site_id = ${query.siteId}`);
  if (query.rackId) parts.push(sql`AND d.rack_id = ${query.rackId}`);
  if (query.class?.length) parts.push(sql`AND m.class IN (${join(query.class)})`);
  if (query.status?.length) parts.push(sql`AND d.status IN (${join(query.status)})`);
  if (query.q) {
    const p = likePattern(query.q);
    parts.push(sql`AND (LOWER(d.name) LIKE ${p} ESCAPE '\\' OR LOWER(d.serial) LIKE ${p} ESCAPE '\\'
      OR LOWER(COALESCE(d.host, '')) LIKE ${p} ESCAPE '\\' OR LOWER(COALESCE(d.mac_address, '')) LIKE ${p} ESCAPE '\\')`);
  }
  return join(parts, ' ');
}

/** Devices with their latest telemetry: filters, any sort, keyset (cursor) pagination, total count. */
export async function listDevices(actor: Actor, query: DeviceListQuery) {
  requireRole(actor, 'viewer');
  const expr = raw(SORT_SQL[query.sort]);
  const desc = query.dir === 'desc';
  const filters = filtersSql(actor, query);
  let keyset: Sql = sql``;
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    if (!cursor)
      throw badRequest('Invalid cursor', [{ path: 'cursor', message: 'not a cursor from this API' }]);
    keyset = desc
      ? sql`AND (${expr} < ${cursor.value} OR (${expr} = ${cursor.value} AND d.id < ${cursor.id}))`
      : sql`AND (${expr} > ${cursor.value} OR (${expr} = ${cursor.value} AND d.id > ${cursor.id}))`;
  }
  const order = raw(desc ? 'DESC' : 'ASC');
  const rows = await queryRows(
    sql`${SELECT_DEVICE} WHERE 1 = 1 ${filters} ${keyset}
        ORDER BY ${expr} ${order}, d.id ${order} LIMIT ${query.limit + 1}`,
  );
  const totalRow = await queryOne<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM device d JOIN device_model m ON m.id = d.model_id WHERE 1 = 1 ${filters}`,
  );
  const page = rows.slice(0, query.limit).map(toDeviceRow);
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  return {
    data: page,
    total: Number(totalRow?.n ?? 0),
    nextCursor: last ? encodeCursor(sortValue(query.sort, last), Number(last.id)) : null,
  };
}

function sortValue(sort: DeviceSort, row: Record<string, unknown>): string | number {
  switch (sort) {
    case 'site':
      return String(row.site_name);
    case 'model':
      return String(row.model);
    case 'hashrate':
      return toNumberOrNull(row.hashrate_ths) ?? -1;
    case 'power':
      return toNumberOrNull(row.power_w) ?? -1;
    case 'temp':
      return toNumberOrNull(row.temp_c) ?? -1000;
    case 'lastSeen':
      return toNumberOrNull(row.last_ts) ?? 0;
    default:
      return String(row[sort]);
  }
}

export async function getDevice(actor: Actor, id: number): Promise<DeviceRow> {
  requireRole(actor, 'viewer');
  const row = await queryOne(sql`${SELECT_DEVICE} WHERE d.id = ${id} ${deviceScopeSql(actor)}`);
  if (!row) throw notFound(`Device ${id}`);
  return toDeviceRow(row);
}

async function checkPlacement(input: Partial<DeviceCreate>, siteId: number) {
  const db = getDb();
  if (input.siteId !== undefined && !(await db.site.findUnique({ where: { id: input.siteId } }))) {
    throw badRequest('Unknown site', [{ path: 'siteId', message: `site ${input.siteId} does not exist` }]);
  }
  if (input.modelId !== undefined && !(await db.deviceModel.findUnique({ where: { id: input.modelId } }))) {
    throw badRequest('Unknown model', [
      { path: 'modelId', message: `device model ${input.modelId} does not exist` },
    ]);
  }
  if (input.rackId != null) {
    const rack = await db.rack.findUnique({ where: { id: input.rackId } });
    if (!rack || rack.siteId !== siteId) {
      throw badRequest('Unknown rack', [
        { path: 'rackId', message: `rack ${input.rackId} is not in site ${siteId}` },
      ]);
    }
    if (input.slotRow != null && (input.slotRow > rack.rows || (input.slotColumn ?? 0) > rack.columns)) {
      throw badRequest('Slot outside the rack', [
        { path: 'slotRow', message: `rack ${rack.name} has ${rack.rows} rows × ${rack.columns} columns` },
      ]);
    }
  }
}

async function checkUnique(input: { serial?: string; macAddress?: string | null }, exceptId?: number) {
  const db = getDb();
  if (input.serial) {
    const other = await db.device.findUnique({ where: { serial: input.serial }, select: { id: true } });
    if (other && other.id !== exceptId)
      throw conflict(`Serial ${input.serial} is already registered`, { path: 'serial' });
  }
  if (input.macAddress) {
    const other = await db.device.findUnique({
      where: { macAddress: input.macAddress },
      select: { id: true },
    });
    if (other && other.id !== exceptId)
      throw conflict(`MAC ${input.macAddress} is already registered`, { path: 'macAddress' });
  }
}

export async function createDevice(actor: Actor, input: DeviceCreate): Promise<DeviceRow> {
  requireRole(actor, 'operator');
  const scope = await loadWriteScope(actor);
  const data = { ...input, tenantId: defaultTenantId(scope, input.tenantId) };
  // Scope first: a foreign site's racks must not even be named in an error.
  assertDeviceWrite(scope, { tenantId: data.tenantId, siteId: data.siteId });
  await checkPlacement(data, data.siteId);
  await checkUnique(data);
  const device = await getDb().device.create({ data: { ...data, status: 'offline' } });
  // Telemetry for the new device must be accepted at once, not after the next directory reload.
  getDeviceDirectory().invalidate();
  await recordAudit(actor, 'device.create', `device:${device.id}`, { serial: device.serial });
  return getDevice(actor, device.id);
}

export async function updateDevice(actor: Actor, id: number, input: DeviceUpdate): Promise<DeviceRow> {
  requireRole(actor, 'operator');
  const existing = await getDb().device.findFirst({ where: { id, ...deviceScopeWhere(actor) } });
  if (!existing) throw notFound(`Device ${id}`);
  const merged = { ...existing, ...input };
  assertDeviceWrite(await loadWriteScope(actor), { tenantId: merged.tenantId, siteId: merged.siteId });
  await checkPlacement(
    { ...input, rackId: merged.rackId, slotRow: merged.slotRow, slotColumn: merged.slotColumn },
    merged.siteId,
  );
  await checkUnique(input, id);
  const { status, ...fields } = input;
  const statusChange =
    status && status !== existing.status
      ? {
          status: status === 'online' ? ('offline' as const) : status,
          statusChangedAt: new Date(),
          statusReason: status === 'maintenance' ? 'set by operator' : 'returned to service',
        }
      : {};
  await getDb().device.update({ where: { id }, data: { ...fields, ...statusChange } });
  if (statusChange.status) {
    await execute(
      sql`INSERT INTO device_status_change (device_id, ts, from_status, to_status, reason)
          VALUES (${id}, ${Date.now()}, ${existing.status}, ${statusChange.status}, ${statusChange.statusReason})`,
    );
  }
  await recordAudit(actor, 'device.update', `device:${id}`, input);
  return getDevice(actor, id);
}

/** Deletes a device and its telemetry (telemetry tables have no foreign keys, by design). */
export async function deleteDevice(actor: Actor, id: number) {
  requireRole(actor, 'operator');
  const existing = await getDb().device.findFirst({
    where: { id, ...deviceScopeWhere(actor) },
    select: { serial: true },
  });
  if (!existing) throw notFound(`Device ${id}`);
  await withRawTransaction(async (client) => {
    for (const table of [
      'telemetry_sample',
      'telemetry_rollup_1m',
      'telemetry_rollup_5m',
      'telemetry_rollup_1h',
      'device_latest',
      'device_status_change',
      'device_action',
      'device_credential',
      'sim_device_control',
    ]) {
      await execute(sql`DELETE FROM ${raw(table)} WHERE device_id = ${id}`, client);
    }
    await execute(sql`DELETE FROM device WHERE id = ${id}`, client);
  });
  getDeviceDirectory().invalidate();
  await recordAudit(actor, 'device.delete', `device:${id}`, { serial: existing.serial });
}
