// A dashboard-sized history written with set-based SQL (INSERT … SELECT over devices × buckets),
// minutes instead of the hours real ingest plus rollups would take: device rollups for each tier
// over the range the dashboards read it, site rollups for every tier, an hour of raw samples and
// the latest state per device. Values are deterministic functions of (device, bucket).
import { ROLLUP_METRICS } from '../../lib/telemetry/metrics';
import { MAX_COLUMNS, MEAN_COLUMNS } from '../../lib/telemetry/rollup-columns';
import type { BenchDb } from './bench-db';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SAMPLE_MS = 30_000;

export type FixtureRanges = { days1h: number; days5m: number; hours1m: number; hoursRaw: number };
export type FixtureReport = { table: string; rows: number; ms: number }[];

/** Mean of a metric for device `d` in bucket `b.x`, by device class; null when it does not report it. */
function meanSql(key: string, gpu: boolean, tierMs: number): string | null {
  const wiggle = (mod: number) => `((d.id * 31 + b.x / ${tierMs}) % ${mod})`;
  const asic: Record<string, string> = {
    hashrateThs: `(190.0 + ${wiggle(17)})`,
    powerW: `(3400.0 + 5 * ${wiggle(23)})`,
    chipTempC: `(62.0 + ${wiggle(13)})`,
    boardTempC: `(55.0 + ${wiggle(11)})`,
    inletTempC: `(24.0 + ${wiggle(7)})`,
    fanRpm: `(5000.0 + 20 * ${wiggle(19)})`,
  };
  const gpuMeans: Record<string, string> = {
    powerW: `(7000.0 + 100 * ${wiggle(29)})`,
    inletTempC: `(22.0 + ${wiggle(5)})`,
    gpuUtilPct: `(40.0 + 2 * ${wiggle(29)})`,
    gpuMemUsedGb: `(200.0 + 10 * ${wiggle(31)})`,
    gpuTempC: `(55.0 + ${wiggle(23)})`,
  };
  return (gpu ? gpuMeans : asic)[key] ?? null;
}

/**
 * SELECT list of one device-rollup row in the layout of lib/telemetry/rollup-columns.ts: samples,
 * each metric's mean in stored units, the two maxima; per-metric counts stay NULL (all samples).
 */
function deviceRollupSelect(tierMs: number): string {
  const samples = tierMs / SAMPLE_MS;
  const parts = [`${samples}`];
  const stored = (v: string, scale: number | null) =>
    scale === null ? v : `CAST(ROUND((${v}) * ${scale}) AS INTEGER)`;
  for (const c of [...MEAN_COLUMNS, ...MAX_COLUMNS]) {
    const key = c.aggregate === 'max' ? (c.source === 'chip_temp_c' ? 'chipTempC' : 'gpuTempC') : c.key;
    const asic = meanSql(key, false, tierMs);
    const gpu = meanSql(key, true, tierMs);
    const value = (mean: string | null) =>
      mean === null ? 'NULL' : stored(c.aggregate === 'max' ? `${mean} + 2` : mean, c.scale);
    parts.push(`CASE WHEN d.gpu = 1 THEN ${value(gpu)} ELSE ${value(asic)} END`);
  }
  return parts.join(', ');
}

const deviceRollupColumns = () =>
  ['device_id', 'bucket', 'samples', ...[...MEAN_COLUMNS, ...MAX_COLUMNS].map((c) => c.column)].join(', ');

/** Bucket starts from..to (inclusive) as a FROM item `b(x)`. */
function buckets(db: BenchDb, from: number, to: number, stepMs: number): string {
  if (db.provider === 'postgresql')
    return `generate_series(${from}::bigint, ${to}::bigint, ${stepMs}::bigint) AS b(x)`;
  return `(WITH RECURSIVE s(x) AS (SELECT ${from} UNION ALL SELECT x + ${stepMs} FROM s WHERE x + ${stepMs} <= ${to}) SELECT x FROM s) AS b`;
}

