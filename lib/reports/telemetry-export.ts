// Raw telemetry samples as CSV, streamed from the database with keyset pagination on the primary
// key (ts, device_id): each page is one indexed range scan, however deep into the export it is.
import { type Actor, requireRole } from '../auth/actor';
import { queryRows, sql } from '../db/raw';
import { deviceScopeSql } from '../inventory/scope';
import { pagedCsvStream } from './csv-stream';
import type { ReportFilters } from './scope';
import type { Cell, Column } from './types';

export const TELEMETRY_COLUMNS: Column[] = [
  { key: 'ts', label: 'ts', type: 'datetime' },
  { key: 'deviceId', label: 'device_id', type: 'number' },
  { key: 'serial', label: 'serial', type: 'string' },
  { key: 'hashrateThs', label: 'hashrate_ths', type: 'number' },
  { key: 'powerW', label: 'power_w', type: 'number' },
  { key: 'chipTempC', label: 'chip_temp_c', type: 'number' },
  { key: 'gpuUtilPct', label: 'gpu_util_pct', type: 'number' },
  { key: 'status', label: 'status', type: 'string' },
];

type Cursor = { ts: number; deviceId: number };
const num = (v: unknown): Cell => (v == null ? null : Number(v));

export function telemetryCsvStream(
  actor: Actor,
  filters: ReportFilters,
  fromMs: number,
  toMs: number,
  pageRows = 5000,
): ReadableStream<Uint8Array> {
  requireRole(actor, 'viewer');
  const site = filters.siteId === undefined ? sql`` : sql`AND d.site_id = ${filters.siteId}`;
  const tenant = filters.tenantId === undefined ? sql`` : sql`AND d.tenant_id = ${filters.tenantId}`;
  return pagedCsvStream<Cursor>(TELEMETRY_COLUMNS, async (cursor) => {
    const after = cursor
      ? sql`AND (s.ts > ${cursor.ts} OR (s.ts = ${cursor.ts} AND s.device_id > ${cursor.deviceId}))`
      : sql``;
    const rows = await queryRows(
      sql`SELECT s.ts, s.device_id, d.serial, s.hashrate_ths, s.power_w, s.chip_temp_c, s.gpu_util_pct, s.status
        FROM telemetry_sample s JOIN device d ON d.id = s.device_id
        WHERE s.ts >= ${fromMs} AND s.ts < ${toMs} ${after} ${deviceScopeSql(actor)} ${site} ${tenant}
        ORDER BY s.ts, s.device_id LIMIT ${pageRows}`,
    );
    const last = rows.at(-1);
    return {
      rows: rows.map((r) => [
        new Date(Number(r.ts)).toISOString(),
        Number(r.device_id),
        String(r.serial),
        num(r.hashrate_ths),
        num(r.power_w),
        num(r.chip_temp_c),
        num(r.gpu_util_pct),
        (r.status as string | null) ?? null,
      ]),
      cursor:
        rows.length === pageRows && last ? { ts: Number(last.ts), deviceId: Number(last.device_id) } : null,
    };
  });
}
