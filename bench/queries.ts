// npm run bench:queries [-- --devices 10000 --days 30 --days5m 5 --hours1m 24 --requests 200 --only sqlite|pg]
// Dashboard reads through the production HTTP API at fleet scale (DESIGN.md §8): fleet summary,
// device and site charts over a generated 30-day history. Prints latency percentiles per
// endpoint and saves them to bench/results/. Not a pass/fail test.
import { statSync } from 'node:fs';
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
import { onInterrupt } from './harness/interrupt';
import { createAgent, percentile, request } from './harness/load';
import { type PgCluster, startPgCluster } from './harness/pg-cluster';
import { createQueryFixture } from './harness/query-fixture';
import { type Figures, machineInfo, printFigures, saveResults } from './harness/report';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    days: { type: 'string', default: '30' },
    days5m: { type: 'string', default: '5' },
    hours1m: { type: 'string', default: '24' },
    requests: { type: 'string', default: '200' },
    only: { type: 'string' },
  },
});
const config = {
  devices: Number(args.devices),
  ranges: {
    days1h: Number(args.days),
    days5m: Number(args.days5m),
    hours1m: Number(args.hours1m),
    hoursRaw: 1,
  },
  requests: Number(args.requests),
};
const TARGETS_P95_MS: Record<string, number> = { fleet_summary: 50, device_30d: 100 };
const root = process.cwd();
const DAY = 86_400_000;

type Scenario = { key: string; what: string; path: (i: number) => string; maxPoints?: number };

async function measure(provider: 'sqlite' | 'pg', cluster?: PgCluster) {
  console.log(`\n── ${provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ──`);
  const sqlite = provider === 'sqlite' ? await createSqliteDb('bench_queries') : undefined;
  try {
    const url = sqlite?.url ?? (await createPgDb(cluster!.url, 'bench_queries'));
    const db = openBenchDb(url);
    const now = Date.now();
    const t0 = performance.now();
    const fleet = await createBenchFleet(db, config.devices);
    const token = await createBenchToken(db, 'viewer', 'bench-dashboard');
    const report = await createQueryFixture(db, now, config.ranges);
    await db.close();
    console.log(
      `  history generated in ${Math.round((performance.now() - t0) / 1000)} s (set-based INSERT … SELECT):`,
    );
    for (const r of report)
      console.log(
        `    ${r.table.padEnd(20)} ${r.rows.toLocaleString('en').padStart(12)} rows  ${(r.ms / 1000).toFixed(1)} s`,
      );
    if (sqlite)
      console.log(
        `    database file ${(statSync(sqlite.url.slice('file:'.length)).size / 2 ** 30).toFixed(2)} GB`,
      );

    const server = await startServer({ databaseUrl: url, env: { SWITCHYARD_JOBS: 'off' } });
    const agent = createAgent(1);
    const pick = (i: number) => fleet.devices[(i * 7919) % fleet.devices.length]!.id;
    const site = (i: number) => fleet.siteIds[i % fleet.siteIds.length]!;
    const range = (days: number) => `from=${now - days * DAY}&to=${now}`;
    const scenarios: Scenario[] = [
      { key: 'fleet_summary', what: 'GET /api/v1/fleet/summary', path: () => '/api/v1/fleet/summary' },
      {
        key: 'site_summary',
        what: 'GET /api/v1/fleet/summary?siteId',
        path: (i) => `/api/v1/fleet/summary?siteId=${site(i)}`,
      },
      {
        key: 'device_30d',
        what: 'GET /api/v1/devices/{id}/metrics, 30 days (1h tier)',
        path: (i) => `/api/v1/devices/${pick(i)}/metrics?${range(30)}`,
        maxPoints: 1500,
      },
      {
        key: 'device_5d',
        what: 'GET /api/v1/devices/{id}/metrics, 5 days (5m tier)',
        path: (i) => `/api/v1/devices/${pick(i)}/metrics?${range(5)}`,
        maxPoints: 1500,
      },
      {
        key: 'device_24h',
        what: 'GET /api/v1/devices/{id}/metrics, 24 h (1m tier)',
        path: (i) => `/api/v1/devices/${pick(i)}/metrics?${range(1)}`,
        maxPoints: 1500,
      },
      {
        key: 'site_24h',
        what: 'GET /api/v1/sites/{id}/metrics?range=24h',
        path: (i) => `/api/v1/sites/${site(i)}/metrics?range=24h`,
        maxPoints: 1500,
      },
      {
        key: 'site_7d',
        what: 'GET /api/v1/sites/{id}/metrics?range=7d',
        path: (i) => `/api/v1/sites/${site(i)}/metrics?range=7d`,
        maxPoints: 1500,
      },
      {
        key: 'site_30d',
        what: 'GET /api/v1/sites/{id}/metrics?range=30d',
        path: (i) => `/api/v1/sites/${site(i)}/metrics?range=30d`,
        maxPoints: 1500,
      },
      {
        key: 'fleet_30d',
        what: 'GET /api/v1/fleet/metrics?range=30d',
        path: () => '/api/v1/fleet/metrics?range=30d',
        maxPoints: 1500,
      },
    ];
    const figures: Figures = {};
    const detail: Record<string, unknown> = { report };
    console.log(
      `  ${config.requests} sequential requests per endpoint (10 warm-up), one keep-alive connection, viewer token`,
    );
    try {
      for (const s of scenarios) {
        const latencies: number[] = [];
        let points = 0;
        let filled = 0;
        for (let i = -10; i < config.requests; i++) {
          const t = performance.now();
          const res = await request(`${server.url}${s.path(i + 10)}`, {
            agent,
            headers: { authorization: `Bearer ${token}` },
          });
          const ms = performance.now() - t;
          if (res.status !== 200) throw new Error(`${s.what}: ${res.status} ${res.text.slice(0, 300)}`);
          if (i < 0) continue;
          latencies.push(ms);
          const body = JSON.parse(res.text) as { points?: Record<string, unknown>[] };
          if (body.points) {
            points = Math.max(points, body.points.length);
            filled = body.points.filter((p) => p.powerW != null).length;
          }
        }
        const p50 = percentile(latencies, 50);
        const p95 = percentile(latencies, 95);
        const target = TARGETS_P95_MS[s.key];
        const shape = s.maxPoints
          ? `; ${points} points (${filled} with data)${points > s.maxPoints ? ' OVER THE 1,500-POINT CAP' : ''}`
          : '';
        console.log(
          `    ${s.what.padEnd(56)} p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms${target ? ` (target p95 ≤ ${target} ms: ${p95 <= target ? 'met' : 'MISSED'})` : ''}${shape}`,
        );
        figures[`queries_${provider}_${s.key}_p50_ms`] = p50;
        figures[`queries_${provider}_${s.key}_p95_ms`] = p95;
        detail[s.key] = { p50, p95, max: Math.max(...latencies), points, filled };
      }
    } finally {
      agent.destroy();
      await server.stop();
    }
    return { figures, detail };
  } finally {
    if (sqlite) removeSqliteDb(sqlite.dir);
  }
}

async function main() {
  const machine = machineInfo();
  console.log('Switchyard dashboard query benchmark');
  console.log(
    `  machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, load average ${machine.loadAverage1m}`,
  );
  console.log(
    `  ${config.devices} devices, 20 sites; hourly rollups ${config.ranges.days1h} d, 5-minute ${config.ranges.days5m} d, 1-minute ${config.ranges.hours1m} h, raw ${config.ranges.hoursRaw} h, site rollups for every tier, latest state per device`,
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
    const cluster = await startPgCluster('bench-queries', root);
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
  const file = saveResults(
    'queries',
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
