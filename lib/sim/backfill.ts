// First-start history for the embedded demo: generates past samples with the same model the live
// simulator uses and writes them through the same fast storage path the ingest API uses, then
// rolls them up and applies retention, so charts are full at once.
import { queryOne, sql } from '../db/raw';
import { getEnv } from '../env';
import { refreshLatest } from '../telemetry/latest';
import type { TelemetrySample } from '../telemetry/metrics';
import { applyRetention } from '../telemetry/retention';
import { drainRollups } from '../telemetry/rollups';
import { storeSamples } from '../telemetry/store';
import { loadSimFleet, modeAt } from './fleet-source';
import { simulateSample } from './telemetry-model';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CHUNK = 5_000;

export type BackfillResult = { samples: number; days: number; seconds: number };

/**
 * Last 24 h at one sample per minute (the 1-minute site charts and raw device charts read it),
 * the 6 days before at one per 5 minutes (they only feed the 5-minute and hourly rollups).
 */
export async function backfill(
  now: number,
  days = 7,
  log: (line: string) => void = () => {},
): Promise<BackfillResult> {
  const started = performance.now();
  const { SWITCHYARD_SIM_SEED: seed } = getEnv();
  const fleet = await loadSimFleet(seed, now);
  const end = now - (now % MINUTE) - MINUTE;
  const fineFrom = end - DAY;
  const from = end - days * DAY;
  const times: number[] = [];
  for (let t = from - (from % (5 * MINUTE)); t < fineFrom; t += 5 * MINUTE) times.push(t);
  for (let t = fineFrom; t <= end; t += MINUTE) times.push(t);

  let written = 0;
  let pending: TelemetrySample[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    written += (await storeSamples(pending)).accepted;
    pending = [];
  };
  for (const [i, ts] of times.entries()) {
    for (const { device, siteId } of fleet.devices) {
      const site = fleet.sites.get(siteId);
      if (!site) continue;
      // Spread devices over the minute like real agents, deterministically.
      const sample = simulateSample({
        device: modeAt(device, seed, ts),
        site,
        ts: ts + (device.id % 60) * 1000,
        seed,
        intervalMs: MINUTE,
      });
      if (sample) pending.push(sample);
      if (pending.length >= CHUNK) await flush();
    }
    if (i % 500 === 0) log(`[backfill] ${new Date(ts).toISOString()} – ${written.toLocaleString()} samples`);
  }
  await flush();
  await drainRollups(now);
  await refreshLatest(now);
  await applyRetention(now);
  return { samples: written, days, seconds: (performance.now() - started) / 1000 };
}

/** Backfills only a database that has devices but no telemetry yet (first start of the demo). */
export async function backfillIfEmpty(
  now = Date.now(),
  log?: (line: string) => void,
): Promise<BackfillResult | null> {
  const devices = await queryOne<{ n: number }>(sql`SELECT COUNT(*) AS n FROM device`);
  const latest = await queryOne<{ n: number }>(sql`SELECT COUNT(*) AS n FROM device_latest`);
  if (!Number(devices?.n) || Number(latest?.n)) return null;
  return backfill(now, 7, log);
}
