// Migrations without Prisma's native schema-engine binary.
//
// Prisma 7's CLI downloads a native schema engine for `migrate`, which fails on machines
// without internet. The same engine is published as WebAssembly (@prisma/schema-engine-wasm,
// Apache-2.0) and talks to the database through a Prisma driver adapter. This module loads it
// under Node and exposes the two operations Switchyard needs: apply the migration folders and
// generate a new migration by diffing the migration history against the schema.
// The folders stay standard Prisma migration folders, so `prisma migrate deploy` works the same
// on machines that do have the native binary.
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DbProvider } from './url';

type WasmEngineModule = typeof import('@prisma/schema-engine-wasm');
type SchemaEngine = Awaited<ReturnType<WasmEngineModule['SchemaEngine']['new']>>;
type MigrationList = Parameters<SchemaEngine['applyMigrations']>[0]['migrationsList'];

export type SchemaLocation = {
  provider: DbProvider;
  schemaPath: string;
  migrationsDir: string;
};

export function schemaLocation(provider: DbProvider, root = process.cwd()): SchemaLocation {
  const dir = provider === 'postgresql' ? path.join(root, 'prisma', 'postgresql') : path.join(root, 'prisma');
  return {
    provider,
    schemaPath: path.join(dir, 'schema.prisma'),
    migrationsDir: path.join(dir, 'migrations'),
  };
}

let wasmModule: Promise<WasmEngineModule> | undefined;

/**
 * The package entry imports the .wasm file as an ES module (bundler style), which Node cannot
 * do; instantiate it by hand with the bindings module as its import object.
 */
function loadWasmEngine(): Promise<WasmEngineModule> {
  wasmModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bindings = (await import(
      /* webpackIgnore: true */ pathToFileURL(path.join(pkgDir, 'schema_engine_bg.js')).href
    )) as WasmEngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(path.join(pkgDir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings as never });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return wasmModule;
}

/**
 * The engine introspects pg_catalog, whose `"char"` columns (OID 18, e.g. pg_class.relkind)
 * @prisma/adapter-pg 7.10 refuses to map ("Column type 'char' could not be deserialized").
 * Their text values are plain one-letter strings, so report them as TEXT (OID 25).
 */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PgFields = { fields?: { dataTypeID: number }[] };
