// Now-views over the latest state: O(devices), never O(samples).
import { type Actor, requireRole } from '../auth/actor';
import { empty, queryRows, raw, sql } from '../db/raw';
import { getEnv } from '../env';
import { notFound } from '../errors';
import { assertDeviceVisible, deviceScopeSql } from '../inventory/scope';

/** Hashrate as % of nameplate for hashing devices (NULL for GPU nodes); needs `m` and `l` aliases. */
const HASHRATE_PCT = raw(
  "CASE WHEN m.class <> 'gpu' AND m.nominal_hashrate_ths > 0 THEN 100.0 * l.hashrate_ths / m.nominal_hashrate_ths END",
);

export type ClassTotals = {
  class: string;
  devices: number;
  reporting: number;
  hashrateThs: number;
  powerW: number;
};
export type SiteTotals = {
  siteId: number;
  siteName: string;
  devices: number;
  reporting: number;
  hashrateThs: number;
  powerW: number;
  capacityKw: number;
  statusCounts: Record<string, number>;
};

export type FleetNow = {
  asOf: string;
  devices: number;
  statusCounts: Record<string, number>;
  /** Devices with a sample in the last 3 expected intervals. */
  reporting: number;
  hashrateThs: number;
  powerW: number;
  /** Power of the hashing devices divided by their hashrate (W per TH/s = J/TH). */
  efficiencyJPerTh: number | null;
  classes: ClassTotals[];
  sites: SiteTotals[];
};

/** Inventory and live totals, optionally for one site, from device + device_latest. */
export async function getFleetNow(actor: Actor, siteId?: number, now = Date.now()): Promise<FleetNow> {
  requireRole(actor, 'viewer');
  const freshAfter = now - 3 * getEnv().TELEMETRY_INTERVAL_S * 1000;
  const site = siteId === undefined ? empty : sql`AND d.site_id = ${siteId}`;
  const rows = await queryRows<{
    site_id: number;
    site_name: string;
    capacity_kw: number;
    class: string;
    status: string;
    n: number;
    reporting: number;
    hashrate_ths: number | null;
    power_w: number | null;
  }>(sql`
    SELECT d.site_id, s.name AS site_name, s.power_capacity_kw AS capacity_kw, m.class, d.status, COUNT(*) AS n,
           SUM(CASE WHEN l.ts >= ${freshAfter} THEN 1 ELSE 0 END) AS reporting,
           SUM(CASE WHEN l.ts >= ${freshAfter} THEN l.hashrate_ths ELSE 0 END) AS hashrate_ths,
           SUM(CASE WHEN l.ts >= ${freshAfter} THEN l.power_w ELSE 0 END) AS power_w
    FROM device d
    JOIN site s ON s.id = d.site_id
    JOIN device_model m ON m.id = d.model_id
    LEFT JOIN device_latest l ON l.device_id = d.id
    WHERE 1 = 1 ${deviceScopeSql(actor)} ${site}
    GROUP BY d.site_id, s.name, s.power_capacity_kw, m.class, d.status`);
  if (siteId !== undefined && rows.length === 0) {
    const exists = await queryRows(sql`SELECT id FROM site WHERE id = ${siteId}`);
    if (exists.length === 0) throw notFound(`Site ${siteId}`);
  }
  const statusCounts: Record<string, number> = {};
  const classes = new Map<string, ClassTotals>();
  const sites = new Map<number, SiteTotals>();
  let hashingPowerW = 0;
  for (const r of rows) {
    const n = Number(r.n);
    const reporting = Number(r.reporting);
    const hashrate = Number(r.hashrate_ths ?? 0);
    const power = Number(r.power_w ?? 0);
    statusCounts[r.status] = (statusCounts[r.status] ?? 0) + n;
    const c = classes.get(r.class) ?? { class: r.class, devices: 0, reporting: 0, hashrateThs: 0, powerW: 0 };
    c.devices += n;
    c.reporting += reporting;
    c.hashrateThs += hashrate;
    c.powerW += power;
    classes.set(r.class, c);
    if (r.class !== 'gpu') hashingPowerW += power;
    const id = Number(r.site_id);
    const s = sites.get(id) ?? {
      siteId: id,
      siteName: r.site_name,
      devices: 0,
      reporting: 0,
      hashrateThs: 0,
      powerW: 0,
      capacityKw: Number(r.capacity_kw),
      statusCounts: {},
    };
    s.devices += n;
    s.reporting += reporting;
    s.hashrateThs += hashrate;
    s.powerW += power;
    s.statusCounts[r.status] = (s.statusCounts[r.status] ?? 0) + n;
    sites.set(id, s);
  }
  const all = [...classes.values()];
  const hashrateThs = all.reduce((a, c) => a + c.hashrateThs, 0);
  return {
    asOf: new Date(now).toISOString(),
    devices: all.reduce((a, c) => a + c.devices, 0),
    statusCounts,
    reporting: all.reduce((a, c) => a + c.reporting, 0),
    hashrateThs,
    powerW: all.reduce((a, c) => a + c.powerW, 0),
    efficiencyJPerTh: hashrateThs > 0 ? hashingPowerW / hashrateThs : null,
    classes: all.sort((a, b) => a.class.localeCompare(b.class)),
    sites: [...sites.values()].sort((a, b) => a.siteName.localeCompare(b.siteName)),
  };
}

