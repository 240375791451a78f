// `npm start`: the embedded default in one command. Validates the environment, migrates the
// database, seeds the demo fleet on an empty database, backfills simulated history, builds the
// app when sources changed since the last build, then serves it with `next start`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bootstrap } from '../lib/db/bootstrap';
import { disconnectDb } from '../lib/db/client';
import { migrateDatabase } from '../lib/db/migrate';
import { closeRawConnections } from '../lib/db/raw';
import { getEnv } from '../lib/env';
import { backfillIfEmpty } from '../lib/sim/backfill';
import { backfillMarketIfEmpty } from '../lib/sim/market/backfill';

const require = createRequire(import.meta.url);
const NEXT_BIN = require.resolve('next/dist/bin/next');

const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
const STAMP = path.join('.next', 'switchyard-build-stamp');

function sourceStamp(): string {
  const hash = createHash('sha256');
  const walk = (entry: string) => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const child of readdirSync(entry).sort()) {
        if (child === 'node_modules' || child.endsWith('.test.ts')) continue;
        walk(path.join(entry, child));
      }
    } else {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const input of BUILD_INPUTS) walk(input);
  return hash.digest('hex');
}

function buildIfNeeded() {
  const stamp = sourceStamp();
  const built =
    existsSync(path.join('.next', 'BUILD_ID')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp;
  if (built) return;
  console.log('[start] building the app (first start or sources changed)…');
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) throw new Error('next build failed');
  writeFileSync(STAMP, stamp);
}

async function main() {
  const env = getEnv();
  const where = env.db.provider === 'sqlite' ? env.db.filePath : 'PostgreSQL';
  console.log(`[start] database: ${env.db.provider} (${where})`);
  const applied = await migrateDatabase();
  if (applied.length) console.log(`[start] applied migrations: ${applied.join(', ')}`);
  const setup = await bootstrap();
  if (setup.demo)
    console.log(`[start] seeded demo fleet: ${setup.demo.sites} sites, ${setup.demo.devices} devices`);
  if (env.SWITCHYARD_SIMULATOR) {
    const backfill = await backfillIfEmpty();
    if (backfill)
      console.log(
        `[start] backfilled ${backfill.samples.toLocaleString()} simulated samples (${backfill.days} days) in ${backfill.seconds.toFixed(1)} s`,
      );
  }
  // Simulated market history for features still on the built-in simulator (the default).
  const market = await backfillMarketIfEmpty();
  if (market)
    console.log(
      `[start] backfilled ${market.days} days of simulated market history (${market.networkPoints} network points)`,
    );
  await disconnectDb();
  await closeRawConnections();
  buildIfNeeded();

  const url = `http://${env.HOSTNAME === '0.0.0.0' ? 'localhost' : env.HOSTNAME}:${env.PORT}`;
  console.log(`[start] Switchyard ${url}`);
  if (setup.admin?.password) {
    console.log(`[start] first start: sign in as ${setup.admin.email} with password ${setup.admin.password}`);
    console.log('[start] (shown once; create more users with `npm run cli -- users:create`)');
  }
  const server = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(env.PORT), '-H', env.HOSTNAME], {
    stdio: 'inherit',
    env: process.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((error: Error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
