// npm run bench:storage [-- --devices 200 --days 3 --interval 30 --only sqlite|pg]
// Telemetry footprint per tier: fills a fresh database with simulated history through the
// production storage path (bench/harness/storage-fill.ts), measures each table with the
// database's own page accounting (bench/harness/storage-size.ts), and projects a 10,000-device
// fleet after 90 days at the default retention. Not a pass/fail test: it prints figures.
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createBenchFleet,
  createPgDb,
  createSqliteDb,
  openBenchDb,
  removeSqliteDb,
} from './harness/bench-db';
import { onInterrupt } from './harness/interrupt';
import { type PgCluster, startPgCluster } from './harness/pg-cluster';
import { type Figures, machineInfo, printFigures, round, saveResults } from './harness/report';
import { fillHistory } from './harness/storage-fill';
import { coveredDays, tableSizes } from './harness/storage-size';
import { projectionTiers } from './harness/storage-tiers';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '200' },
    days: { type: 'string', default: '3' },
    interval: { type: 'string', default: '30' },
    only: { type: 'string' },
  },
});
const config = {
  devices: Number(args.devices),
  days: Number(args.days),
  intervalMs: Number(args.interval) * 1000,
  sites: 20,
};
const PROJECTED_DEVICES = 10_000;
const HORIZON_DAYS = 90;
const DAY = 86_400_000;
const root = process.cwd();

async function measure(provider: 'sqlite' | 'pg', cluster?: PgCluster): Promise<Figures> {
  console.log(`\n── ${provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ──`);
  const sqlite = provider === 'sqlite' ? await createSqliteDb('bench_storage') : undefined;
  try {
    const url = sqlite ? sqlite.url : await createPgDb(cluster!.url, 'bench_storage');
    const db = openBenchDb(url);
    await createBenchFleet(db, config.devices, config.sites);
    await db.close();
    const to = Date.now() - (Date.now() % 60_000);
    const filled = await fillHistory(
      { url, from: to - config.days * DAY, to, intervalMs: config.intervalMs },
      console.log,
    );
    console.log(
      `  filled ${filled.samples.toLocaleString('en')} samples in ${Math.round(filled.elapsedMs / 1000)} s (storeSamples ${Math.round(filled.storeMs / 1000)} s, rollups ${Math.round(filled.rollupMs / 1000)} s)`,
    );
    const check = openBenchDb(url);
    try {
      if (provider === 'sqlite') {
        const [page] = await check.query<{ page_size: number }>('PRAGMA page_size');
        await check.exec('PRAGMA wal_checkpoint(TRUNCATE)');
        console.log(`  SQLite page size ${page?.page_size} B`);
      } else await check.exec('VACUUM');
      const tiers = projectionTiers(config.intervalMs);
      const sizes = await tableSizes(check, [...new Set(tiers.map((t) => t.table))]);
      const figures: Figures = {};
      let projected = 0;
      let perDeviceDay = 0;
      console.log('  tier          rows        MB    B/row  B/device-day  retention d  10k×90 d GB');
      for (const tier of tiers) {
        const size = sizes.get(tier.table)!;
        const where = tier.where ? `WHERE ${tier.where}` : '';
        const [part] = await check.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${tier.table} ${where}`);
        const rows = Number(part?.n ?? 0);
        // Tables that hold several tiers (site_rollup) are split by row share.
        const bytes = size.rows ? (size.bytes * rows) / size.rows : 0;
        const days = tier.column ? await coveredDays(check, tier.table, tier.column, tier.stepMs, where) : 1;
        const units = tier.per === 'device' ? config.devices : config.sites;
        const perUnitDay = days ? bytes / units / days : 0;
        const keptDays = tier.column ? Math.min(tier.retentionDays, HORIZON_DAYS) : 1;
        const scale = tier.per === 'device' ? PROJECTED_DEVICES : config.sites;
        const projectedBytes = perUnitDay * keptDays * scale;
        projected += projectedBytes;
        if (tier.per === 'device' && tier.column) perDeviceDay += perUnitDay;
        console.log(
          `  ${tier.key.padEnd(12)}${String(rows).padStart(9)}${(bytes / 2 ** 20).toFixed(1).padStart(10)}${String(Math.round(rows ? bytes / rows : 0)).padStart(9)}${String(Math.round(perUnitDay)).padStart(14)}${String(tier.column ? round(keptDays) : '-').padStart(13)}${(projectedBytes / 1e9).toFixed(2).padStart(13)}`,
        );
        const unit = tier.per === 'device' ? 'device' : 'site';
        figures[`storage_${provider}_${tier.key}_bytes_per_${unit}_${tier.column ? 'day' : 'entry'}`] =
          perUnitDay;
      }
      console.log(
        `  one device-day in every tier: ${Math.round(perDeviceDay)} B; ${PROJECTED_DEVICES} devices × ${HORIZON_DAYS} d at default retention: ${(projected / 1e9).toFixed(1)} GB (site tiers for ${config.sites} sites)`,
      );
      figures[`storage_${provider}_bytes_per_device_day`] = perDeviceDay;
      figures[`storage_${provider}_10k_90d_gb`] = projected / 1e9;
      return figures;
    } finally {
      await check.close();
    }
  } finally {
    if (sqlite) removeSqliteDb(sqlite.dir);
  }
}

async function main() {
  const machine = machineInfo();
  console.log('Switchyard telemetry storage benchmark');
  console.log(
    `  ${config.devices} devices (1 GPU node in 20) in ${config.sites} sites, ${config.days} days of simulated history, one sample per device every ${config.intervalMs / 1000} s; Node ${machine.node}`,
  );
  const figures: Figures = {};
  if (args.only !== 'pg') Object.assign(figures, await measure('sqlite'));
  if (args.only !== 'sqlite') {
    const cluster = await startPgCluster('bench-storage', root);
    if (!cluster) console.log('\n── PostgreSQL ── skipped: PostgreSQL server binaries not found');
    else {
      const forget = onInterrupt(() => cluster.destroy());
      try {
        Object.assign(figures, await measure('pg', cluster));
      } finally {
        forget();
        await cluster.destroy();
      }
    }
  }
  const file = saveResults('storage', { at: new Date().toISOString(), machine, config, figures }, root);
  console.log(`\nresults: ${path.relative(root, file)}`);
  // The two headline projections last, as the README and the issue quote them.
  const last = Object.keys(figures).filter((k) => k.endsWith('_10k_90d_gb'));
  const ordered: Figures = {};
  for (const [k, v] of Object.entries(figures)) if (!last.includes(k)) ordered[k] = v;
  for (const k of last) ordered[k] = figures[k]!;
  printFigures(ordered);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
