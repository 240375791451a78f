// The storage ceiling the HTTP figure is compared with: the same rows written straight through
// the driver, without HTTP, JSON, validation, auth or the latest-state/rollup bookkeeping.
// SQLite: one prepared single-row INSERT, one transaction per batch, on the app's pragmas.
// PostgreSQL: the UNNEST INSERT lib/telemetry/store.ts uses, one transaction per batch.
import Database from 'better-sqlite3';
import pg from 'pg';
import { NUMERIC_METRICS } from '../../lib/telemetry/metrics';
import { packSamples } from '../../lib/telemetry/sample-rows';
import type { SampleFactory } from './samples';

export type RawResult = { rows: number; elapsedMs: number; rowsPerS: number };

/**
 * How much to write: the same number of rows as the HTTP run stored (insert speed falls as the
 * table grows, so equal work is the fair comparison), stopping early after `maxMs`.
 */
export type Budget = { rows: number; maxMs: number };

const COLUMNS = ['device_id', 'ts', ...NUMERIC_METRICS.map((m) => m.column), 'status', 'pool_url'];
const PG_TYPES: Record<string, string> = { device_id: 'int4', ts: 'int8', status: 'text', pool_url: 'text' };

/** Same text as lib/telemetry/store.ts builds (kept in step by deriving it from the same metric list). */
export const PG_UNNEST_INSERT = `
  INSERT INTO telemetry_sample (${COLUMNS.join(', ')})
  SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'float8'}[]`).join(', ')})
  ON CONFLICT DO NOTHING`;

export function sqliteRawCeiling(filePath: string, factory: SampleFactory, budget: Budget): RawResult {
  const db = new Database(filePath);
  // The pragmas of lib/db/raw.ts openSqlite: a ceiling with weaker durability would flatter it.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  const insert = db.prepare(
    `INSERT INTO telemetry_sample (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
  );
  const batch = db.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(row);
  });
  let rows = 0;
  let elapsedMs = 0;
  // Row arrays are built outside the timed section: the ceiling is the database's, not ours.
  for (let k = 0; rows < budget.rows && elapsedMs < budget.maxMs; k++) {
    const batchRows = factory.rows(k);
    const t0 = performance.now();
    batch.immediate(batchRows);
    elapsedMs += performance.now() - t0;
    rows += batchRows.length;
  }
  db.close();
  return { rows, elapsedMs, rowsPerS: (rows / elapsedMs) * 1000 };
}

/** Batch k as the store's parameters: one array literal per column (SampleRows.pgArrayLiterals). */
const pgParams = (factory: SampleFactory, k: number) => packSamples(factory.samples(k)).pgArrayLiterals();

export async function pgRawCeiling(
  url: string,
  factory: SampleFactory,
  budget: Budget,
  connections: number,
): Promise<RawResult> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  let next = 0;
  let rows = 0;
  const start = performance.now();
  const end = start + budget.maxMs;
  const batches = Math.ceil(budget.rows / factory.batchSize);
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (next < batches && performance.now() < end) {
        const params = pgParams(factory, next++);
        await client.query('BEGIN');
        const result = await client.query(PG_UNNEST_INSERT, params);
        await client.query('COMMIT');
        rows += result.rowCount ?? 0;
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsedMs = performance.now() - start;
  await pool.end();
  return { rows, elapsedMs, rowsPerS: (rows / elapsedMs) * 1000 };
}

/**
 * Writes `batches` batches straight into telemetry_sample, fast and without durability (the
 * file or cluster is throwaway): a table that already holds hours of samples, as in production.
 */
export async function prefillSamples(url: string, factory: SampleFactory, batches: number) {
  if (url.startsWith('file:')) {
    const db = new Database(url.slice('file:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const insert = db.prepare(
      `INSERT INTO telemetry_sample (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
    );
    const chunk = db.transaction((from: number, to: number) => {
      for (let k = from; k < to; k++) for (const row of factory.rows(k)) insert.run(row);
    });
    for (let k = 0; k < batches; k += 100) chunk(k, Math.min(batches, k + 100));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET synchronous_commit = off');
    for (let k = 0; k < batches; k++) await client.query(PG_UNNEST_INSERT, pgParams(factory, k));
    await client.query('VACUUM ANALYZE telemetry_sample');
  } finally {
    await client.end();
  }
}
