// Retention per tier (lib/telemetry/retention.ts) on the device-first rollup tables, which have
// no bucket index and are purged through the device list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, raw, sql } from '@/lib/db/raw';
import { resetEnvCache } from '@/lib/env';
import type { TelemetrySample } from '@/lib/telemetry/metrics';
import { applyRetention, tierRetentionMs } from '@/lib/telemetry/retention';
import { drainRollups } from '@/lib/telemetry/rollups';
import { storeSamples } from '@/lib/telemetry/store';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const HOUR = 3_600_000;

describe.each(TEST_PROVIDERS)('telemetry retention on %s', (provider) => {
  let db: TestDb;
  // Ten-minute aligned, not hour aligned: the store marks 1-minute buckets from the real clock.
  const now = Date.now() - (Date.now() % 600_000);
  const oldest = async (table: string, column: string) =>
    (await queryRows<{ t: number | null }>(sql`SELECT MIN(${raw(column)}) AS t FROM ${raw(table)}`))[0]?.t;

  beforeAll(async () => {
    db = await createTestDb(provider);
    const { devices } = await createSmallFleet(2);
    // One sample per device every 10 minutes over the last 60 hours.
    const samples: TelemetrySample[] = [];
    for (let ts = now - 60 * HOUR; ts < now; ts += 10 * 60_000)
      for (const d of devices) samples.push({ deviceId: d.id, ts, powerW: 3400, chipTempC: 70 });
    await storeSamples(samples);
    await drainRollups(now + HOUR);
    // Two days of 5-minute and hourly rollups, so their purge has something to do.
    process.env.RETENTION_5M_DAYS = '2';
    process.env.RETENTION_1H_DAYS = '2';
    resetEnvCache();
    await applyRetention(now);
  });
  afterAll(async () => {
    delete process.env.RETENTION_5M_DAYS;
    delete process.env.RETENTION_1H_DAYS;
    resetEnvCache();
    await db.cleanup();
  });

  it('keeps each tier for its own window', async () => {
    const keep = tierRetentionMs();
    expect(keep['1m']).toBe(24 * HOUR);
    expect(keep['5m']).toBe(48 * HOUR);
    expect(Number(await oldest('telemetry_sample', 'ts'))).toBeGreaterThanOrEqual(now - keep.raw);
    expect(Number(await oldest('telemetry_sample', 'ts'))).toBeLessThan(now - keep.raw + HOUR);
    expect(Number(await oldest('telemetry_rollup_1m', 'bucket'))).toBeGreaterThanOrEqual(now - keep['1m']);
    expect(Number(await oldest('telemetry_rollup_1m', 'bucket'))).toBeLessThan(now - keep['1m'] + HOUR);
    for (const table of ['telemetry_rollup_5m', 'telemetry_rollup_1h']) {
      const t = Number(await oldest(table, 'bucket'));
      expect(t, table).toBeGreaterThanOrEqual(now - 48 * HOUR);
      expect(t, table).toBeLessThan(now - 47 * HOUR);
    }
    const site = await queryRows<{ tier: string; t: number }>(
      sql`SELECT tier, MIN(bucket) AS t FROM site_rollup GROUP BY tier ORDER BY tier`,
    );
    expect(
      site.map((r) => [r.tier, Number(r.t) >= now - (r.tier === '1m' ? keep['1m'] : 48 * HOUR)]),
    ).toEqual([
      ['1h', true],
      ['1m', true],
      ['5m', true],
    ]);
  });
});
