// The export benchmark's data: a demo-sized fleet with 31 days of hourly rollups (for the XLSX and
// PDF month) and `rows` raw samples, devices × instants 30 s apart ending an hour before `now`,
// written with one set-based INSERT on SQLite or PostgreSQL in time order, as ingest writes them
// (PostgreSQL keeps them in that order on the heap, so an export in key order reads it in order).
import type { BenchDb } from './bench-db';
import { createBenchFleet, createBenchToken } from './bench-db';
import { createQueryFixture } from './query-fixture';

const SAMPLE_MS = 30_000;
const DAY = 86_400_000;

export type ExportFixture = {
  token: string;
  rawFrom: number;
  rawTo: number;
  monthFrom: number;
  rows: number;
};

export async function createExportFixture(
  db: BenchDb,
  now: number,
  rows: number,
  devices: number,
): Promise<ExportFixture> {
  await createBenchFleet(db, devices, 3);
  const token = await createBenchToken(db, 'viewer', 'bench-export');
  await createQueryFixture(db, now, { days1h: 31, days5m: 0, hours1m: 0, hoursRaw: 0 });
  const steps = Math.ceil(rows / devices);
  const rawTo = now - (now % SAMPLE_MS) - 3_600_000;
  const rawFrom = rawTo - steps * SAMPLE_MS;
  const instants =
    db.provider === 'sqlite'
      ? `WITH RECURSIVE s(x) AS (SELECT ${rawFrom} UNION ALL SELECT x + ${SAMPLE_MS} FROM s WHERE x + ${SAMPLE_MS} < ${rawTo})`
      : `WITH s(x) AS (SELECT generate_series(${rawFrom}::bigint, ${rawTo - 1}::bigint, ${SAMPLE_MS}::bigint))`;
  await db.exec(
    `INSERT INTO telemetry_sample (device_id, ts, hashrate_ths, power_w, chip_temp_c, status)
     ${instants}
     SELECT d.id, s.x, 190.0 + (d.id % 17), 3400.0 + (d.id % 23), 60.0 + (d.id % 9), 'ok' FROM s CROSS JOIN device d ORDER BY s.x, d.id`,
  );
  const monthFrom = now - (now % 3_600_000) - 30 * DAY;
  for (const [series, value] of [
    ['difficulty', 108.52e12],
    ['btc_usd', 93_450],
    ['fees_btc_per_block', 0.0931],
    ['block_height', 875_000],
  ] as const)
    await db.exec(
      `INSERT INTO market_point (series, ts, value, provider, fetched_at) VALUES (?, ?, ?, 'sim', ?)`,
      [series, monthFrom - DAY, value, now],
    );
  if (db.provider === 'sqlite') await db.exec('PRAGMA journal_mode = WAL');
  else await db.exec('VACUUM ANALYZE telemetry_sample');
  const count = Number((await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM telemetry_sample'))[0]?.n);
  return { token, rawFrom, rawTo, monthFrom, rows: count };
}
