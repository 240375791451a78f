// Rollups recompute whole closed buckets from the tier below, so they are exact and idempotent:
//   raw → device 1m (+ latest state) → site 1m
//   raw → device 5m → site 5m;  device 5m → device 1h;  site 5m → site 1h
// Row layout and the aggregate SQL per metric: rollup-columns.ts.
// Ingest marks the 1m and 5m buckets it touched in rollup_dirty; the 5m pass marks 1h. Only
// closed buckets are processed (a grace period absorbs agent clock skew), so each device-keyed
// row is written about once; a late sample re-marks its bucket and it is redone. Runs of adjacent
// dirty buckets are recomputed together with set-based SQL (one transaction per run), which is
// what makes a 7-day backfill or an agent catch-up cheap. GROUP BY uses positions: PostgreSQL
// does not see two bound copies of the bucket size as the same expression.
import { isExistingDevice } from '../db/dialect';
import { queryRows, raw, type Sql, sql } from '../db/raw';
import { BUCKET_MS, bucketStart, type Tier } from './buckets';
import { latestUpsertSql } from './latest';
import {
  FROM_FINER_SELECT,
  FROM_RAW_SELECT,
  meanColumn,
  ROLLUP_INSERT_COLUMNS,
  ROW_TEMP_C,
  ROW_TEMP_C_MAX,
  rowValueSql,
} from './rollup-columns';
import { executeInTransaction } from './store';

/** A bucket is closed this long after its end. */
export const CLOSE_GRACE_MS = 15_000;
/** Most buckets recomputed in one transaction, per tier (1 h, 6 h, 2 d of data). */
const RUN_BUCKETS: Record<Tier, number> = { '1m': 60, '5m': 72, '1h': 48 };

const SITE_COLUMNS = raw(
  'site_id, tier, bucket, buckets, devices_sum, hashrate_ths_sum, power_w_sum, temp_c_sum, temp_devices_sum, temp_c_max, gpu_util_pct_sum, gpu_devices_sum',
);
export const DEVICE_TABLE: Record<Tier, string> = {
  '1m': 'telemetry_rollup_1m',
  '5m': 'telemetry_rollup_5m',
  '1h': 'telemetry_rollup_1h',
};

const value = (key: Parameters<typeof meanColumn>[0]) => raw(rowValueSql(meanColumn(key)));

/**
 * Device rows of one tier in [from, to), reached through the device-first key: the tables have
 * no bucket index (it would cost ~15 B per row), so the scan starts from the device list.
 * CROSS JOIN keeps SQLite's join order (device outer); PostgreSQL plans it freely.
 */
const deviceRows = (tier: Tier, from: number, to: number) =>
  sql`device d CROSS JOIN ${raw(DEVICE_TABLE[tier])} r
      WHERE r.device_id = d.id AND r.bucket >= ${from} AND r.bucket < ${to}`;

/** Site totals per bucket from the device rows of the same tier: sums of device means. */
function siteFromDevices(tier: '1m' | '5m', from: number, to: number): Sql {
  return sql`INSERT INTO site_rollup (${SITE_COLUMNS})
    SELECT d.site_id, ${tier}, r.bucket, 1, COUNT(*),
           COALESCE(SUM(${value('hashrateThs')}), 0), COALESCE(SUM(${value('powerW')}), 0),
           COALESCE(SUM(${ROW_TEMP_C}), 0), COUNT(${ROW_TEMP_C}), MAX(${ROW_TEMP_C_MAX}),
           COALESCE(SUM(${value('gpuUtilPct')}), 0), COUNT(${value('gpuUtilPct')})
    FROM ${deviceRows(tier, from, to)} GROUP BY d.site_id, r.bucket`;
}

