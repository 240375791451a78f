// Fills a benchmark database with simulated history through the production storage path:
// lib/sim's telemetry model (realistic values, statuses, pool URLs, faults), storeSamples in
// batches of 1,000, and the rollup job run once per simulated minute, as the background job
// does in a live server. Device-first rollup tables fill page by page the way they do in
// production only when buckets arrive in time order, so the order matters for the figures.
import { closeRawConnections } from '../../lib/db/raw';
import { resetEnvCache } from '../../lib/env';
import { loadSimFleet, modeAt } from '../../lib/sim/fleet-source';
import { simulateSample } from '../../lib/sim/telemetry-model';
import { refreshLatest } from '../../lib/telemetry/latest';
import type { TelemetrySample } from '../../lib/telemetry/metrics';
import { drainRollups, runRollups } from '../../lib/telemetry/rollups';
import { storeSamples } from '../../lib/telemetry/store';

const MINUTE = 60_000;

export type FillOptions = { url: string; from: number; to: number; intervalMs: number; seed?: number };
export type FillResult = { samples: number; storeMs: number; rollupMs: number; elapsedMs: number };

/** Simulated samples every `intervalMs` per device over [from, to), stored and rolled up. */
export async function fillHistory(options: FillOptions, log: (line: string) => void): Promise<FillResult> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = options.url;
  resetEnvCache();
  const seed = options.seed ?? 42;
  const started = performance.now();
  let storeMs = 0;
  let rollupMs = 0;
  let samples = 0;
  try {
    const fleet = await loadSimFleet(seed, options.to);
    let pending: TelemetrySample[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const t0 = performance.now();
      samples += (await storeSamples(pending)).accepted;
      storeMs += performance.now() - t0;
      pending = [];
    };
    let lastLog = performance.now();
    for (let round = options.from; round < options.to; round += options.intervalMs) {
      for (const { device, siteId } of fleet.devices) {
        const site = fleet.sites.get(siteId);
        if (!site) continue;
        // Agents do not poll in lock-step: a fixed phase per device inside the interval.
        const ts = round + ((device.id * 7919) % options.intervalMs);
        const sample = simulateSample({
          device: modeAt(device, seed, ts),
          site,
          ts,
          seed,
          intervalMs: options.intervalMs,
        });
        if (sample) pending.push(sample);
        if (pending.length >= 1000) await flush();
      }
      if (round % MINUTE === 0) {
        await flush();
        const t0 = performance.now();
        await runRollups(round);
        rollupMs += performance.now() - t0;
      }
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        const done = (round - options.from) / (options.to - options.from);
        log(`  … ${Math.round(done * 100)} % (${samples.toLocaleString('en')} samples)`);
      }
    }
    await flush();
    const t0 = performance.now();
    await drainRollups(options.to + 2 * 3_600_000);
    await refreshLatest(options.to);
    rollupMs += performance.now() - t0;
    return { samples, storeMs, rollupMs, elapsedMs: performance.now() - started };
  } finally {
    await closeRawConnections();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
    resetEnvCache();
  }
}
