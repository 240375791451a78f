// The fast storage path for telemetry, used by the ingest API and the simulator's backfill alike.
// One transaction per batch: raw samples (idempotent on (ts, device_id)) and the 1-minute buckets
// to roll up. Latest state and rollups are derived by jobs (lib/telemetry/latest.ts, rollups.ts),
// so a batch writes only append-ordered pages. A committed batch is durable (synchronous=FULL on
// SQLite; WAL fsync on PostgreSQL) before the API answers 2xx.
import type pg from 'pg';
import { getPgPool, getSqlite, serializeSqliteWrite } from '../db/raw';
import { getEnv } from '../env';
import { touchedBuckets } from './buckets';
import { NUMERIC_METRICS, type TelemetrySample } from './metrics';

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
 * Rollup buckets a batch touches: 5m always, 1m only within the 1-minute tier's retention (a
 * backfill of older history needs no 1-minute rows, which retention would drop at once).
 */
function dirtyBuckets(samples: TelemetrySample[], now = Date.now()): ['1m' | '5m', number][] {
  const oneMinuteFrom = now - getEnv().RETENTION_RAW_HOURS * 3_600_000;
  const timestamps = samples.map((s) => s.ts);
  return [
    ...touchedBuckets(
      timestamps.filter((ts) => ts >= oneMinuteFrom),
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

type SqliteStatements = ReturnType<typeof prepareSqliteStatements>;
let sqliteStatements: { db: unknown; statements: SqliteStatements } | undefined;

function prepareSqliteStatements() {
  const db = getSqlite();
  const placeholders = `(${COLUMNS.map(() => '?').join(', ')})`;
  const insertOne = db.prepare(
    `INSERT INTO telemetry_sample (${COLUMN_LIST}) VALUES ${placeholders} ON CONFLICT DO NOTHING`,
  );
  const markDirty = db.prepare(
    'INSERT INTO rollup_dirty (tier, bucket) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const batch = db.transaction((samples: TelemetrySample[]) => {
    // One prepared single-row INSERT per sample: measured faster here than 100-row statements
    // (~170k vs ~132k rows/s), which pay for slicing and flattening the parameter arrays.
    let accepted = 0;
    for (const sample of samples) accepted += insertOne.run(rowValues(sample)).changes;
    if (accepted === 0) return 0;
    // Re-marking a bucket for a duplicate only costs a recompute; no need to filter them out.
    for (const [tier, bucket] of dirtyBuckets(samples)) markDirty.run(tier, bucket);
    return accepted;
  });
  return { batch: batch.immediate };
}

async function storeSqlite(samples: TelemetrySample[]): Promise<StoreResult> {
  const db = getSqlite();
  if (!sqliteStatements || sqliteStatements.db !== db)
    sqliteStatements = { db, statements: prepareSqliteStatements() };
  const { batch } = sqliteStatements.statements;
  const accepted = await serializeSqliteWrite(() => batch(samples));
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
  const client: pg.PoolClient = await getPgPool().connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query(PG_INSERT, columnArrays(samples));
    const accepted = inserted.rowCount ?? 0;
    if (accepted > 0) {
      const buckets = dirtyBuckets(samples);
      await client.query(
        `INSERT INTO rollup_dirty (tier, bucket) SELECT * FROM unnest($1::text[], $2::int8[]) ON CONFLICT DO NOTHING`,
        [buckets.map((b) => b[0]), buckets.map((b) => b[1])],
      );
    }
    await client.query('COMMIT');
    return { accepted, duplicates: samples.length - accepted };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
