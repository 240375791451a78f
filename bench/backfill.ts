// npm run bench:backfill [-- --days 7 --only sqlite|pg]
// The first-start history fill (lib/sim/backfill.ts) on a fresh database seeded with the demo
// fleet, in-process, as `npm start` runs it: samples, rollup tiers, latest state and retention.
// Not a pass/fail test: it prints figures and saves them to bench/results/.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createPgDb, createSqliteDb, removeSqliteDb } from './harness/bench-db';
import { onInterrupt } from './harness/interrupt';
import { type PgCluster, startPgCluster } from './harness/pg-cluster';
import { type Figures, machineInfo, printFigures, round, saveResults } from './harness/report';

const { values: args } = parseArgs({
  options: {
    days: { type: 'string', default: '7' },
    only: { type: 'string' },
  },
});
const days = Number(args.days);

const cpuSeconds = () => {
  // Process-wide (every thread, the SQLite writer thread included).
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

async function measure(provider: 'sqlite' | 'pg', url: string): Promise<Figures> {
  process.env.DATABASE_URL = url;
  const { resetEnvCache } = await import('../lib/env');
  resetEnvCache();
  const { getDb, disconnectDb } = await import('../lib/db/client');
  const { closeRawConnections, queryOne, sql } = await import('../lib/db/raw');
  const { getEnv } = await import('../lib/env');
  const { seedDeviceModels, seedDemoFleet } = await import('../lib/sim/seed-demo');
  const { backfill } = await import('../lib/sim/backfill');
  try {
    await seedDeviceModels(getDb());
    await seedDemoFleet(getDb(), getEnv().SWITCHYARD_SIM_SEED);
    const devices = await queryOne<{ n: number }>(sql`SELECT COUNT(*) AS n FROM device`);
    console.log(`  demo fleet: ${Number(devices?.n)} devices; filling ${days} day(s) of history…`);
    const cpu0 = cpuSeconds();
    const wall0 = performance.now();
    const result = await backfill(Date.now(), days);
    const wallS = (performance.now() - wall0) / 1000;
    const cpuS = cpuSeconds() - cpu0;
    console.log(`  ${result.samples} samples in ${round(wallS)} s wall, ${round(cpuS)} s CPU`);
    const p = provider;
    return {
      [`backfill_${p}_samples`]: result.samples,
      [`backfill_${p}_wall_s`]: wallS,
      [`backfill_${p}_samples_per_s`]: result.samples / wallS,
      [`backfill_${p}_cpu_s_per_million_samples`]: (cpuS / result.samples) * 1e6,
    };
  } finally {
    await disconnectDb();
    await closeRawConnections();
  }
}

async function main() {
  const info = machineInfo();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `bench:backfill — ${days} day(s) of demo history, in-process; ${info.cores} cores, load ${load}`,
  );
  const figures: Figures = {};
  if (args.only !== 'pg') {
    console.log('\n── SQLite ──');
    const created = await createSqliteDb('backfill');
    try {
      Object.assign(figures, await measure('sqlite', created.url));
    } finally {
      removeSqliteDb(created.dir);
    }
  }
  if (args.only !== 'sqlite') {
    console.log('\n── PostgreSQL ──');
    let cluster: PgCluster | undefined;
    try {
      cluster = await startPgCluster('backfill');
      if (!cluster) console.log('  skipped: PostgreSQL server binaries not found');
      else {
        onInterrupt(async () => cluster?.destroy());
        process.env.SWITCHYARD_SECRET ??= 'bench-only-server-secret-0123456789abcdef';
        Object.assign(figures, await measure('pg', await createPgDb(cluster.url, 'bench_backfill')));
      }
    } finally {
      await cluster?.destroy();
    }
  }
  figures.load_average_1m = os.loadavg()[0]!;
  printFigures(figures);
  saveResults('backfill', { machine: info, days, figures });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