/** Secondary indexes are dropped during the bulk insert and rebuilt after (sorting beats random inserts). */
async function withoutSecondaryIndexes(db: BenchDb, table: string, fill: () => Promise<void>) {
  const indexes =
    db.provider === 'sqlite'
      ? await db.query<{ name: string; sql: string }>(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`,
          [table],
        )
      : await db.query<{ name: string; sql: string }>(
          `SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE tablename = ? AND indexname NOT LIKE '%_pkey'`,
          [table],
        );
  for (const index of indexes) await db.exec(`DROP INDEX "${index.name}"`);
  await fill();
  for (const index of indexes) await db.exec(index.sql);
}

export async function createQueryFixture(
  db: BenchDb,
  now: number,
  ranges: FixtureRanges,
): Promise<FixtureReport> {
  const report: FixtureReport = [];
  const timed = async (table: string, fill: () => Promise<void>) => {
    const t0 = performance.now();
    await withoutSecondaryIndexes(db, table, fill);
    const rows = Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
    report.push({ table, rows, ms: Math.round(performance.now() - t0) });
  };
  if (db.provider === 'sqlite') {
    // Throwaway file: no journal while filling; WAL again before the server opens it.
    await db.exec('PRAGMA journal_mode = OFF');
    await db.exec('PRAGMA synchronous = OFF');
    await db.exec('PRAGMA cache_size = -262144');
  }
  await db.exec('DROP TABLE IF EXISTS bench_devs');
  await db.exec(
    `CREATE TABLE bench_devs AS SELECT d.id, d.site_id, CASE WHEN m.class = 'gpu' THEN 1 ELSE 0 END AS gpu
     FROM device d JOIN device_model m ON m.id = d.model_id ORDER BY d.id`,
  );
  const devs = 'bench_devs d';
  const align = (t: number, step: number) => t - (t % step);
  const tiers = [
    { table: 'telemetry_rollup_1h', ms: HOUR, from: align(now, HOUR) - ranges.days1h * DAY },
    { table: 'telemetry_rollup_5m', ms: 5 * MINUTE, from: align(now, 5 * MINUTE) - ranges.days5m * DAY },
    { table: 'telemetry_rollup_1m', ms: MINUTE, from: align(now, MINUTE) - ranges.hours1m * HOUR },
  ];
  for (const tier of tiers) {
    const to = align(now, tier.ms) - tier.ms; // closed buckets only
    await timed(tier.table, () =>
      db.exec(
        `INSERT INTO ${tier.table} (${deviceRollupColumns()})
         SELECT d.id, b.x, ${deviceRollupSelect(tier.ms)} FROM ${devs} CROSS JOIN ${buckets(db, tier.from, to, tier.ms)}`,
      ),
    );
  }
  // Site rows: what the rollup job writes (lib/telemetry/rollups.ts) for these device means;
  // 1h rows are sums of twelve 5-minute rows.
  await db.exec('DROP TABLE IF EXISTS bench_sites');
  await db.exec(
    `CREATE TABLE bench_sites AS SELECT site_id, SUM(1 - gpu) AS asics, SUM(gpu) AS gpus FROM bench_devs GROUP BY site_id`,
  );
  await timed('site_rollup', async () => {
    for (const tier of [
      { name: '1m', ms: MINUTE, k: 1, from: align(now, MINUTE) - ranges.hours1m * HOUR },
      { name: '5m', ms: 5 * MINUTE, k: 1, from: align(now, 5 * MINUTE) - ranges.days1h * DAY },
      { name: '1h', ms: HOUR, k: 12, from: align(now, HOUR) - ranges.days1h * DAY },
    ]) {
      const w = `((s.site_id * 7 + b.x / ${tier.ms}) % 11)`;
      await db.exec(
        `INSERT INTO site_rollup (site_id, tier, bucket, buckets, devices_sum, hashrate_ths_sum, power_w_sum, temp_c_sum,
                                  temp_devices_sum, temp_c_max, gpu_util_pct_sum, gpu_devices_sum)
         SELECT s.site_id, '${tier.name}', b.x, ${tier.k}, ${tier.k} * (s.asics + s.gpus), ${tier.k} * s.asics * (195.0 + ${w} - 5),
                ${tier.k} * (s.asics * 3450.0 + s.gpus * 8400.0) * (1 + ${w} / 200.0), ${tier.k} * (s.asics * 68.0 + s.gpus * 66.0),
                ${tier.k} * (s.asics + s.gpus), 80.0 + ${w}, ${tier.k} * s.gpus * (58.0 + ${w}), ${tier.k} * s.gpus
         FROM bench_sites s CROSS JOIN ${buckets(db, tier.from, align(now, tier.ms) - tier.ms, tier.ms)}`,
      );
    }
  });
  const sampleColumns = ['device_id', 'ts', ...ROLLUP_METRICS.map((m) => m.column), 'status'];
  const sampleValues = (rowMs: number) =>
    [
      'd.id',
      'b.x + (d.id * 977) % 30000',
      ...ROLLUP_METRICS.map((m) => {
        const asic = meanSql(m.key, false, rowMs);
        const gpu = meanSql(m.key, true, rowMs);
        return `CASE WHEN d.gpu = 1 THEN ${gpu ?? 'NULL'} ELSE ${asic ?? 'NULL'} END`;
      }),
      "'ok'",
    ].join(', ');
  await timed('telemetry_sample', () =>
    db.exec(
      `INSERT INTO telemetry_sample (${sampleColumns.join(', ')})
       SELECT ${sampleValues(SAMPLE_MS)} FROM ${buckets(db, align(now, SAMPLE_MS) - ranges.hoursRaw * HOUR, align(now, SAMPLE_MS) - SAMPLE_MS, SAMPLE_MS)}
       CROSS JOIN ${devs}`,
    ),
  );
  await timed('device_latest', () =>
    db.exec(
      `INSERT INTO device_latest (${sampleColumns.join(', ')})
       SELECT ${sampleValues(SAMPLE_MS)} FROM ${devs} CROSS JOIN (SELECT ${align(now, SAMPLE_MS) - SAMPLE_MS} AS x) b`,
    ),
  );
  await db.exec('DROP TABLE bench_devs');
  await db.exec('DROP TABLE bench_sites');
  if (db.provider === 'sqlite') {
    await db.exec('PRAGMA journal_mode = WAL');
    await db.exec('ANALYZE');
  } else {
    await db.exec('VACUUM ANALYZE');
  }
  return report;
}
