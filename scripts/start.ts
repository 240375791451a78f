// `npm start`: the embedded default in one command. Validates the environment, migrates the
// database, seeds the demo fleet on an empty database, builds the app when sources changed since
// the last build, serves it with `next start`, and fills the demo's simulated history beside the
// running server (newest first; the app shows "history: n of 7 days" until it is done). Every
// long step prints a progress line with the time left.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { bootstrap } from '../lib/db/bootstrap';
import { disconnectDb } from '../lib/db/client';
import { migrateDatabase } from '../lib/db/migrate';
import { closeRawConnections } from '../lib/db/raw';
import { getEnv } from '../lib/env';
import { sealPlaintextMarketSecrets } from '../lib/market/settings/market-settings';
import { fillHistory, planHistoryIfEmpty, readHistoryState, withHistoryLock } from '../lib/sim/backfill';
import type { HistoryState } from '../lib/sim/history-plan';
import { backfillMarketIfEmpty } from '../lib/sim/market/backfill';
import { buildWithProgress } from './build-if-stale';
import { formatCount, ProgressLine } from './progress';

// A self-hosted, offline tool: no usage telemetry from Next.js (also set in next.config.js).
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const require = createRequire(import.meta.url);
const NEXT_BIN = require.resolve('next/dist/bin/next');
/** Another instance fills the history (PostgreSQL): look again this often in case it stopped. */
const PEER_POLL_MS = 15_000;

const progress = new ProgressLine();
const log = (line: string) => progress.log(line);

async function migrate() {
  const started = Date.now();
  log('[db] applying migrations…');
  const applied = await migrateDatabase((name, index, total) =>
    log(`[db] applied migration ${index} of ${total}: ${name}`),
  );
  log(
    applied.length
      ? `[db] ${applied.length} migration(s) applied in ${((Date.now() - started) / 1000).toFixed(1)} s`
      : '[db] schema up to date',
  );
  const sealed = await sealPlaintextMarketSecrets();
  if (sealed) log(`[db] sealed ${sealed} provider secret(s) stored in plain text by an older version`);
}

async function seed() {
  let started = false;
  const setup = await bootstrap((written, total) => {
    if (!started) progress.start('seed', total, 'devices', 'demo fleet');
    started = true;
    progress.update(written);
  });
  if (setup.demo)
    progress.finish(`[seed] demo fleet: ${setup.demo.sites} sites, ${setup.demo.devices} devices`);
  return setup;
}

async function backfillMarket() {
  const market = await backfillMarketIfEmpty(Date.now(), 30, (done, total, part) => {
    if (done === 0) progress.start('market', total, '', 'simulated market history');
    progress.update(done, part);
  });
  if (market)
    progress.finish(
      `[market] ${market.days} days of simulated market history: ${market.networkPoints} network, ` +
        `${market.gpuPoints} GPU-rate and ${market.energyPoints} electricity points`,
    );
}

/** Fills the remaining history while the server runs; with PostgreSQL only the lock holder does. */
async function fillInBackground(plan: HistoryState) {
  const started = performance.now();
  const before = plan.samples;
  let shown = false;
  // Counts exclude what an earlier run or the first step wrote, so the rate is this run's.
  const show = (state: HistoryState, totalSamples: number) => {
    if (!shown) progress.start('history', totalSamples - before, 'samples');
    shown = true;
    const daysFilled = Math.floor((state.untilMs - state.filledFromMs) / 86_400_000);
    const at = new Date(state.filledFromMs).toISOString().slice(0, 16).replace('T', ' ');
    progress.update(
      state.samples - before,
      `day ${Math.min(state.days, daysFilled + 1)} of ${state.days} (${at} UTC)`,
    );
  };
  log(`[history] filling ${plan.days} days of simulated history beside the server, newest first`);
  for (;;) {
    const done = await withHistoryLock(async () => {
      const current = (await readHistoryState()) ?? plan;
      return current.finishedAtMs === null ? fillHistory(current, { onProgress: show }) : current;
    });
    if (done) {
      const seconds = (performance.now() - started) / 1000;
      const written = done.samples - before;
      progress.finish(
        `[history] ${done.days} days of simulated history: ${done.samples.toLocaleString('en-US')} samples; ` +
          `${written.toLocaleString('en-US')} written in ${seconds.toFixed(1)} s (${formatCount(written / seconds)} samples/s)`,
      );
      return;
    }
    const current = await readHistoryState();
    if (!current || current.finishedAtMs !== null) {
      log('[history] filled by another instance');
      return;
    }
    log('[history] another instance is filling the history; looking again in 15 s');
    await new Promise((resolve) => setTimeout(resolve, PEER_POLL_MS));
  }
}

/**
 * Idle keep-alive connections stay open this long (Node's default is 5 s). Longer than the idle
 * timeout of the clients and proxies in front (nginx and most load balancers: 60 s), so the client
 * side always closes first: a server that closes an idle socket while a request is on its way to it
 * makes that request fail with ECONNRESET.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** `next start` with its output printed above the progress line. */
function serve(port: number, hostname: string): ChildProcess {
  const args = [
    'start',
    '-p',
    String(port),
    '-H',
    hostname,
    '--keepAliveTimeout',
    String(KEEP_ALIVE_TIMEOUT_MS),
  ];
  const server = spawn(process.execPath, [NEXT_BIN, ...args], {
    stdio: ['inherit', 'pipe', 'pipe'],
    env: process.env,
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split(/\r?\n/)) if (line.trim()) log(line);
  };
  server.stdout?.on('data', forward);
  server.stderr?.on('data', forward);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
  return server;
}

async function main() {
  const env = getEnv();
  const where = env.db.provider === 'sqlite' ? env.db.filePath : 'PostgreSQL';
  log(`[start] database: ${env.db.provider} (${where})`);
  await migrate();
  const setup = await seed();
  // Planned before the server starts: the live simulator begins where the planned history ends.
  const plan = env.SWITCHYARD_SIMULATOR ? await planHistoryIfEmpty(Date.now()) : null;
  if (plan) {
    // The newest hour first, so the fleet has a latest state (and statuses) the moment it serves.
    await withHistoryLock(() => fillHistory(plan, { maxSteps: 1 }));
  }
  await backfillMarket();
  await buildWithProgress(process.cwd(), progress);

  const url = `http://${env.HOSTNAME === '0.0.0.0' ? 'localhost' : env.HOSTNAME}:${env.PORT}`;
  log(`[start] Switchyard ${url}`);
  if (setup.admin?.password) {
    log(`[start] first start: sign in as ${setup.admin.email} with password ${setup.admin.password}`);
    log('[start] (shown once; create more users with `npm run cli -- users:create`)');
  }
  serve(env.PORT, env.HOSTNAME);
  if (plan) await fillInBackground(plan);
  await disconnectDb();
  await closeRawConnections();
}

main().catch((error: Error) => {
  progress.finish(`[start] ${error.message}`);
  process.exit(1);
});
