// Now-views over the latest state: O(devices), never O(samples).
import { type Actor, requireRole } from '../auth/actor';
import { empty, queryRows, sql } from '../db/raw';
import { notFound } from '../errors';
import { deviceScopeSql } from '../inventory/scope';
import { telemetryFreshAfterMs } from './freshness';

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
  const freshAfter = telemetryFreshAfterMs(now);
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
