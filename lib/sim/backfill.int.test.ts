import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../../tests/helpers/test-db';
import type { Actor } from '../auth/actor';
import { getDb } from '../db/client';
import { execute, queryRows, sql } from '../db/raw';
import { getEnv } from '../env';
import { storeSamples } from '../telemetry/store';
import {
  fillHistory,
  getHistoryProgress,
  planHistoryIfEmpty,
  readHistoryState,
  withHistoryLock,
} from './backfill';
import { loadSimFleet, modeAt } from './fleet-source';
import { MINUTE_MS, sampleTs, slotsIn } from './history-plan';
import { LiveSimulator } from './live';
import { seedDemoFleet, seedDeviceModels } from './seed-demo';
import { simulateSample } from './telemetry-model';

const DEVICES = 40;
const viewer: Actor = { kind: 'user', id: 1, role: 'viewer', tenantId: null, name: 'v' };

describe.each(TEST_PROVIDERS)('first-start history on %s', (provider) => {
  let db: TestDb;
  const now = Date.now();
  beforeAll(async () => {
    db = await createTestDb(provider);
    await seedDeviceModels(getDb());
    await seedDemoFleet(getDb(), getEnv().SWITCHYARD_SIM_SEED);
    await execute(sql`DELETE FROM device WHERE id > ${DEVICES}`);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('resumes after a stop, beside live ingest, with no overlap, no duplicate and no gap', async () => {
    const plan = await planHistoryIfEmpty(now, 1);
    expect(plan).not.toBeNull();
    // A second instance starting at the same time gets the same plan, not a new one.
    expect(await planHistoryIfEmpty(now + 90_000, 1)).toEqual(plan);
    expect(await getHistoryProgress(viewer)).toMatchObject({ status: 'filling', days: 1, daysFilled: 0 });

    // The first run stops after three committed steps (a crash or Ctrl-C).
    const stopped = await fillHistory(plan!, { maxSteps: 3, now: () => now });
    expect(stopped.finishedAtMs).toBeNull();
    expect(await readHistoryState()).toEqual(stopped);

    // The restart resumes from the stored state while the live simulator ingests.
    const resumed = await planHistoryIfEmpty(now + 120_000, 1);
    expect(resumed).toEqual(stopped);
    const seed = getEnv().SWITCHYARD_SIM_SEED;
    const fleet = await loadSimFleet(seed, now);
    const live = new LiveSimulator({
      baseUrl: 'http://127.0.0.1:1',
      seed,
      intervalMs: 30_000,
      log: () => {},
    });
    const liveIngest = (async () => {
      for (let t = now + 2_000; t <= now + 5 * MINUTE_MS; t += 30_000) {
        const floorMs = t === now + 2_000 ? resumed!.untilMs : 0;
        await storeSamples(live.dueSamples(fleet, t, new Map(), floorMs));
      }
    })();
    const [done] = await Promise.all([
      fillHistory(resumed!, { now: () => now + 10 * MINUTE_MS }),
      liveIngest,
    ]);
    expect(done.finishedAtMs).not.toBeNull();
    expect(await getHistoryProgress(viewer)).toMatchObject({ status: 'done', daysFilled: 1 });

    // Every sample the model gives for the plan is there exactly once (oracle: the same model).
    let expected = 0;
    for (const slot of slotsIn(done, done.fromMs, done.untilMs)) {
      for (const { device, siteId } of fleet.devices) {
        const ts = sampleTs(slot, device.id);
        const site = fleet.sites.get(siteId)!;
        if (
          ts < done.untilMs &&
          simulateSample({ device: modeAt(device, seed, ts), site, ts, seed, intervalMs: MINUTE_MS })
        )
          expected++;
      }
    }
    const [counts] = await queryRows<{ history: number; live: number }>(sql`
      SELECT SUM(CASE WHEN ts < ${done.untilMs} THEN 1 ELSE 0 END) AS history,
             SUM(CASE WHEN ts > ${done.untilMs} THEN 1 ELSE 0 END) AS live
      FROM telemetry_sample`);
    expect(Number(counts!.history)).toBe(expected);
    expect(done.samples).toBe(expected);
    expect(Number(counts!.live)).toBeGreaterThan(DEVICES * 5);

    // No live sample inside the history span, and no device has two samples closer than the
    // live cadence (two streams overlapping) or a hole at the hand-over beyond one interval.
    const rows = await queryRows<{ device_id: number; ts: number }>(
      sql`SELECT device_id, ts FROM telemetry_sample WHERE ts > ${done.untilMs - 10 * MINUTE_MS} ORDER BY device_id, ts`,
    );
    const byDevice = new Map<number, number[]>();
    for (const r of rows)
      byDevice.set(Number(r.device_id), [...(byDevice.get(Number(r.device_id)) ?? []), Number(r.ts)]);
    let handOvers = 0;
    for (const times of byDevice.values()) {
      for (let i = 1; i < times.length; i++) {
        const gapMs = times[i]! - times[i - 1]!;
        if (times[i - 1]! < done.untilMs && times[i]! > done.untilMs) {
          // The two cadences meet here: one history slot (1 min) and one live slot (30 s) at most.
          handOvers++;
          expect(gapMs).toBeLessThanOrEqual(MINUTE_MS + 30_000);
        } else {
          expect(gapMs).toBeGreaterThanOrEqual(30_000);
        }
      }
    }
    expect(handOvers).toBeGreaterThan(DEVICES / 2);

    // Charts read rollups: the whole day is rolled up.
    const [buckets] = await queryRows<{ n: number }>(
      sql`SELECT COUNT(DISTINCT bucket) AS n FROM telemetry_rollup_5m WHERE bucket >= ${done.fromMs} AND bucket < ${done.untilMs}`,
    );
    expect(Number(buckets!.n)).toBeGreaterThanOrEqual(287);
    // A finished plan is never filled again.
    expect(await planHistoryIfEmpty(now + 60 * MINUTE_MS, 1)).toBeNull();
  });

  it.runIf(provider === 'postgresql')('lets one of two instances fill at a time', async () => {
    let inside = 0;
    let overlapped = false;
    const attempt = () =>
      withHistoryLock(async () => {
        inside++;
        overlapped ||= inside > 1;
        await new Promise((resolve) => setTimeout(resolve, 300));
        inside--;
        return 'filled';
      });
    const results = await Promise.all([attempt(), attempt()]);
    expect(results.sort()).toEqual(['filled', null].sort());
    expect(overlapped).toBe(false);
    expect(await attempt()).toBe('filled');
  });
});
