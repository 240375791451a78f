// The places where SQLite and PostgreSQL need different SQL or values, in one module. Everything
// else in lib/ writes one SQL text for both (Prisma's `sql` template, `?`-free, bound values).

import { join, type Sql, sqltag as sql } from '@prisma/client/runtime/client';
import pg from 'pg';
import { getEnv } from '../env';

export const isSqlite = () => getEnv().db.provider === 'sqlite';

/** A bound value as better-sqlite3 takes it (it has no boolean or Date type). */
export function sqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  // Same text format as Prisma's SQLite adapter writes, so DATETIME columns stay comparable.
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  return value;
}

// int8 and numeric arrive from pg as strings; our integers (epoch ms, counts) fit in a double.
const toNumber = (value: string) => Number(value);
export const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700
      ? toNumber
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * `column` is the id of an existing device. Used to reach device-first tables (PRIMARY KEY
 * (device_id, …)) through their key. SQLite seeks the key once per id of an IN (subquery);
 * PostgreSQL would turn the subquery into a hash join over the whole table, but takes an array
 * as index keys.
 */
export function isExistingDevice(column: Sql): Sql {
  return isSqlite()
    ? sql`${column} IN (SELECT id FROM device)`
    : sql`${column} = ANY(ARRAY(SELECT id FROM device))`;
}

/** `column` is one of `ids` (one bound array on PostgreSQL, so the statement text is stable). */
export function isOneOf(column: Sql, ids: number[]): Sql {
  if (!isSqlite()) return sql`${column} = ANY(${ids}::int4[])`;
  return ids.length ? sql`${column} IN (${join(ids)})` : sql`0 = 1`;
}
