// The fast storage path for telemetry, used by the ingest API and the simulator's backfill alike.
// One transaction per batch: raw samples (idempotent on (ts, device_id)) and the 1-minute buckets
// to roll up. Latest state and rollups are derived by jobs (lib/telemetry/latest.ts, rollups.ts),
// so a batch writes only append-ordered pages. A committed batch is durable (synchronous=FULL on
// SQLite; WAL fsync on PostgreSQL) before the API answers 2xx. SQLite batches run on a writer
// thread (sqlite-writer.ts) so inserts do not stall HTTP and JSON work on the event loop.
import { sqliteValue } from '../db/dialect';
import {
  execute,
  getSqliteWriter,
  inRawTransaction,
  type Sql,
  serializeSqliteWrite,
  withRawTransaction,
} from '../db/raw';
import { getEnv } from '../env';
import { touchedBuckets } from './buckets';
import type { TelemetrySample } from './metrics';
import { oneMinuteRetentionMs } from './resolution';
import { packSamples, SAMPLE_COLUMNS, type SampleRows, STRIDE } from './sample-rows';
import { SqliteWriter } from './sqlite-writer';

export type StoreResult = { accepted: number; duplicates: number };

const COLUMN_LIST = SAMPLE_COLUMNS.join(', ');

/**
 * Rollup buckets a batch touches (PostgreSQL; the SQLite writer thread does the same): 5m always,
 * 1m only within the 1-minute tier's retention (a backfill of older history needs no 1-minute
 * rows, which retention would drop at once).
 */
const oneMinuteFrom = (now = Date.now()) =>
  now - oneMinuteRetentionMs(getEnv().RETENTION_RAW_HOURS * 3_600_000);

function dirtyBuckets(timestamps: number[]): ['1m' | '5m', number][] {
  const from = oneMinuteFrom();
  return [
    ...touchedBuckets(
      timestamps.filter((ts) => ts >= from),
      '1m',
    ).map((b) => ['1m', b] as ['1m', number]),
    ...touchedBuckets(timestamps, '5m').map((b) => ['5m', b] as ['5m', number]),
  ];
}

/** Stores validated sample objects (simulator, collectors' tests, fixtures). */
export async function storeSamples(samples: readonly TelemetrySample[]): Promise<StoreResult> {
  return storeRows(packSamples(samples));
}

/** Stores flat rows (the ingest API validates straight into them). */
export async function storeRows(rows: SampleRows): Promise<StoreResult> {
  if (rows.count === 0) return { accepted: 0, duplicates: 0 };
  return getEnv().db.provider === 'sqlite' ? storeSqlite(rows) : storePostgres(rows);
}

// ───────────────────────────── SQLite ─────────────────────────────

function createWriter(filePath: string) {
  return new SqliteWriter(
    {
      filePath,
      insertSql: `INSERT INTO telemetry_sample (${COLUMN_LIST}) VALUES (${SAMPLE_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
      markSql: 'INSERT INTO rollup_dirty (tier, bucket) VALUES (?, ?) ON CONFLICT DO NOTHING',
      stride: STRIDE,
    },
    serializeSqliteWrite,
  );
}

async function storeSqlite(rows: SampleRows): Promise<StoreResult> {
  const accepted = await getSqliteWriter(createWriter).store(rows, oneMinuteFrom());
  return { accepted, duplicates: rows.count - accepted };
}

/**
 * Runs write statements in one transaction. SQLite: on the writer thread (its synchronous work
 * off the event loop), unless the caller already holds a raw transaction on the main connection,
 * whose write lock the thread would wait on. PostgreSQL: a pooled transaction.
 */
export async function executeInTransaction(statements: readonly Sql[]): Promise<void> {
  if (getEnv().db.provider === 'sqlite' && !inRawTransaction()) {
    await getSqliteWriter(createWriter).execute(
      statements.map((s) => ({ sql: s.sql, values: s.values.map(sqliteValue) })),
    );
    return;
  }
  await withRawTransaction(async (client) => {
    for (const statement of statements) await execute(statement, client);
  });
}

// ───────────────────────────── PostgreSQL ─────────────────────────────

const PG_TYPES: Record<string, string> = { device_id: 'int4', ts: 'int8', status: 'text', pool_url: 'text' };

const PG_INSERT = `
  INSERT INTO telemetry_sample (${COLUMN_LIST})
  SELECT * FROM unnest(${SAMPLE_COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'float8'}[]`).join(', ')})
  ON CONFLICT DO NOTHING`;

async function storePostgres(rows: SampleRows): Promise<StoreResult> {
  return withRawTransaction(async (client) => {
    const inserted = await client!.query(PG_INSERT, rows.pgArrayLiterals());
    const accepted = inserted.rowCount ?? 0;
    if (accepted > 0) {
      const buckets = dirtyBuckets(rows.timestamps());
      await client!.query(
        `INSERT INTO rollup_dirty (tier, bucket) SELECT * FROM unnest($1::text[], $2::int8[]) ON CONFLICT DO NOTHING`,
        [buckets.map((b) => b[0]), buckets.map((b) => b[1])],
      );
    }
    return { accepted, duplicates: rows.count - accepted };
  });
}
