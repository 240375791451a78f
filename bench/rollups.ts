// npm run bench:rollups [-- --devices 10000 --minutes 30]
// The rollup job (lib/telemetry/rollups.ts runRollups, as lib/jobs/background.ts runs it) on
// SQLite after `minutes` of 30-second telemetry from `devices` machines arrived (an agent catching
// up, or a fleet after a restart): how long it takes and how long it holds the event loop. On
// SQLite the statements run on the writer thread, so the loop stays free for HTTP meanwhile.
// Not a pass/fail test: it prints figures and saves them to bench/results/.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createBenchFleet, createSqliteDb, openBenchDb, removeSqliteDb } from './harness/bench-db';
import { prefillSamples } from './harness/raw-ceiling';
import { type Figures, machineInfo, printFigures, round, saveResults } from './harness/report';
import { createSampleFactory } from './harness/samples';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    minutes: { type: 'string', default: '30' },
  },
});
const devices = Number(args.devices);
const minutes = Number(args.minutes);
const BATCH = 1000;

async function main() {
  const info = machineInfo();
  console.log(
    `bench:rollups — ${devices} devices, ${minutes} min of 30 s samples, SQLite; ${info.cores} cores, load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  const created = await createSqliteDb('rollups');
  try {
    const db = openBenchDb(created.url);
    const fleet = await createBenchFleet(db, devices);
    // Whole minutes, ending two minutes ago: every bucket is closed when the job runs.
    const now = Date.now();
    const startTs = Math.floor((now - (minutes + 2) * 60_000) / 60_000) * 60_000;
    const rounds = minutes * 2;
    const batches = Math.ceil((rounds * devices) / BATCH);
    const t0 = performance.now();
    await prefillSamples(
      created.url,
      createSampleFactory({ devices: fleet.devices, batchSize: BATCH, startTs }),
      batches,
    );
    // The marks ingest would have left: every 1-minute and 5-minute bucket the samples touch.
    const marks: unknown[][] = [];
    for (let m = startTs; m < startTs + minutes * 60_000 + 60_000; m += 60_000) {
      marks.push(['1m', m]);
      if (m % 300_000 === 0 || m === startTs) marks.push(['5m', m - (m % 300_000)]);
    }
    await db.insertRows('rollup_dirty', ['tier', 'bucket'], marks);
    await db.close();
    const samples = batches * BATCH;
    console.log(
      `  ${samples} samples and ${marks.length} dirty buckets stored in ${Math.round(performance.now() - t0)} ms`,
    );

    process.env.DATABASE_URL = created.url;
    const { resetEnvCache } = await import('../lib/env');
    resetEnvCache();
    const { closeRawConnections } = await import('../lib/db/raw');
    const { runRollups } = await import('../lib/telemetry/rollups');
    try {
      // The longest gap between 10 ms timer turns: what a request arriving meanwhile waits.
      let lastTick = performance.now();
      let worstGapMs = 0;
      const ticker = setInterval(() => {
        const t = performance.now();
        worstGapMs = Math.max(worstGapMs, t - lastTick);
        lastTick = t;
      }, 10);
      const wall0 = performance.now();
      let jobRuns = 0;
      for (;;) {
        const run = await runRollups(Date.now());
        jobRuns++;
        if (run.remaining === 0) break;
      }
      const wallMs = performance.now() - wall0;
      // A loop blocked to the end has had no turn to record its last gap: give it one.
      await new Promise((r) => setTimeout(r, 30));
      clearInterval(ticker);
      console.log(
        `  rollups: ${jobRuns} job run(s) in ${round(wallMs)} ms; longest gap between 10 ms ticks ${round(worstGapMs)} ms`,
      );
      const figures: Figures = {
        rollups_sqlite_samples: samples,
        rollups_sqlite_wall_ms: wallMs,
        rollups_sqlite_samples_per_s: (samples / wallMs) * 1000,
        rollups_sqlite_longest_tick_gap_ms: worstGapMs,
        load_average_1m: os.loadavg()[0]!,
      };
      printFigures(figures);
      saveResults('rollups', { machine: info, devices, minutes, figures });
    } finally {
      await closeRawConnections();
    }
  } finally {
    removeSqliteDb(created.dir);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
