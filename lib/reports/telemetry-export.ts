// Raw telemetry samples as CSV, streamed from the database with keyset pagination on the primary
// key (ts, device_id): each page is one indexed range scan, however deep into the export it is (a row-value
// comparison: SQLite and PostgreSQL both seek the primary key with it, where an OR of two terms scans).
import { type Actor, requireRole } from '../auth/actor';
import { getPgPool, prepareSqlite, type Sql, sql } from '../db/raw';
import { getEnv } from '../env';
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

/**
 * Rows as arrays, not objects: a million-row export allocates a tenth of the garbage. Statement
 * text is unique to this export, so switching its cached statement to raw mode affects nothing else.
 */
async function queryArrays(query: Sql): Promise<unknown[][]> {
  if (getEnv().db.provider === 'sqlite')
    return prepareSqlite(query.sql)
      .raw(true)
      .all(...query.values) as unknown[][];
  const result = await getPgPool().query({ text: query.text, values: query.values, rowMode: 'array' });
  return result.rows as unknown[][];
}

export function telemetryCsvStream(
  actor: Actor,
  filters: ReportFilters,
  fromMs: number,
  toMs: number,
  pageRows = 10_000,
): ReadableStream<Uint8Array> {
  requireRole(actor, 'viewer');
  const site = filters.siteId === undefined ? sql`` : sql`AND d.site_id = ${filters.siteId}`;
  const tenant = filters.tenantId === undefined ? sql`` : sql`AND d.tenant_id = ${filters.tenantId}`;
  return pagedCsvStream<Cursor>(TELEMETRY_COLUMNS, async (cursor) => {
    const after = cursor ? sql`AND (s.ts, s.device_id) > (${cursor.ts}, ${cursor.deviceId})` : sql``;
    const rows = await queryArrays(
      sql`SELECT s.ts, s.device_id, d.serial, s.hashrate_ths, s.power_w, s.chip_temp_c, s.gpu_util_pct, s.status
        FROM telemetry_sample s JOIN device d ON d.id = s.device_id
        WHERE s.ts >= ${fromMs} AND s.ts < ${toMs} ${after} ${deviceScopeSql(actor)} ${site} ${tenant}
        ORDER BY s.ts, s.device_id LIMIT ${pageRows}`,
    );
    const last = rows.at(-1);
    return {
      rows: rows.map((r) => [
        new Date(Number(r[0])).toISOString(),
        Number(r[1]),
        String(r[2]),
        num(r[3]),
        num(r[4]),
        num(r[5]),
        num(r[6]),
        (r[7] as string | null) ?? null,
      ]),
      cursor: rows.length === pageRows && last ? { ts: Number(last[0]), deviceId: Number(last[1]) } : null,
    };
  });
}
