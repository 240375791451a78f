// Rollups recompute whole buckets from the finer tier, so they are exact and idempotent:
// raw → device 5m → device 1h; raw → site 1m; device 5m → site 5m; site 5m → site 1h.
// Ingest marks the buckets it touched in rollup_dirty; this job clears marks oldest first, one
// bucket per transaction. A sample that arrives mid-recompute re-marks its bucket.
import { execute, queryRows, raw, type Sql, sql, withRawTransaction } from '../db/raw';
import { BUCKET_MS, bucketStart, type Tier } from './buckets';
import { ROLLUP_METRICS } from './metrics';

const metricColumns = ROLLUP_METRICS.flatMap((m) => [
  `${m.column}_sum`,
  `${m.column}_min`,
  `${m.column}_max`,
  `${m.column}_n`,
]);

const FROM_RAW = raw(
  ROLLUP_METRICS.map((m) => `SUM(${m.column}), MIN(${m.column}), MAX(${m.column}), COUNT(${m.column})`).join(
    ', ',
  ),
);
const FROM_5M = raw(
  ROLLUP_METRICS.map(
    (m) => `SUM(${m.column}_sum), MIN(${m.column}_min), MAX(${m.column}_max), SUM(${m.column}_n)`,
  ).join(', '),
);
const DEVICE_COLUMNS = raw(['device_id', 'bucket', 'samples', ...metricColumns].join(', '));
const SITE_COLUMNS = raw(
  'site_id, tier, bucket, buckets, devices_sum, hashrate_ths_sum, power_w_sum, temp_c_sum, temp_c_max, gpu_util_pct_sum',
);

/** Mean of a rollup metric in one device bucket (NULL when the metric was never reported). */
const mean = (column: string) => `r.${column}_sum / NULLIF(r.${column}_n, 0)`;

function recomputeSql(tier: Tier, bucket: number): Sql[] {
  const end = bucket + BUCKET_MS[tier];
  const b = sql`CAST(${bucket} AS BIGINT)`;
  if (tier === '1m') {
    return [
      sql`DELETE FROM site_rollup WHERE tier = '1m' AND bucket = ${bucket}`,
      sql`INSERT INTO site_rollup (${SITE_COLUMNS})
          SELECT d.site_id, '1m', ${b}, 1, COUNT(*), COALESCE(SUM(x.h), 0), COALESCE(SUM(x.p), 0),
                 COALESCE(AVG(x.t), 0), MAX(x.tmax), COALESCE(AVG(x.u), 0)
          FROM (SELECT device_id, AVG(hashrate_ths) AS h, AVG(power_w) AS p,
                       AVG(COALESCE(chip_temp_c, gpu_temp_c)) AS t, MAX(COALESCE(chip_temp_c, gpu_temp_c)) AS tmax,
                       AVG(gpu_util_pct) AS u
                FROM telemetry_sample WHERE ts >= ${bucket} AND ts < ${end} GROUP BY device_id) x
          JOIN device d ON d.id = x.device_id
          GROUP BY d.site_id`,
    ];
  }
  if (tier === '5m') {
    return [
      sql`DELETE FROM telemetry_rollup_5m WHERE bucket = ${bucket}`,
      sql`INSERT INTO telemetry_rollup_5m (${DEVICE_COLUMNS})
          SELECT device_id, ${b}, COUNT(*), ${FROM_RAW}
          FROM telemetry_sample WHERE ts >= ${bucket} AND ts < ${end} GROUP BY device_id`,
      sql`DELETE FROM site_rollup WHERE tier = '5m' AND bucket = ${bucket}`,
      sql`INSERT INTO site_rollup (${SITE_COLUMNS})
          SELECT d.site_id, '5m', ${b}, 1, COUNT(*),
                 COALESCE(SUM(${raw(mean('hashrate_ths'))}), 0), COALESCE(SUM(${raw(mean('power_w'))}), 0),
                 COALESCE(AVG(COALESCE(${raw(mean('chip_temp_c'))}, ${raw(mean('gpu_temp_c'))})), 0),
                 MAX(COALESCE(r.chip_temp_c_max, r.gpu_temp_c_max)),
                 COALESCE(AVG(${raw(mean('gpu_util_pct'))}), 0)
          FROM telemetry_rollup_5m r JOIN device d ON d.id = r.device_id
          WHERE r.bucket = ${bucket} GROUP BY d.site_id`,
      sql`INSERT INTO rollup_dirty (tier, bucket) VALUES ('1h', ${bucketStart(bucket, '1h')}) ON CONFLICT DO NOTHING`,
    ];
  }
  return [
    sql`DELETE FROM telemetry_rollup_1h WHERE bucket = ${bucket}`,
    sql`INSERT INTO telemetry_rollup_1h (${DEVICE_COLUMNS})
        SELECT device_id, ${b}, SUM(samples), ${FROM_5M}
        FROM telemetry_rollup_5m WHERE bucket >= ${bucket} AND bucket < ${end} GROUP BY device_id`,
    sql`DELETE FROM site_rollup WHERE tier = '1h' AND bucket = ${bucket}`,
    sql`INSERT INTO site_rollup (${SITE_COLUMNS})
        SELECT site_id, '1h', ${b}, SUM(buckets), SUM(devices_sum), SUM(hashrate_ths_sum), SUM(power_w_sum),
               SUM(temp_c_sum), MAX(temp_c_max), SUM(gpu_util_pct_sum)
        FROM site_rollup WHERE tier = '5m' AND bucket >= ${bucket} AND bucket < ${end} GROUP BY site_id`,
  ];
}

export async function recomputeBucket(tier: Tier, bucket: number) {
  await withRawTransaction(async (client) => {
    await execute(sql`DELETE FROM rollup_dirty WHERE tier = ${tier} AND bucket = ${bucket}`, client);
    for (const statement of recomputeSql(tier, bucket)) await execute(statement, client);
  });
}

export type RollupRun = { buckets: Record<Tier, number>; remaining: number };

/**
 * Clears dirty buckets, finest tier first (5m feeds 1h). `maxBuckets` bounds one run so a big
 * backlog (backfill, agent catch-up) never holds the writer for long; call again until
 * `remaining` is 0.
 */
export async function runRollups(maxBuckets = 200): Promise<RollupRun> {
  const done: Record<Tier, number> = { '1m': 0, '5m': 0, '1h': 0 };
  for (const tier of ['1m', '5m', '1h'] as const) {
    const dirty = await queryRows<{ bucket: number }>(
      sql`SELECT bucket FROM rollup_dirty WHERE tier = ${tier} ORDER BY bucket LIMIT ${maxBuckets}`,
    );
    for (const { bucket } of dirty) {
      await recomputeBucket(tier, Number(bucket));
      done[tier]++;
    }
  }
  const left = await queryRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM rollup_dirty`);
  return { buckets: done, remaining: Number(left[0]?.n ?? 0) };
}
