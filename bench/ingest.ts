// npm run bench:ingest [-- --devices 10000 --batch 1000 --concurrency 4 --duration 20 --only sqlite|pg
//                         --prefill-rounds 0 --profile --skip-peer]
// Telemetry ingest through the production HTTP API on SQLite and PostgreSQL, next to the raw
// driver ceiling and the in-process store path measured in the same run on the same rows
// (DESIGN.md §8). Not a pass/fail test: it prints figures and saves them to bench/results/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale } from '../scripts/build-if-stale';
import { startServer } from '../tests/helpers/server';
import {
  createBenchFleet,
  createBenchToken,
  createPgDb,
  createSqliteDb,
  openBenchDb,
  removeSqliteDb,
} from './harness/bench-db';
import { largestProfile, printProfile, summariseProfile } from './harness/cpu-profile';
import { onInterrupt } from './harness/interrupt';
import { percentile, postJson, runLoad } from './harness/load';
import { type PgCluster, startPgCluster } from './harness/pg-cluster';
import { findPrometheus, prometheusPeer } from './harness/prometheus-peer';
import { type Budget, pgRawCeiling, prefillSamples, sqliteRawCeiling } from './harness/raw-ceiling';
import { type Figures, machineInfo, printFigures, processCpuMs, round, saveResults } from './harness/report';
import { createSampleFactory, type FleetDevice, offsetFactory } from './harness/samples';
import { storePathRate } from './harness/store-path';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    'prefill-rounds': { type: 'string', default: '0' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    /** Skip the Prometheus peer measurement (run when the prometheus binary is on PATH). */
    'skip-peer': { type: 'boolean', default: false },
  },
});
const config = {
  devices: Number(args.devices),
  batchSize: Number(args.batch),
  concurrency: Number(args.concurrency),
  durationMs: Number(args.duration) * 1000,
  warmupMs: Number(args.warmup) * 1000,
  /** Samples per device already in the table before measuring (0 = empty table). */
  prefillRounds: Number(args['prefill-rounds']),
};
const TARGETS = { sqlite: 100_000, pg: 50_000 } as const;
const root = process.cwd();
const startTs = Date.now() - 46 * 3_600_000;

