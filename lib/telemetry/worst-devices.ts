// Devices that need attention, from the latest state: O(devices), never O(samples).
import { z } from 'zod';
import { type Actor, requireRole } from '../auth/actor';
import { empty, queryRows, sql } from '../db/raw';
import { IdParam } from '../http/params';
import { deviceScopeSql } from '../inventory/scope';
import { HASHRATE_PCT } from './hashrate-pct';

/** `GET /api/v1/fleet/attention?siteId&limit`. */
export const WorstDevicesQuery = z.object({
  siteId: IdParam.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

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
  // The ORDER BY lies outside the select that names `pct`: PostgreSQL does not resolve an output
  // alias inside an ORDER BY expression (SQLite does).
  const rows = await queryRows(sql`
    SELECT * FROM (
      SELECT d.id, d.name, s.name AS site_name, d.status, d.status_reason, l.ts,
             ${HASHRATE_PCT} AS pct,
             COALESCE(l.chip_temp_c, l.gpu_temp_c) AS temp_c
      FROM device d JOIN site s ON s.id = d.site_id JOIN device_model m ON m.id = d.model_id
      LEFT JOIN device_latest l ON l.device_id = d.id
      WHERE d.status IN ('offline', 'degraded') ${deviceScopeSql(actor)} ${site}
    ) w
    ORDER BY CASE w.status WHEN 'degraded' THEN 0 ELSE 1 END, CASE WHEN w.pct IS NULL THEN 1 ELSE 0 END, w.pct ASC, w.id
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
