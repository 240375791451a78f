// Fresh migrated databases for benchmarks and fault tests, filled with direct SQL (the ORM would
// take minutes for 10,000 devices). One small interface over better-sqlite3 and pg; statements
// use `?` placeholders, renumbered to $n for PostgreSQL.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { generateApiToken, sha256Hex } from '../../lib/auth/secrets';
import { applyMigrations, schemaLocation } from '../../lib/db/schema-engine';

export type BenchDb = {
  provider: 'sqlite' | 'postgresql';
  url: string;
  /** SQLite file path (undefined for PostgreSQL). */
  filePath?: string;
  exec: (text: string, params?: unknown[]) => Promise<void>;
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  /** Multi-row INSERT in chunks, all in one transaction. */
  insertRows: (table: string, columns: string[], rows: unknown[][]) => Promise<void>;
  close: () => Promise<void>;
};

const toDollar = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/** Raw SQLite value for DATETIME columns: the text format Prisma's adapter writes (lib/db/raw.ts). */
export const sqliteDate = (date: Date) => date.toISOString().replace('Z', '+00:00');

export function openBenchDb(url: string): BenchDb {
  if (url.startsWith('file:')) {
    const filePath = url.slice('file:'.length);
    const db = new Database(filePath, { timeout: 10_000 });
    db.pragma('journal_mode = WAL');
    const insert = (table: string, columns: string[], rows: unknown[][]) => {
      const chunk = Math.max(1, Math.floor(30_000 / columns.length));
      const one = `(${columns.map(() => '?').join(', ')})`;
      db.transaction(() => {
        for (let i = 0; i < rows.length; i += chunk) {
          const part = rows.slice(i, i + chunk);
          db.prepare(
            `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => one).join(', ')}`,
          ).run(part.flat());
        }
      })();
    };
    return {
      provider: 'sqlite',
      url,
      filePath,
      exec: async (text, params = []) => void db.prepare(text).run(params),
      query: async <T>(text: string, params: unknown[] = []) => db.prepare(text).all(params) as T[],
      insertRows: async (table, columns, rows) => insert(table, columns, rows),
      close: async () => void db.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    provider: 'postgresql',
    url,
    exec: async (text, params = []) => void (await pool.query(toDollar(text), params)),
    query: async <T>(text: string, params: unknown[] = []) =>
      (await pool.query(toDollar(text), params)).rows as T[],
    insertRows: async (table, columns, rows) => {
      const chunk = Math.max(1, Math.floor(30_000 / columns.length));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (let i = 0; i < rows.length; i += chunk) {
          const part = rows.slice(i, i + chunk);
          const one = `(${columns.map(() => '?').join(', ')})`;
          await client.query(
            toDollar(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => one).join(', ')}`),
            part.flat(),
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Temporary folders still to delete; an interrupted run must not leave gigabytes in /tmp. */
const liveDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
});

/** A migrated SQLite file in a new temporary folder. */
export async function createSqliteDb(label: string): Promise<{ url: string; dir: string }> {
  const base = path.join(os.tmpdir(), 'switchyard-bench');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, `${label}-`));
  liveDirs.add(dir);
  const url = `file:${path.join(dir, 'bench.db')}`;
  await applyMigrations(schemaLocation('sqlite'), url);
  return { url, dir };
}

export function removeSqliteDb(dir: string) {
  rmSync(dir, { recursive: true, force: true });
  liveDirs.delete(dir);
}

/** A new migrated database on the PostgreSQL server of `serverUrl`. */
export async function createPgDb(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  await applyMigrations(schemaLocation('postgresql'), url);
  return url;
}

export type BenchFleet = {
  siteIds: number[];
  devices: { id: number; serial: string; gpu: boolean; siteId: number }[];
};

/**
 * `devices` machines over `sites` sites: ASICs (Antminer S21 class) and one GPU node in 20.
 * Each site gets a capacity that fits its share of the fleet.
 */
export async function createBenchFleet(db: BenchDb, devices: number, sites = 20): Promise<BenchFleet> {
  const now = new Date();
  const stamp = db.provider === 'sqlite' ? sqliteDate(now) : now;
  const perSite = Math.ceil(devices / sites);
  await db.insertRows(
    'site',
    ['name', 'timezone', 'power_capacity_kw', 'fixed_price_usd_per_mwh', 'updated_at'],
    Array.from({ length: sites }, (_, i) => [`Bench site ${i + 1}`, 'UTC', perSite * 4, 45, stamp]),
  );
  await db.insertRows(
    'device_model',
    [
      'vendor',
      'model',
      'class',
      'nominal_hashrate_ths',
      'nominal_power_w',
      'max_temp_c',
      'gpu_count',
      'gpu_memory_gb',
    ],
    [
      ['Bitmain', 'Antminer S21 (bench)', 'asic', 200, 3500, 90, null, null],
      ['NVIDIA', 'HGX H100 8-GPU (bench)', 'gpu', null, 10_200, 88, 8, 80],
    ],
  );
  const siteIds = (await db.query<{ id: number }>('SELECT id FROM site ORDER BY id')).map((r) =>
    Number(r.id),
  );
  const models = await db.query<{ id: number; class: string }>('SELECT id, class FROM device_model');
  const modelId = (cls: string) => Number(models.find((m) => m.class === cls)!.id);
  const rows = Array.from({ length: devices }, (_, i) => {
    const gpu = i % 20 === 19;
    return [
      `bench-${i}`,
      `BENCH-${String(i).padStart(6, '0')}`,
      siteIds[Math.floor(i / perSite)]!,
      modelId(gpu ? 'gpu' : 'asic'),
      gpu ? 'dcgm' : 'cgminer',
      'online',
      stamp,
    ];
  });
  await db.insertRows(
    'device',
    ['name', 'serial', 'site_id', 'model_id', 'protocol', 'status', 'updated_at'],
    rows,
  );
  const stored = await db.query<{ id: number; serial: string; site_id: number; class: string }>(
    'SELECT d.id, d.serial, d.site_id, m.class FROM device d JOIN device_model m ON m.id = d.model_id ORDER BY d.id',
  );
  return {
    siteIds,
    devices: stored.map((d) => ({
      id: Number(d.id),
      serial: d.serial,
      gpu: d.class === 'gpu',
      siteId: Number(d.site_id),
    })),
  };
}

/** An API token stored the way lib/auth/api-tokens stores one (hash only); returns the plaintext. */
export async function createBenchToken(db: BenchDb, role: 'admin' | 'operator' | 'viewer', name: string) {
  const token = generateApiToken();
  const now = new Date();
  await db.exec(
    'INSERT INTO api_token (name, token_hash, display_hint, role, created_at) VALUES (?, ?, ?, ?, ?)',
    [name, sha256Hex(token), `${token.slice(0, 8)}…`, role, db.provider === 'sqlite' ? sqliteDate(now) : now],
  );
  return token;
}
