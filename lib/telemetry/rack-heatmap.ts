// Rack heatmap of a site, from the latest state: O(devices), never O(samples).
import { type Actor, requireRole } from '../auth/actor';
import { queryRows, sql } from '../db/raw';
import { deviceScopeSql } from '../inventory/scope';
import { HASHRATE_PCT } from './hashrate-pct';

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
