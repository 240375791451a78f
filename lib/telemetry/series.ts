// Time series for charts: device metrics, site and fleet totals. The tier and bucket come from
// chooseResolution (≤ 1,500 points, no raw samples older than 24 h); missing buckets are null.
import { type Actor, requireRole } from '../auth/actor';
import { empty, queryRows, raw, type Sql, sql } from '../db/raw';
import { getEnv } from '../env';
import { assertDeviceVisible, assertSiteVisible, deviceScopeSql } from '../inventory/scope';
import { ROLLUP_METRICS, type RollupMetricKey } from './metrics';
import { bucketRange, chooseResolution, type Resolution } from './resolution';
import {
  groupValueSql,
  MAX_COLUMNS,
  MEAN_COLUMNS,
  meanColumn,
  ROW_TEMP_C,
  ROW_TEMP_C_MAX,
  type RollupColumn,
  rowValueSql,
} from './rollup-columns';
import { DEVICE_TABLE } from './rollups';

export type RangeQuery = { from: number; to: number; stepMs?: number; now?: number };

export type DevicePoint = { ts: number } & Record<RollupMetricKey, number | null> & {
    chipTempCMax: number | null;
    gpuTempCMax: number | null;
  };

export type TotalsPoint = {
  ts: number;
  hashrateThs: number | null;
  powerW: number | null;
  devices: number | null;
  tempC: number | null;
  tempCMax: number | null;
  gpuUtilPct: number | null;
};

export type Series<P> = Resolution & { from: number; to: number; points: P[] };

function resolve(range: RangeQuery): Resolution & { now: number } {
  const now = range.now ?? Date.now();
  return {
    now,
    ...chooseResolution({
      ...range,
      now,
      rawRetentionMs: getEnv().RETENTION_RAW_HOURS * 3_600_000,
      requestedStepMs: range.stepMs,
    }),
  };
}

const DEVICE_TABLES = DEVICE_TABLE;

function fill<P extends { ts: number }>(
  range: RangeQuery,
  stepMs: number,
  rows: Map<number, P>,
  blank: (ts: number) => P,
): P[] {
  return bucketRange(range.from, range.to, stepMs).map((ts) => rows.get(ts) ?? blank(ts));
}

const num = (v: unknown) => (v == null ? null : Number(v));

export async function getDeviceSeries(
  actor: Actor,
  deviceId: number,
  range: RangeQuery,
): Promise<Series<DevicePoint>> {
  requireRole(actor, 'viewer');
  await assertDeviceVisible(actor, deviceId);
  const res = resolve(range);
  const step = res.stepMs;
  const cols = raw(
    [...MEAN_COLUMNS, ...MAX_COLUMNS].map((c) => `${groupValueSql(c)} AS ${c.key.toLowerCase()}`).join(', '),
  );
  const query = sql`SELECT r.bucket - (r.bucket % ${step}) AS t, ${cols}
    FROM ${raw(DEVICE_TABLES[res.source])} r WHERE r.device_id = ${deviceId} AND r.bucket >= ${range.from - (range.from % step)} AND r.bucket <= ${range.to}
    GROUP BY 1`;
  const rows = await queryRows(query);
  const byTs = new Map<number, DevicePoint>();
  for (const r of rows) {
    // Lower-case aliases: PostgreSQL folds unquoted identifiers, SQLite keeps them as written.
    const point = { ts: Number(r.t) } as DevicePoint;
    for (const c of [...MEAN_COLUMNS, ...MAX_COLUMNS])
      (point as Record<string, number | null>)[c.key] = num(r[c.key.toLowerCase()]);
    byTs.set(point.ts, point);
  }
  const blank = (ts: number) => {
    const p = { ts, chipTempCMax: null, gpuTempCMax: null } as DevicePoint;
    for (const m of ROLLUP_METRICS) p[m.key] = null;
    return p;
  };
  return {
    source: res.source,
    stepMs: step,
    from: range.from,
    to: range.to,
    points: fill(range, step, byTs, blank),
  };
}

