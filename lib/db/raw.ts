// Direct driver access for the hot paths (ingest, rollups, dashboard aggregates), where the
// ORM is measurably slow. Queries are built with Prisma's `sql` tagged template (parameters are
// always bound, never interpolated) and run on better-sqlite3 or pg with the same text.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { empty, join, raw, type Sql, sqltag } from '@prisma/client/runtime/client';
import Database from 'better-sqlite3';
import pg from 'pg';
import { getEnv } from '../env';
import { processGlobal } from '../process-global';
import { PG_TYPES, sqliteValue } from './dialect';
import { acquireSqliteWriteLock } from './sqlite-lock';

export { empty, join, raw, type Sql, sqltag as sql };

type Row = Record<string, unknown>;

const sqliteConnection = processGlobal<Database.Database>('switchyardSqlite');
const pgPool = processGlobal<pg.Pool>('switchyardPgPool');
const sqliteStatements = processGlobal<Map<string, Database.Statement>>('switchyardStatements');
const sqliteWriter = processGlobal<SqliteCompanion>('switchyardSqliteWriter');

type SqliteCompanion = { filePath: string; broken: boolean; close: () => Promise<void> };

/** Creates the folder, switches the file to WAL once (the mode persists in the file). */
export function prepareSqliteFile(filePath: string) {
  mkdirSync(path.dirname(filePath), { recursive: true });
}

function openSqlite(filePath: string): Database.Database {
  prepareSqliteFile(filePath);
  const db = new Database(filePath, { timeout: 10_000 });
  // WAL: readers never block the writer. synchronous=FULL: a committed (acknowledged) batch
  // survives power loss, not only a process crash; the fsync is paid once per batch.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return db;
}

/** The process-wide raw SQLite connection (SQLite profile only). */
export function getSqlite(): Database.Database {
  const { db } = getEnv();
  if (db.provider !== 'sqlite') throw new Error('getSqlite() called on a PostgreSQL deployment');
  return sqliteConnection.getOrCreate(() => openSqlite(db.filePath!));
}

/** The process-wide pg pool (PostgreSQL profile only), shared with the Prisma adapter. */
export function getPgPool(): pg.Pool {
  const { db } = getEnv();
  if (db.provider !== 'postgresql') throw new Error('getPgPool() called on a SQLite deployment');
  return pgPool.getOrCreate(() => {
    const pool = new pg.Pool({
      connectionString: db.url,
      max: Number(process.env.PG_POOL_MAX ?? 10),
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its connection (server restart) must not crash the process.
    pool.on('error', (err) => console.error(`[db] idle PostgreSQL client error: ${err.message}`));
    return pool;
  });
}

/**
 * The process-wide SQLite ingest writer (a worker thread with its own connection, see
 * lib/telemetry/sqlite-writer.ts): created on first use, replaced when it broke or the database
 * file changed, closed with the other raw connections.
 */
export function getSqliteWriter<T extends SqliteCompanion>(create: (filePath: string) => T): T {
  const { db } = getEnv();
  if (db.provider !== 'sqlite') throw new Error('getSqliteWriter() called on a PostgreSQL deployment');
  const current = sqliteWriter.get();
  if (current && !current.broken && current.filePath === db.filePath) return current as T;
  void current?.close();
  prepareSqliteFile(db.filePath!);
  const created = create(db.filePath!);
  sqliteWriter.set(created);
  return created;
}

export async function closeRawConnections() {
  const sqlite = sqliteConnection.get();
  const pool = pgPool.get();
  const writer = sqliteWriter.get();
  sqliteConnection.set(undefined);
  pgPool.set(undefined);
  sqliteStatements.set(undefined);
  sqliteWriter.set(undefined);
  await writer?.close();
  sqlite?.close();
  await pool?.end();
}

/** Cached prepared statement for this SQL text (better-sqlite3 compiles once, binds per call). */
export function prepareSqlite(text: string): Database.Statement {
  const cache = sqliteStatements.getOrCreate(() => new Map());
  let statement = cache.get(text);
  if (!statement) {
    if (cache.size > 500) cache.clear();
    statement = getSqlite().prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

export async function queryRows<T extends Row = Row>(query: Sql, client?: pg.PoolClient): Promise<T[]> {
  if (getEnv().db.provider === 'sqlite') {
    return prepareSqlite(query.sql).all(...query.values.map(sqliteValue)) as T[];
  }
  const result = await (client ?? getPgPool()).query({
    text: query.text,
    values: query.values,
    types: PG_TYPES,
  });
  return result.rows as T[];
}

export async function queryOne<T extends Row = Row>(
  query: Sql,
  client?: pg.PoolClient,
): Promise<T | undefined> {
  const rows = await queryRows<T>(query, client);
  return rows[0];
}

/**
 * One raw SQLite connection serves every request of the process, so an open transaction must
 * not interleave with statements of other requests (they would silently join it). Writers queue
 * on the process write lock (lib/db/sqlite-lock.ts, shared with the ORM's connection); a
 * transaction holds it for its whole duration.
 */
const sqliteTransactionContext = new AsyncLocalStorage<true>();

/** Whether this async context runs inside withRawTransaction on the raw SQLite connection. */
export function inRawTransaction(): boolean {
  return sqliteTransactionContext.getStore() === true;
}

/** Queues a write on the process's raw SQLite connection behind any open write transaction. */
export async function serializeSqliteWrite<T>(fn: () => Promise<T> | T): Promise<T> {
  // Already inside a raw transaction of this async context: the lock is ours.
  if (sqliteTransactionContext.getStore()) return fn();
  const release = await acquireSqliteWriteLock();
  try {
    return await fn();
  } finally {
    release();
  }
}

/** Runs a statement and returns the number of rows it changed. */
export async function execute(query: Sql, client?: pg.PoolClient): Promise<number> {
  if (getEnv().db.provider === 'sqlite') {
    const run = () => prepareSqlite(query.sql).run(...query.values.map(sqliteValue)).changes;
    return serializeSqliteWrite(run);
  }
  const result = await (client ?? getPgPool()).query({ text: query.text, values: query.values });
  return result.rowCount ?? 0;
}

/**
 * Runs `fn` in one write transaction. SQLite: BEGIN IMMEDIATE on the raw connection (takes the
 * write lock up front, so no SQLITE_BUSY upgrade deadlock); PostgreSQL: a pooled client.
 */
export async function withRawTransaction<T>(fn: (client?: pg.PoolClient) => Promise<T>): Promise<T> {
  if (getEnv().db.provider === 'sqlite') {
    return serializeSqliteWrite(async () => {
      const db = getSqlite();
      db.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await sqliteTransactionContext.run(true, () => fn(undefined));
        db.prepare('COMMIT').run();
        return result;
      } catch (error) {
        if (db.inTransaction) db.prepare('ROLLBACK').run();
        throw error;
      }
    });
  }
  const client = await getPgPool().connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
