// The fast storage path for telemetry, used by the ingest API and the simulator's backfill alike.
// One transaction per batch: raw samples (idempotent on (ts, device_id)) and the 1-minute buckets
// to roll up. Latest state and rollups are derived by jobs (lib/telemetry/latest.ts, rollups.ts),
// so a batch writes only append-ordered pages. A committed batch is durable (synchronous=FULL on
// SQLite; WAL fsync on PostgreSQL) before the API answers 2xx. SQLite batches run on a writer
// thread (sqlite-writer.ts) so inserts do not stall HTTP and JSON work on the event loop.
import { getSqliteWriter, serializeSqliteWrite, withRawTransaction } from '../db/raw';
import { getEnv } from '../env';
import { touchedBuckets } from './buckets';
import { NUMERIC_METRICS, type TelemetrySample } from './metrics';
import { oneMinuteRetentionMs } from './resolution';
import { SqliteWriter } from './sqlite-writer';

export type StoreResult = { accepted: number; duplicates: number };

const COLUMNS = ['device_id', 'ts', ...NUMERIC_METRICS.map((m) => m.column), 'status', 'pool_url'];
const COLUMN_LIST = COLUMNS.join(', ');

function rowValues(s: TelemetrySample): unknown[] {
  const values: unknown[] = [s.deviceId, s.ts];
  for (const m of NUMERIC_METRICS) values.push(s[m.key] ?? null);
  values.push(s.status ?? null, s.poolUrl ?? null);
  return values;
}

/**
 * Rollup buckets a batch touches (PostgreSQL; the SQLite writer thread does the same): 5m always,
 * 1m only within the 1-minute tier's retention (a backfill of older history needs no 1-minute
 * rows, which retention would drop at once).
 */
const oneMinuteFrom = (now = Date.now()) =>
  now - oneMinuteRetentionMs(getEnv().RETENTION_RAW_HOURS * 3_600_000);

function dirtyBuckets(samples: TelemetrySample[]): ['1m' | '5m', number][] {
  const from = oneMinuteFrom();
  const timestamps = samples.map((s) => s.ts);
  return [
    ...touchedBuckets(
      timestamps.filter((ts) => ts >= from),
      '1m',
    ).map((b) => ['1m', b] as ['1m', number]),
    ...touchedBuckets(timestamps, '5m').map((b) => ['5m', b] as ['5m', number]),
  ];
}

export async function storeSamples(samples: TelemetrySample[]): Promise<StoreResult> {
  if (samples.length === 0) return { accepted: 0, duplicates: 0 };
  return getEnv().db.provider === 'sqlite' ? storeSqlite(samples) : storePostgres(samples);
}

// ───────────────────────────── SQLite ─────────────────────────────

const METRIC_KEYS = NUMERIC_METRICS.map((m) => m.key);

function createWriter(filePath: string) {
  return new SqliteWriter(
    {
      filePath,
      insertSql: `INSERT INTO telemetry_sample (${COLUMN_LIST}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
      markSql: 'INSERT INTO rollup_dirty (tier, bucket) VALUES (?, ?) ON CONFLICT DO NOTHING',
      stride: COLUMNS.length,
    },
    METRIC_KEYS,
    serializeSqliteWrite,
  );
}

async function storeSqlite(samples: TelemetrySample[]): Promise<StoreResult> {
  const accepted = await getSqliteWriter(createWriter).store(samples, oneMinuteFrom());
  return { accepted, duplicates: samples.length - accepted };
}

// ───────────────────────────── PostgreSQL ─────────────────────────────

const PG_TYPES: Record<string, string> = { device_id: 'int4', ts: 'int8', status: 'text', pool_url: 'text' };

const PG_INSERT = `
  INSERT INTO telemetry_sample (${COLUMN_LIST})
  SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'float8'}[]`).join(', ')})
  ON CONFLICT DO NOTHING`;

function columnArrays(samples: TelemetrySample[]): unknown[][] {
  const arrays: unknown[][] = COLUMNS.map(() => new Array(samples.length));
  samples.forEach((s, row) => {
    const values = rowValues(s);
    for (let col = 0; col < values.length; col++) arrays[col]![row] = values[col];
  });
  return arrays;
}

async function storePostgres(samples: TelemetrySample[]): Promise<StoreResult> {
  return withRawTransaction(async (client) => {
    const inserted = await client!.query(PG_INSERT, columnArrays(samples));
    const accepted = inserted.rowCount ?? 0;
    if (accepted > 0) {
      const buckets = dirtyBuckets(samples);
      await client!.query(
        `INSERT INTO rollup_dirty (tier, bucket) SELECT * FROM unnest($1::text[], $2::int8[]) ON CONFLICT DO NOTHING`,
        [buckets.map((b) => b[0]), buckets.map((b) => b[1])],
      );
    }
    return { accepted, duplicates: samples.length - accepted };
  });
}
