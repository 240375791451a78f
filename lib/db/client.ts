// One Prisma client per process, on the driver adapter that DATABASE_URL selects.
// SQLite: @prisma/adapter-better-sqlite3 on the file; PostgreSQL: @prisma/adapter-pg on the
// shared pg.Pool (lib/db/raw.ts), so ORM queries and hot-path raw SQL use the same connections.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { getEnv } from '../env';
import { processGlobal } from '../process-global';
import { PrismaClient as PgPrismaClient } from './generated/postgresql/client';
import { PrismaClient } from './generated/sqlite/client';
import { getPgPool, prepareSqliteFile } from './raw';
import { lockedSqliteAdapter } from './sqlite-lock';
import type { DbProvider } from './url';

/**
 * Both generated clients have identical model and enum types (one source schema), so the app is
 * typed against the SQLite one. Provider-only query options (e.g. `mode: 'insensitive'`) go
 * through lib/db/dialect.ts.
 */
export type Db = PrismaClient;

const dbClient = processGlobal<Db>('switchyardDb');

export function getDbProvider(): DbProvider {
  return getEnv().db.provider;
}

export function getDb(): Db {
  return dbClient.getOrCreate(createDb);
}

function createDb(): Db {
  const { db } = getEnv();
  if (db.provider === 'postgresql') {
    return new PgPrismaClient({ adapter: new PrismaPg(getPgPool()) }) as unknown as Db;
  }
  prepareSqliteFile(db.filePath!);
  return new PrismaClient({
    // Writes and transactions queue on the process write lock with the raw connection's (sqlite-lock.ts).
    adapter: lockedSqliteAdapter(new PrismaBetterSqlite3({ url: db.url, timeout: 10_000 })),
    // A transaction may wait behind a raw one for the lock (a bulk assignment); 2 s is Prisma's default.
    transactionOptions: { maxWait: 10_000 },
  });
}

export async function disconnectDb() {
  const client = dbClient.get();
  dbClient.set(undefined);
  await client?.$disconnect();
}