async function measure(provider: 'sqlite' | 'pg', cluster?: PgCluster) {
  console.log(`\n── ${provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ──`);
  const sqliteDirs: string[] = [];
  let devices: FleetDevice[] = [];
  // Samples start 46 h back: inside the accepted window (raw retention 48 h less a 1 h margin).
  const prefillBatches = Math.ceil((config.prefillRounds * config.devices) / config.batchSize);
  const factory = () =>
    offsetFactory(createSampleFactory({ devices, batchSize: config.batchSize, startTs }), prefillBatches);
  const newDb = async (name: string) => {
    if (provider === 'pg') return createPgDb(cluster!.url, name);
    const created = await createSqliteDb(name);
    sqliteDirs.push(created.dir);
    return created.url;
  };
  const prefill = async (url: string) => {
    if (prefillBatches === 0) return;
    const t0 = performance.now();
    await prefillSamples(
      url,
      createSampleFactory({ devices, batchSize: config.batchSize, startTs }),
      prefillBatches,
    );
    console.log(
      `  prefilled ${prefillBatches * config.batchSize} samples in ${Math.round(performance.now() - t0)} ms`,
    );
  };
  try {
    const setupUrl = await newDb('bench_http');
    const db = openBenchDb(setupUrl);
    const fleet = await createBenchFleet(db, config.devices);
    const token = await createBenchToken(db, 'operator', 'bench-agent');
    await db.close();
    devices = fleet.devices;
    await prefill(setupUrl);
    console.log(
      `  fleet: ${config.devices} devices in ${fleet.siteIds.length} sites (direct SQL); ${config.prefillRounds} samples per device already stored`,
    );

    const profileDir = path.join(root, 'bench', 'results', `profile-${provider}-${Date.now()}`);
    if (args.profile) mkdirSync(profileDir, { recursive: true });
    const server = await startServer({
      databaseUrl: setupUrl,
      // Measures capacity, not the per-token limiter (default 6,000 req/min = 100 batches/s).
      env: { INGEST_RATE_LIMIT_PER_MIN: '100000000' },
      nodeArgs: args.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    });
    const http = factory();
    const endpoint = `${server.url}/api/v1/telemetry`;
    const firstErrors: string[] = [];
    let rejected = 0;
    let serverCpuStart = Number.NaN;
    const cpuTimer = setTimeout(() => {
      serverCpuStart = processCpuMs(server.pid);
    }, config.warmupMs);
    console.log(
      `  HTTP: POST /api/v1/telemetry, ${config.batchSize} samples per batch, ${config.concurrency} keep-alive connections, ${config.warmupMs / 1000} s warm-up + ${config.durationMs / 1000} s measured`,
    );
    const load = await runLoad({
      concurrency: config.concurrency,
      warmupMs: config.warmupMs,
      durationMs: config.durationMs,
      send: async (k, agent) => {
        const res = await postJson(endpoint, token, http.bodyBytes(k), agent);
        if ((res.status < 200 || res.status >= 300) && firstErrors.length < 5)
          firstErrors.push(`${res.status} ${res.text.slice(0, 200)}`);
        return res;
      },
      itemsOf: (res) => {
        const body = JSON.parse(res.text) as { accepted: number; rejected: unknown[] };
        rejected += body.rejected.length;
        return body.accepted;
      },
    });
    clearTimeout(cpuTimer);
    const serverCpuMs = processCpuMs(server.pid) - serverCpuStart;
    await server.stop();
    const check = openBenchDb(setupUrl);
    const stored =
      Number((await check.query<{ n: number }>('SELECT COUNT(*) AS n FROM telemetry_sample'))[0]?.n) -
      prefillBatches * config.batchSize;
    await check.close();
    const samplesPerS = (load.items / load.elapsedMs) * 1000;
    const errors = Object.keys(load.errors).length ? JSON.stringify(load.errors) : 'no errors';
    console.log(
      `  HTTP: ${load.ok} batches ok, ${errors}, ${rejected} samples rejected; stored ${stored}, acknowledged ${load.totalItems}${stored === load.totalItems ? '' : ' (MISMATCH)'}`,
    );
    for (const e of firstErrors) console.log(`    error: ${e}`);
    console.log(
      `  CPU during the window: server ${round(serverCpuMs / config.durationMs)} cores, load generator ${round(load.clientCpuMs / config.durationMs)} cores`,
    );
    if (args.profile) {
      const file = largestProfile(profileDir);
      if (file) printProfile(summariseProfile(file));
    }

    // Same rows, same schema, fresh database each: the layers below HTTP, timed alone.
    const budget: Budget = { rows: Math.max(load.totalItems, config.batchSize * 10), maxMs: 60_000 };
    const rawLabel =
      provider === 'sqlite'
        ? 'better-sqlite3 prepared single-row INSERT, one transaction per batch, WAL + synchronous=FULL'
        : `the UNNEST INSERT of lib/telemetry/store.ts, one transaction per batch, ${config.concurrency} connections`;
    console.log(`  raw ceiling: ${rawLabel}; ${budget.rows} rows`);
    const rawUrl = await newDb('bench_raw');
    await prefill(rawUrl);
    const raw =
      provider === 'sqlite'
        ? sqliteRawCeiling(rawUrl.slice('file:'.length), factory(), budget)
        : await pgRawCeiling(rawUrl, factory(), budget, config.concurrency);
    console.log(
      `  store path: lib/telemetry/store.ts storeSamples in this process (no HTTP, JSON, auth, validation); ${budget.rows} rows`,
    );
    const storeUrl = await newDb('bench_store');
    await prefill(storeUrl);
    const store = await storePathRate(
      storeUrl,
      factory(),
      budget,
      provider === 'sqlite' ? 1 : config.concurrency,
    );

    const k = (kind: string, suffix: string) => `ingest_${kind}_${provider}_${suffix}`;
    const figures: Figures = {
      [k('http', 'samples_per_s')]: samplesPerS,
      [k('http', 'p50_ms')]: percentile(load.latenciesMs, 50),
      [k('http', 'p99_ms')]: percentile(load.latenciesMs, 99),
      [k('http', 'errors')]: load.requests - load.ok,
      [k('http', 'server_cpu_cores')]: serverCpuMs / config.durationMs,
      // Samples per CPU-second of the server process: steadier than samples/s on a busy machine.
      [k('http', 'samples_per_server_cpu_s')]: (load.items / serverCpuMs) * 1000,
      // The unit Prometheus is compared in: stored metric values (not samples) per CPU-second.
      [k('http', 'metric_values_per_server_cpu_s')]:
        ((load.items * http.metricValuesPerSample) / serverCpuMs) * 1000,
      [k('store', 'rows_per_s')]: store.rowsPerS,
      [k('raw', 'rows_per_s')]: raw.rowsPerS,
      [k('http', 'vs_raw_ratio')]: samplesPerS / raw.rowsPerS,
    };
    const target = TARGETS[provider];
    console.log(
      `  target ≥ ${target.toLocaleString('en')} samples/s: ${samplesPerS >= target ? 'met' : 'MISSED'} (${Math.round(samplesPerS).toLocaleString('en')})`,
    );
    return {
      figures,
      detail: { load: { ...load, latenciesMs: undefined }, raw, store, stored, rejected, firstErrors },
    };
  } finally {
    for (const dir of sqliteDirs) removeSqliteDb(dir);
  }
}

