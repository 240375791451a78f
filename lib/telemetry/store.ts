// The fast storage path for telemetry, used by the ingest API and the simulator's backfill alike.
// One transaction per batch: raw samples (idempotent on (device_id, ts)), the latest-state row per
// device, and the rollup buckets to recompute. A committed batch is durable (synchronous=FULL on
// SQLite; WAL fsync on PostgreSQL) before the API answers 2xx.
import type pg from 'pg';
import { getPgPool, getSqlite, serializeSqliteWrite } from '../db/raw';
import { getEnv } from '../env';
import { touchedBuckets } from './buckets';
import { NUMERIC_METRICS, type TelemetrySample } from './metrics';

export type StoreResult = { accepted: number; duplicates: number };

const COLUMNS = ['device_id', 'ts', ...NUMERIC_METRICS.map((m) => m.column), 'status', 'pool_url'];
const COLUMN_LIST = COLUMNS.join(', ');
const UPDATE_LATEST = COLUMNS.filter((c) => c !== 'device_id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

function rowValues(s: TelemetrySample): unknown[] {
  const values: unknown[] = [s.deviceId, s.ts];
  for (const m of NUMERIC_METRICS) values.push(s[m.key] ?? null);
  values.push(s.status ?? null, s.poolUrl ?? null);
  return values;
}

/** The newest sample per device among those just inserted. */
function newestPerDevice(samples: TelemetrySample[]): TelemetrySample[] {
  const newest = new Map<number, TelemetrySample>();
  for (const s of samples) {
    const current = newest.get(s.deviceId);
    if (!current || s.ts > current.ts) newest.set(s.deviceId, s);
  }
  return [...newest.values()];
}

export async function storeSamples(samples: TelemetrySample[]): Promise<StoreResult> {
  if (samples.length === 0) return { accepted: 0, duplicates: 0 };
  return getEnv().db.provider === 'sqlite' ? storeSqlite(samples) : storePostgres(samples);
}

// ───────────────────────────── SQLite ─────────────────────────────

const ROWS_PER_INSERT = 50; // 50 rows × 16 columns = 800 parameters, far below SQLite's limit

type SqliteStatements = ReturnType<typeof prepareSqliteStatements>;
let sqliteStatements: { db: unknown; statements: SqliteStatements } | undefined;

function prepareSqliteStatements() {
  const db = getSqlite();
  const placeholders = `(${COLUMNS.map(() => '?').join(', ')})`;
  const insertOne = db.prepare(
    `INSERT INTO telemetry_sample (${COLUMN_LIST}) VALUES ${placeholders} ON CONFLICT DO NOTHING`,
  );
  const insertMany = db.prepare(
    `INSERT INTO telemetry_sample (${COLUMN_LIST}) VALUES ${Array(ROWS_PER_INSERT).fill(placeholders).join(', ')} ON CONFLICT DO NOTHING`,
  );
  const upsertLatest = db.prepare(
    `INSERT INTO device_latest (${COLUMN_LIST}) VALUES ${placeholders}
     ON CONFLICT (device_id) DO UPDATE SET ${UPDATE_LATEST} WHERE excluded.ts > device_latest.ts`,
  );
  const markDirty = db.prepare(
    'INSERT INTO rollup_dirty (tier, bucket) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const batch = db.transaction((samples: TelemetrySample[]) => {
    let accepted = 0;
    let i = 0;
    for (; i + ROWS_PER_INSERT <= samples.length; i += ROWS_PER_INSERT) {
      accepted += insertMany.run(samples.slice(i, i + ROWS_PER_INSERT).flatMap(rowValues)).changes;
    }
    for (; i < samples.length; i++) accepted += insertOne.run(rowValues(samples[i]!)).changes;
    if (accepted === 0) return 0;
    // Duplicates need no filtering here: a stored sample is never newer than the latest state
    // (the upsert's WHERE keeps the newest), and re-marking its bucket only costs a recompute.
    for (const s of newestPerDevice(samples)) upsertLatest.run(rowValues(s));
    const timestamps = samples.map((s) => s.ts);
    for (const bucket of touchedBuckets(timestamps, '1m')) markDirty.run('1m', bucket);
    for (const bucket of touchedBuckets(timestamps, '5m')) markDirty.run('5m', bucket);
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
  ON CONFLICT DO NOTHING
  RETURNING device_id, ts`;

const PG_LATEST = `
  INSERT INTO device_latest (${COLUMN_LIST})
  SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'float8'}[]`).join(', ')})
  ON CONFLICT (device_id) DO UPDATE SET ${UPDATE_LATEST} WHERE excluded.ts > device_latest.ts`;

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
    const inserted = await client.query<{ device_id: number; ts: string }>(PG_INSERT, columnArrays(samples));
    const keys = new Set(inserted.rows.map((r) => `${r.device_id}@${r.ts}`));
    const fresh =
      keys.size === samples.length ? samples : samples.filter((s) => keys.has(`${s.deviceId}@${s.ts}`));
    if (fresh.length > 0) {
      await client.query(PG_LATEST, columnArrays(newestPerDevice(fresh)));
      const buckets = [
        ...touchedBuckets(
          fresh.map((s) => s.ts),
          '1m',
        ).map((b) => ['1m', b] as const),
        ...touchedBuckets(
          fresh.map((s) => s.ts),
          '5m',
        ).map((b) => ['5m', b] as const),
      ];
      await client.query(
        `INSERT INTO rollup_dirty (tier, bucket) SELECT * FROM unnest($1::text[], $2::int8[]) ON CONFLICT DO NOTHING`,
        [buckets.map((b) => b[0]), buckets.map((b) => b[1])],
      );
    }
    await client.query('COMMIT');
    return { accepted: fresh.length, duplicates: samples.length - fresh.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