/** Statements that rebuild every bucket of `tier` in [from, to). */
function recomputeSql(tier: Tier, from: number, to: number): Sql[] {
  const size = BUCKET_MS[tier];
  const table = raw(DEVICE_TABLE[tier]);
  const clear = [
    sql`DELETE FROM ${table} WHERE ${isExistingDevice(sql`device_id`)} AND bucket >= ${from} AND bucket < ${to}`,
    sql`DELETE FROM site_rollup WHERE tier = ${tier} AND bucket >= ${from} AND bucket < ${to}`,
  ];
  if (tier === '1m' || tier === '5m') {
    const statements = [
      ...clear,
      sql`INSERT INTO ${table} (${ROLLUP_INSERT_COLUMNS})
          SELECT device_id, ts - (ts % ${size}), ${FROM_RAW_SELECT}
          FROM telemetry_sample WHERE ts >= ${from} AND ts < ${to} GROUP BY 1, 2`,
      siteFromDevices(tier, from, to),
    ];
    if (tier === '1m') statements.push(latestUpsertSql(from, to));
    return statements;
  }
  return [
    ...clear,
    sql`INSERT INTO telemetry_rollup_1h (${ROLLUP_INSERT_COLUMNS})
        SELECT r.device_id, r.bucket - (r.bucket % ${size}), ${FROM_FINER_SELECT}
        FROM ${deviceRows('5m', from, to)} GROUP BY 1, 2`,
    // Hourly site values average the 5-minute site values (keeps "devices offline for part of
    // the hour" visible), so they come from site 5m rows, not from device 1h rows.
    sql`INSERT INTO site_rollup (${SITE_COLUMNS})
        SELECT site_id, '1h', bucket - (bucket % ${size}), SUM(buckets), SUM(devices_sum), SUM(hashrate_ths_sum),
               SUM(power_w_sum), SUM(temp_c_sum), SUM(temp_devices_sum), MAX(temp_c_max), SUM(gpu_util_pct_sum),
               SUM(gpu_devices_sum)
        FROM site_rollup WHERE tier = '5m' AND bucket >= ${from} AND bucket < ${to}
        GROUP BY 1, 3`,
  ];
}

/**
 * Recomputes the buckets of `tier` in [from, to) in one transaction and clears their marks (on
 * SQLite in the writer thread: a run of 10,000 devices' buckets is seconds of synchronous SQL).
 */
export async function recomputeRange(tier: Tier, from: number, to: number) {
  const statements = [
    sql`DELETE FROM rollup_dirty WHERE tier = ${tier} AND bucket >= ${from} AND bucket < ${to}`,
    ...recomputeSql(tier, from, to),
  ];
  if (tier === '5m') {
    for (let hour = bucketStart(from, '1h'); hour < to; hour += BUCKET_MS['1h']) {
      statements.push(
        sql`INSERT INTO rollup_dirty (tier, bucket) VALUES ('1h', ${hour}) ON CONFLICT DO NOTHING`,
      );
    }
  }
  await executeInTransaction(statements);
}

/** Splits sorted bucket starts into runs of adjacent-ish buckets no longer than `maxBuckets`. */
export function toRuns(buckets: number[], sizeMs: number, maxBuckets: number): [number, number][] {
  const runs: [number, number][] = [];
  for (const b of buckets) {
    const last = runs[runs.length - 1];
    if (last && b + sizeMs - last[0] <= maxBuckets * sizeMs) last[1] = b + sizeMs;
    else runs.push([b, b + sizeMs]);
  }
  return runs;
}

export type RollupRun = { buckets: Record<Tier, number>; remaining: number };

/**
 * Folds closed dirty buckets into the rollup tiers, finest first. `maxBuckets` bounds one call
 * per tier so a big backlog never holds the writer for long; `remaining` counts the closed
 * buckets still waiting. `now = Infinity` treats every bucket as closed (tests).
 */
export async function runRollups(now = Date.now(), maxBuckets = 600): Promise<RollupRun> {
  const done: Record<Tier, number> = { '1m': 0, '5m': 0, '1h': 0 };
  let remaining = 0;
  for (const tier of ['1m', '5m', '1h'] as const) {
    const closedBefore = Number.isFinite(now)
      ? now - BUCKET_MS[tier] - CLOSE_GRACE_MS
      : Number.MAX_SAFE_INTEGER;
    const dirty = await queryRows<{ bucket: number }>(
      sql`SELECT bucket FROM rollup_dirty WHERE tier = ${tier} AND bucket <= ${closedBefore} ORDER BY bucket LIMIT ${maxBuckets + 1}`,
    );
    const buckets = dirty.slice(0, maxBuckets).map((r) => Number(r.bucket));
    for (const [from, to] of toRuns(buckets, BUCKET_MS[tier], RUN_BUCKETS[tier]))
      await recomputeRange(tier, from, to);
    done[tier] = buckets.length;
    remaining += Math.max(0, dirty.length - maxBuckets);
  }
  return { buckets: done, remaining };
}

/** Runs rollups until no closed dirty bucket is left (backfill, tests). */
export async function drainRollups(now = Date.now()) {
  for (;;) {
    const run = await runRollups(now, 5000);
    if (run.remaining === 0 && run.buckets['1m'] + run.buckets['5m'] + run.buckets['1h'] === 0) return;
  }
}