function toTotals(r: Record<string, unknown>): TotalsPoint {
  return {
    ts: Number(r.t),
    hashrateThs: num(r.hashrate_ths),
    powerW: num(r.power_w),
    devices: num(r.devices),
    tempC: num(r.temp_c),
    tempCMax: num(r.temp_c_max),
    gpuUtilPct: num(r.gpu_util_pct),
  };
}

const blankTotals = (ts: number): TotalsPoint => ({
  ts,
  hashrateThs: null,
  powerW: null,
  devices: null,
  tempC: null,
  tempCMax: null,
  gpuUtilPct: null,
});

/**
 * Site totals (siteId) or fleet totals (no siteId) over time. Staff read the per-site rollups;
 * hosting clients get totals computed from their own devices' rollups only.
 */
export async function getTotalsSeries(
  actor: Actor,
  range: RangeQuery,
  siteId?: number,
): Promise<Series<TotalsPoint>> {
  requireRole(actor, 'viewer');
  if (siteId !== undefined) await assertSiteVisible(actor, siteId);
  const res = resolve(range);
  const step = res.stepMs;
  const siteFilter = siteId === undefined ? empty : sql`AND site_id = ${siteId}`;
  let query: Sql;
  if (actor.tenantId === null) {
    // Per bucket: sum the sites' values; per step: average those sums over the buckets in it.
    query = sql`SELECT t, AVG(h) AS hashrate_ths, AVG(p) AS power_w, AVG(n) AS devices,
                       SUM(tc) / NULLIF(SUM(tn), 0) AS temp_c, MAX(tmax) AS temp_c_max, SUM(u) / NULLIF(SUM(un), 0) AS gpu_util_pct
      FROM (SELECT bucket - (bucket % ${step}) AS t, bucket,
                   SUM(hashrate_ths_sum / buckets) AS h, SUM(power_w_sum / buckets) AS p, SUM(devices_sum / buckets) AS n,
                   SUM(temp_c_sum) AS tc, SUM(temp_devices_sum) AS tn, MAX(temp_c_max) AS tmax,
                   SUM(gpu_util_pct_sum) AS u, SUM(gpu_devices_sum) AS un
            FROM site_rollup WHERE tier = ${res.source} AND bucket >= ${range.from - (range.from % step)} AND bucket <= ${range.to} ${siteFilter}
            GROUP BY bucket) b
      GROUP BY t`;
  } else {
    const table = raw(DEVICE_TABLES[res.source]);
    const deviceSite = siteId === undefined ? empty : sql`AND d.site_id = ${siteId}`;
    const v = (c: RollupColumn) => raw(rowValueSql(c));
    query = sql`SELECT t, AVG(h) AS hashrate_ths, AVG(p) AS power_w, AVG(n) AS devices, AVG(tc) AS temp_c, MAX(tmax) AS temp_c_max, AVG(u) AS gpu_util_pct
      FROM (SELECT r.bucket - (r.bucket % ${step}) AS t, r.bucket,
                   SUM(${v(meanColumn('hashrateThs'))}) AS h, SUM(${v(meanColumn('powerW'))}) AS p,
                   COUNT(*) AS n, AVG(${ROW_TEMP_C}) AS tc, MAX(${ROW_TEMP_C_MAX}) AS tmax, AVG(${v(meanColumn('gpuUtilPct'))}) AS u
            FROM device d CROSS JOIN ${table} r
            WHERE r.device_id = d.id AND r.bucket >= ${range.from - (range.from % step)} AND r.bucket <= ${range.to} ${deviceScopeSql(actor)} ${deviceSite}
            GROUP BY r.bucket) b
      GROUP BY t`;
  }
  const rows = await queryRows(query);
  const byTs = new Map(rows.map((r) => [Number(r.t), toTotals(r)]));
  return {
    source: res.source,
    stepMs: step,
    from: range.from,
    to: range.to,
    points: fill(range, step, byTs, blankTotals),
  };
}