export type WorstDevice = {
  id: number;
  name: string;
  siteName: string;
  status: string;
  statusReason: string | null;
  hashratePct: number | null;
  tempC: number | null;
  lastSeenAt: string | null;
};

/** Devices that need attention first: offline/degraded, then lowest hashrate vs nominal, hottest. */
export async function getWorstDevices(
  actor: Actor,
  { siteId, limit = 10 }: { siteId?: number; limit?: number },
) {
  requireRole(actor, 'viewer');
  const site = siteId === undefined ? empty : sql`AND d.site_id = ${siteId}`;
  const rows = await queryRows(sql`
    SELECT d.id, d.name, s.name AS site_name, d.status, d.status_reason, l.ts,
           ${HASHRATE_PCT} AS pct,
           COALESCE(l.chip_temp_c, l.gpu_temp_c) AS temp_c
    FROM device d JOIN site s ON s.id = d.site_id JOIN device_model m ON m.id = d.model_id
    LEFT JOIN device_latest l ON l.device_id = d.id
    WHERE d.status IN ('offline', 'degraded') ${deviceScopeSql(actor)} ${site}
    ORDER BY CASE d.status WHEN 'degraded' THEN 0 ELSE 1 END, CASE WHEN pct IS NULL THEN 1 ELSE 0 END, pct ASC, d.id
    LIMIT ${limit}`);
  return rows.map(
    (r): WorstDevice => ({
      id: Number(r.id),
      name: String(r.name),
      siteName: String(r.site_name),
      status: String(r.status),
      statusReason: (r.status_reason as string | null) ?? null,
      hashratePct: r.pct == null ? null : Number(r.pct),
      tempC: r.temp_c == null ? null : Number(r.temp_c),
      lastSeenAt: r.ts == null ? null : new Date(Number(r.ts)).toISOString(),
    }),
  );
}

export type RackCell = {
  deviceId: number;
  name: string;
  row: number;
  column: number;
  status: string;
  tempC: number | null;
  maxTempC: number;
  hashratePct: number | null;
  gpuUtilPct: number | null;
};

/** Every rack of a site with its occupied slots, for the heatmap. */
export async function getRackHeatmap(actor: Actor, siteId: number) {
  requireRole(actor, 'viewer');
  const racks = await queryRows<{ id: number; name: string; rows: number; columns: number }>(
    sql`SELECT id, name, rows, columns FROM rack WHERE site_id = ${siteId} ORDER BY name`,
  );
  const cells = await queryRows(sql`
    SELECT d.id, d.name, d.rack_id, d.slot_row, d.slot_column, d.status, m.max_temp_c, m.class,
           COALESCE(l.chip_temp_c, l.gpu_temp_c) AS temp_c, l.gpu_util_pct,
           ${HASHRATE_PCT} AS pct
    FROM device d JOIN device_model m ON m.id = d.model_id LEFT JOIN device_latest l ON l.device_id = d.id
    WHERE d.site_id = ${siteId} AND d.rack_id IS NOT NULL AND d.slot_row IS NOT NULL ${deviceScopeSql(actor)}`);
  const byRack = new Map<number, RackCell[]>();
  for (const c of cells) {
    const list = byRack.get(Number(c.rack_id)) ?? [];
    list.push({
      deviceId: Number(c.id),
      name: String(c.name),
      row: Number(c.slot_row),
      column: Number(c.slot_column),
      status: String(c.status),
      tempC: c.temp_c == null ? null : Number(c.temp_c),
      maxTempC: Number(c.max_temp_c),
      hashratePct: c.pct == null ? null : Number(c.pct),
      gpuUtilPct: c.gpu_util_pct == null ? null : Number(c.gpu_util_pct),
    });
    byRack.set(Number(c.rack_id), list);
  }
  return racks
    .map((r) => ({
      id: Number(r.id),
      name: r.name,
      rows: Number(r.rows),
      columns: Number(r.columns),
      cells: byRack.get(Number(r.id)) ?? [],
    }))
    .filter((r) => actor.tenantId === null || r.cells.length > 0);
}

export type StatusChange = { ts: string; fromStatus: string; toStatus: string; reason: string | null };

export async function getStatusHistory(
  actor: Actor,
  deviceId: number,
  { from, to }: { from: number; to: number },
) {
  requireRole(actor, 'viewer');
  await assertDeviceVisible(actor, deviceId);
  const rows = await queryRows(sql`
    SELECT ts, from_status, to_status, reason FROM device_status_change
    WHERE device_id = ${deviceId} AND ts >= ${from} AND ts <= ${to} ORDER BY ts DESC LIMIT 500`);
  return rows.map(
    (r): StatusChange => ({
      ts: new Date(Number(r.ts)).toISOString(),
      fromStatus: String(r.from_status),
      toStatus: String(r.to_status),
      reason: (r.reason as string | null) ?? null,
    }),
  );
}
