// Real databases for integration tests: a fresh SQLite file, or (when TEST_DATABASE_URL is set)
// a fresh PostgreSQL database on that server. Migrations are applied through the same WASM
// schema engine that `npm run db:migrate` uses. Never a mocked database.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { disconnectDb } from '../../lib/db/client';
import { closeRawConnections } from '../../lib/db/raw';
import { applyMigrations, type SchemaLocation, schemaLocation } from '../../lib/db/schema-engine';
import { resetEnvCache } from '../../lib/env';

export type TestDb = { provider: 'sqlite' | 'postgresql'; url: string; cleanup: () => Promise<void> };

/** Providers to run integration suites on: always SQLite, PostgreSQL when TEST_DATABASE_URL is set. */
export const TEST_PROVIDERS: ('sqlite' | 'postgresql')[] = process.env.TEST_DATABASE_URL
  ? ['sqlite', 'postgresql']
  : ['sqlite'];

/**
 * Creates a migrated database and points DATABASE_URL (and the lib/db singletons) at it.
 * Call `cleanup()` in afterAll; it closes connections and deletes the database.
 */
export async function createTestDb(
  provider: 'sqlite' | 'postgresql' = 'sqlite',
  options: { migrationsUpTo?: string } = {},
): Promise<TestDb> {
  await closeConnections();
  const migrate = (url: string) => applyMigrations(migrationsUpTo(provider, options.migrationsUpTo), url);
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-test-'));
    const url = `file:${path.join(dir, 'test.db')}`;
    await migrate(url);
    pointEnvAt(url);
    return {
      provider,
      url,
      cleanup: async () => {
        await closeConnections();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `switchyard_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(base, name);
  // Every PostgreSQL deployment needs a server secret (lib/secrets); tests get a throwaway one.
  process.env.SWITCHYARD_SECRET ??= 'integration-tests-only-server-secret-0123456789';
  await migrate(url);
  pointEnvAt(url);
  return {
    provider,
    url,
    cleanup: async () => {
      await closeConnections();
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * The provider's migrations, or (for migration tests) only those up to and including the folder
 * whose name starts with `upTo`, copied to a temporary folder.
 */
function migrationsUpTo(provider: 'sqlite' | 'postgresql', upTo?: string): SchemaLocation {
  const location = schemaLocation(provider);
  if (!upTo) return location;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-migrations-'));
  for (const entry of readdirSync(location.migrationsDir)) {
    if (entry.endsWith('.toml') || entry <= upTo || entry.startsWith(upTo))
      cpSync(path.join(location.migrationsDir, entry), path.join(dir, entry), { recursive: true });
  }
  return { ...location, migrationsDir: dir };
}

function withDatabase(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function pointEnvAt(url: string) {
  process.env.DATABASE_URL = url;
  resetEnvCache();
}

async function closeConnections() {
  await disconnectDb();
  await closeRawConnections();
}
