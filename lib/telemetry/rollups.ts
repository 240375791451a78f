// Rollups recompute whole closed buckets from the tier below, so they are exact and idempotent:
//   raw → device 1m (+ latest state) → site 1m
//   raw → device 5m → site 5m;  device 5m → device 1h;  site 5m → site 1h
// Ingest marks the 1m and 5m buckets it touched in rollup_dirty; the 5m pass marks 1h. Only
// closed buckets are processed (a grace period absorbs agent clock skew), so each device-keyed
// row is written about once; a late sample re-marks its bucket and it is redone. Runs of adjacent
// dirty buckets are recomputed together with set-based SQL (one transaction per run), which is
// what makes a 7-day backfill or an agent catch-up cheap. GROUP BY uses positions: PostgreSQL
// does not see two bound copies of the bucket size as the same expression.
import { execute, queryRows, raw, type Sql, sql, withRawTransaction } from '../db/raw';
import { BUCKET_MS, bucketStart, type Tier } from './buckets';
import { latestUpsertSql } from './latest';
import { ROLLUP_METRICS } from './metrics';

/** A bucket is closed this long after its end. */
export const CLOSE_GRACE_MS = 15_000;
/** Most buckets recomputed in one transaction, per tier (1 h, 6 h, 2 d of data). */
const RUN_BUCKETS: Record<Tier, number> = { '1m': 60, '5m': 72, '1h': 48 };

const METRIC_COLUMNS = ROLLUP_METRICS.flatMap((m) => [
  `${m.column}_sum`,
  `${m.column}_min`,
  `${m.column}_max`,
  `${m.column}_n`,
]);
const DEVICE_COLUMNS = raw(['device_id', 'bucket', 'samples', ...METRIC_COLUMNS].join(', '));
const FROM_RAW = raw(
  ROLLUP_METRICS.map((m) => `SUM(${m.column}), MIN(${m.column}), MAX(${m.column}), COUNT(${m.column})`).join(
    ', ',
  ),
);
const FROM_FINER = raw(
  ROLLUP_METRICS.map(
    (m) => `SUM(${m.column}_sum), MIN(${m.column}_min), MAX(${m.column}_max), SUM(${m.column}_n)`,
  ).join(', '),
);
const SITE_COLUMNS = raw(
  'site_id, tier, bucket, buckets, devices_sum, hashrate_ths_sum, power_w_sum, temp_c_sum, temp_devices_sum, temp_c_max, gpu_util_pct_sum, gpu_devices_sum',
);
const DEVICE_TABLE: Record<Tier, string> = {
  '1m': 'telemetry_rollup_1m',
  '5m': 'telemetry_rollup_5m',
  '1h': 'telemetry_rollup_1h',
};

/** Mean of a rollup metric in one device bucket (NULL when the metric was never reported). */
const mean = (column: string) => raw(`r.${column}_sum / NULLIF(r.${column}_n, 0)`);

/** Site totals per bucket from the device rows of the same tier: sums of device means. */
function siteFromDevices(tier: '1m' | '5m', from: number, to: number): Sql {
  return sql`INSERT INTO site_rollup (${SITE_COLUMNS})
    SELECT d.site_id, ${tier}, r.bucket, 1, COUNT(*),
           COALESCE(SUM(${mean('hashrate_ths')}), 0), COALESCE(SUM(${mean('power_w')}), 0),
           COALESCE(SUM(COALESCE(${mean('chip_temp_c')}, ${mean('gpu_temp_c')})), 0),
           COUNT(COALESCE(${mean('chip_temp_c')}, ${mean('gpu_temp_c')})),
           MAX(COALESCE(r.chip_temp_c_max, r.gpu_temp_c_max)),
           COALESCE(SUM(${mean('gpu_util_pct')}), 0), COUNT(${mean('gpu_util_pct')})
    FROM ${raw(DEVICE_TABLE[tier])} r JOIN device d ON d.id = r.device_id
    WHERE r.bucket >= ${from} AND r.bucket < ${to} GROUP BY d.site_id, r.bucket`;
}

/** Statements that rebuild every bucket of `tier` in [from, to). */
function recomputeSql(tier: Tier, from: number, to: number): Sql[] {
  const size = BUCKET_MS[tier];
  const table = raw(DEVICE_TABLE[tier]);
  const clear = [
    sql`DELETE FROM ${table} WHERE bucket >= ${from} AND bucket < ${to}`,
    sql`DELETE FROM site_rollup WHERE tier = ${tier} AND bucket >= ${from} AND bucket < ${to}`,
  ];
  if (tier === '1m' || tier === '5m') {
    const statements = [
      ...clear,
      sql`INSERT INTO ${table} (${DEVICE_COLUMNS})
          SELECT device_id, ts - (ts % ${size}), COUNT(*), ${FROM_RAW}
          FROM telemetry_sample WHERE ts >= ${from} AND ts < ${to} GROUP BY 1, 2`,
      siteFromDevices(tier, from, to),
    ];
    if (tier === '1m') statements.push(latestUpsertSql(from, to));
    return statements;
  }
  return [
    ...clear,
    sql`INSERT INTO telemetry_rollup_1h (${DEVICE_COLUMNS})
        SELECT device_id, bucket - (bucket % ${size}), SUM(samples), ${FROM_FINER}
        FROM telemetry_rollup_5m WHERE bucket >= ${from} AND bucket < ${to} GROUP BY 1, 2`,
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

/** Recomputes the buckets of `tier` in [from, to) in one transaction and clears their marks. */
export async function recomputeRange(tier: Tier, from: number, to: number) {
  await withRawTransaction(async (client) => {
    await execute(
      sql`DELETE FROM rollup_dirty WHERE tier = ${tier} AND bucket >= ${from} AND bucket < ${to}`,
      client,
    );
    for (const statement of recomputeSql(tier, from, to)) await execute(statement, client);
    if (tier === '5m') {
      for (let hour = bucketStart(from, '1h'); hour < to; hour += BUCKET_MS['1h']) {
        await execute(
          sql`INSERT INTO rollup_dirty (tier, bucket) VALUES ('1h', ${hour}) ON CONFLICT DO NOTHING`,
          client,
        );
      }
    }
  });
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