async function main() {
  const machine = machineInfo();
  console.log('Switchyard ingest benchmark');
  console.log(
    `  machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, load average ${machine.loadAverage1m}`,
  );
  console.log(
    `  ${config.devices} devices, batches of ${config.batchSize} (one sample per device, 30 s apart per device), ${config.concurrency} connections; load generator and server share the machine`,
  );
  buildIfStale(root);
  const figures: Figures = {};
  const details: Record<string, unknown> = {};
  if (args.only !== 'pg') {
    const result = await measure('sqlite');
    Object.assign(figures, result.figures);
    details.sqlite = result.detail;
  }
  if (args.only !== 'sqlite') {
    const cluster = await startPgCluster('bench-ingest', root);
    if (!cluster)
      console.log(
        '\n── PostgreSQL ── skipped: PostgreSQL server binaries not found (apt-get install postgresql)',
      );
    else {
      // Ctrl-C must not leave a detached postmaster behind.
      const forget = onInterrupt(() => cluster.destroy());
      try {
        const result = await measure('pg', cluster);
        Object.assign(figures, result.figures);
        details.pg = result.detail;
      } finally {
        forget();
        await cluster.destroy();
      }
    }
  }
  const prometheus = args['skip-peer'] ? undefined : findPrometheus();
  if (prometheus) {
    console.log(
      `\n── Peer: Prometheus scraping ${config.devices} devices × 12 gauges every second (loopback exporters) ──`,
    );
    const peer = await prometheusPeer(prometheus, {
      devices: config.devices,
      warmupMs: config.warmupMs + 2_000,
      durationMs: config.durationMs,
    });
    console.log(
      `  ${peer.version}: ${Math.round(peer.valuesPerS).toLocaleString('en')} values/s appended to ${peer.series.toLocaleString('en')} series, ${round(peer.cpuCores)} cores`,
    );
    figures.ingest_peer_prometheus_values_per_cpu_s = peer.valuesPerCpuS;
    const ours = figures.ingest_http_sqlite_metric_values_per_server_cpu_s;
    if (typeof ours === 'number')
      figures.ingest_http_sqlite_vs_prometheus_per_cpu = ours / peer.valuesPerCpuS;
    details.peer = peer;
  } else if (!args['skip-peer']) {
    console.log('\n── Peer: Prometheus ── skipped: prometheus not found (apt-get install prometheus)');
  }
  const file = saveResults(
    'ingest',
    { at: new Date().toISOString(), machine, config, figures, details },
    root,
  );
  console.log(`\nresults: ${path.relative(root, file)}`);
  printFigures(figures);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
