// Time series for charts: device metrics, site and fleet totals. The tier and bucket come from
// chooseResolution (≤ 1,500 points, no raw samples older than 24 h); missing buckets are null.
import { type Actor, requireRole } from '../auth/actor';
import { empty, queryRows, raw, type Sql, sql } from '../db/raw';
import { getEnv } from '../env';
import { assertDeviceVisible, assertSiteVisible, deviceScopeSql } from '../inventory/scope';
import { ROLLUP_METRICS, type RollupMetricKey } from './metrics';
import { bucketRange, chooseResolution, type Resolution } from './resolution';

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

const DEVICE_TABLES = {
  '1m': 'telemetry_rollup_1m',
  '5m': 'telemetry_rollup_5m',
  '1h': 'telemetry_rollup_1h',
} as const;

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
    ROLLUP_METRICS.map((m) => `SUM(${m.column}_sum) / NULLIF(SUM(${m.column}_n), 0) AS ${m.column}`).join(
      ', ',
    ),
  );
  const query = sql`SELECT bucket - (bucket % ${step}) AS t, ${cols}, MAX(chip_temp_c_max) AS chip_temp_c_max, MAX(gpu_temp_c_max) AS gpu_temp_c_max
    FROM ${raw(DEVICE_TABLES[res.source])} WHERE device_id = ${deviceId} AND bucket >= ${range.from - (range.from % step)} AND bucket <= ${range.to}
    GROUP BY 1`;
  const rows = await queryRows(query);
  const byTs = new Map<number, DevicePoint>();
  for (const r of rows) {
    const point = {
      ts: Number(r.t),
      chipTempCMax: num(r.chip_temp_c_max),
      gpuTempCMax: num(r.gpu_temp_c_max),
    } as DevicePoint;
    for (const m of ROLLUP_METRICS) point[m.key] = num(r[m.column]);
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
    query = sql`SELECT t, AVG(h) AS hashrate_ths, AVG(p) AS power_w, AVG(n) AS devices, AVG(tc) AS temp_c, MAX(tmax) AS temp_c_max, AVG(u) AS gpu_util_pct
      FROM (SELECT r.bucket - (r.bucket % ${step}) AS t, r.bucket,
                   SUM(r.hashrate_ths_sum / NULLIF(r.hashrate_ths_n, 0)) AS h, SUM(r.power_w_sum / NULLIF(r.power_w_n, 0)) AS p,
                   COUNT(*) AS n, AVG(COALESCE(r.chip_temp_c_sum / NULLIF(r.chip_temp_c_n, 0), r.gpu_temp_c_sum / NULLIF(r.gpu_temp_c_n, 0))) AS tc,
                   MAX(COALESCE(r.chip_temp_c_max, r.gpu_temp_c_max)) AS tmax, AVG(r.gpu_util_pct_sum / NULLIF(r.gpu_util_pct_n, 0)) AS u
            FROM ${table} r JOIN device d ON d.id = r.device_id
            WHERE r.bucket >= ${range.from - (range.from % step)} AND r.bucket <= ${range.to} ${deviceScopeSql(actor)} ${deviceSite}
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