function reportCharAsText<T>(result: T): T {
  for (const field of (result as PgFields | undefined)?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

async function createAdapterFactory(provider: DbProvider, url: string) {
  if (provider === 'postgresql') {
    const [{ PrismaPg }, { default: pg }] = await Promise.all([import('@prisma/adapter-pg'), import('pg')]);
    class CatalogSafeClient extends pg.Client {
      // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads; this only post-processes results
      override query(...args: any[]): any {
        const last = args.at(-1);
        if (typeof last === 'function') {
          args[args.length - 1] = (err: Error | null, res: unknown) =>
            last(err, err ? res : reportCharAsText(res));
          return (super.query as (...a: unknown[]) => unknown)(...args);
        }
        const out = (super.query as (...a: unknown[]) => unknown)(...args);
        return out instanceof Promise ? out.then(reportCharAsText) : out;
      }
    }
    // Discrete fields, not `connectionString`: a connection string would override the
    // database name when a pool is opened on the shadow database.
    const { parse } = await import('pg-connection-string');
    const fields = parse(url) as Record<string, unknown>;
    const open = (database?: string) =>
      new PrismaPg({
        ...fields,
        ...(database ? { database } : {}),
        Client: CatalogSafeClient,
      } as ConstructorParameters<typeof PrismaPg>[0]);
    const main = open();
    return {
      provider: main.provider as 'postgres',
      adapterName: main.adapterName,
      connect: () => main.connect(),
      // adapter-pg 7.10 drops the shadow database while its own pool still holds a
      // connection ("being accessed by other users"); close the pool first, then drop.
      async connectToShadowDb() {
        const admin = await main.connect();
        const database = `prisma_migrate_shadow_db_${randomUUID()}`;
        await admin.executeScript(`CREATE DATABASE "${database}"`);
        const shadow = await open(database).connect();
        const dispose = shadow.dispose.bind(shadow);
        shadow.dispose = async () => {
          await dispose();
          await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
          await admin.dispose();
        };
        return shadow;
      },
    };
  }
  const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
  return new ScriptAwareSqliteFactory(new PrismaBetterSqlite3({ url, timeout: 10_000 }));
}

type SqliteFactory = InstanceType<typeof import('@prisma/adapter-better-sqlite3').PrismaBetterSqlite3>;
type SqlAdapter = Awaited<ReturnType<SqliteFactory['connect']>>;

/** True when `sql` holds more than one statement (comments and trailing whitespace ignored). */
export function isMultiStatement(sql: string): boolean {
  const code = sql
    .replace(/--[^\n]*/g, '')
    .replace(/'(?:[^']|'')*'/g, "''")
    .trim();
  const end = code.indexOf(';');
  return end !== -1 && code.slice(end + 1).trim() !== '';
}

/**
 * When replaying migrations on the shadow database (diff from a migrations folder), the engine
 * sends each migration file to `executeRaw` as one multi-statement string; better-sqlite3's
 * prepare() accepts one statement only. Route such scripts to `executeScript` (db.exec).
 */
class ScriptAwareSqliteFactory {
  readonly provider: SqliteFactory['provider'];
  readonly adapterName: string;
  constructor(private readonly inner: SqliteFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }
  connect() {
    return this.inner.connect().then(wrapScripts);
  }
  connectToShadowDb() {
    return this.inner.connectToShadowDb().then(wrapScripts);
  }
}

function wrapScripts(adapter: SqlAdapter): SqlAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && isMultiStatement(query.sql)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

async function withEngine<T>(
  location: SchemaLocation,
  url: string,
  fn: (engine: SchemaEngine) => Promise<T>,
) {
  const { SchemaEngine } = await loadWasmEngine();
  const schema = await readFile(location.schemaPath, 'utf8');
  const inner = await createAdapterFactory(location.provider, url);
  // The engine does not close the connections it opens (an open SQLite connection keeps the
  // file locked): remember them and dispose of them when the engine is done.
  const opened: { dispose(): Promise<void> }[] = [];
  const track = <A extends { dispose(): Promise<void> }>(adapter: A) => {
    opened.push(adapter);
    return adapter;
  };
  const tracked = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => inner.connect().then(track),
    connectToShadowDb: () => inner.connectToShadowDb().then(track),
  };
  const engine = await SchemaEngine.new(
    { datamodels: [[location.schemaPath, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked as typeof inner),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    for (const adapter of opened.reverse()) await adapter.dispose().catch(() => {});
  }
}

export async function readMigrationList(migrationsDir: string): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const file = path.join(migrationsDir, dir, 'migration.sql');
        const content = await readFile(file, 'utf8').then(
          (text) => ({ tag: 'ok' as const, value: text }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        );
        return { path: dir, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  } as MigrationList;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

/**
 * Applies every migration folder not yet recorded in `_prisma_migrations`, one at a time (the
 * engine applies the pending ones of the list it is given), so `onApplied` can report progress.
 */
export async function applyMigrations(
  location: SchemaLocation,
  url: string,
  onApplied?: (name: string, index: number, total: number) => void,
): Promise<string[]> {
  const migrationsList = await readMigrationList(location.migrationsDir);
  const all = migrationsList.migrationDirectories;
  return withEngine(location, url, async (engine) => {
    const applied: string[] = [];
    for (let i = 0; i < all.length; i++) {
      const list = { ...migrationsList, migrationDirectories: all.slice(0, i + 1) };
      const result = await engine.applyMigrations({ migrationsList: list, filters: NO_FILTER });
      for (const name of result.appliedMigrationNames) {
        applied.push(name);
        onApplied?.(name, i + 1, all.length);
      }
    }
    return applied;
  });
}

/**
 * SQL that would bring a database built from the migration folders up to the schema
 * (empty string when they agree). The migrations are replayed on a shadow database:
 * in-memory for SQLite, a temporary database for PostgreSQL (`url` must allow CREATE DATABASE).
 */
export async function diffMigrationsToSchema(location: SchemaLocation, url: string): Promise<string> {
  const migrationsList = await readMigrationList(location.migrationsDir);
  const schema = await readFile(location.schemaPath, 'utf8');
  return withEngine(location, url, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [{ path: location.schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const script = result.stdout ?? '';
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(script) ? '' : script;
  });
}
