// The 24 h dry run of a pool-down rule on SQLite and PostgreSQL: raw samples (a missing pool_url
// = no live pool) → rollup job (`pool_down_n` in the 1m, 5m and 1h tiers) → preview route, minute
// by minute, with the failover action under its rolling-hour limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as previewRoute from '@/app/api/v1/alert-rules/preview/route';
import { getDb } from '@/lib/db/client';
import { queryRows, raw, sql } from '@/lib/db/raw';
import { resetEnvCache } from '@/lib/env';
import { refreshLatest } from '@/lib/telemetry/latest';
import type { TelemetrySample } from '@/lib/telemetry/metrics';
import { drainRollups } from '@/lib/telemetry/rollups';
import { storeSamples } from '@/lib/telemetry/store';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const MINUTE = 60_000;
const POOL = 'stratum+tcp://pool.example.com:3333';

describe.each(TEST_PROVIDERS)('pool-down preview on %s', (provider) => {
  let db: TestDb;
  let operator: string;
  /** d[0..3]: polled cgminer miners; d[4]: pushes its own samples (says nothing about pools). */
  let d: number[] = [];
  const saved = process.env.SWITCHYARD_SIMULATOR;
  // Three hours ago, on the hour: every bucket of every tier is closed and inside the window.
  const base = Math.floor((Date.now() - 3 * 3_600_000) / 3_600_000) * 3_600_000;
  const at = (minute: number) => new Date(base + minute * MINUTE).toISOString();
  /** Minutes (of 0..20) in which each device's samples name no live pool. */
  const down: Record<number, [number, number] | null> = {
    0: [3, 4], // 2 minutes: shorter than the rule's forS (120 s from the end of the first one)
    1: [5, 12],
    2: [5, 12],
    3: [14, 19],
    4: [0, 20], // pushes without a pool the whole time
  };

  beforeAll(async () => {
    process.env.SWITCHYARD_SIMULATOR = 'off';
    resetEnvCache();
    db = await createTestDb(provider);
    const fleet = await createSmallFleet(5, `Pool preview ${provider}`);
    operator = await tokenFor('operator');
    d = fleet.devices.map((x) => x.id);
    for (const [i, id] of d.slice(0, 4).entries())
      await getDb().device.update({
        where: { id },
        data: { protocol: 'cgminer', host: '127.0.0.1', port: 4028 + i },
      });
    // Two samples a minute per device, 30 s apart.
    const samples: TelemetrySample[] = [];
    for (let m = 0; m <= 20; m++)
      for (const [i, id] of d.entries())
        for (const s of [10_000, 40_000]) {
          const span = down[i];
          const dead = span !== null && span !== undefined && m >= span[0] && m <= span[1];
          samples.push({
            deviceId: id,
            ts: base + m * MINUTE + s,
            hashrateThs: 200,
            powerW: 3500,
            chipTempC: 70,
            fanRpm: 5000,
            ...(dead ? {} : { poolUrl: POOL }),
          });
        }
    expect((await storeSamples(samples)).accepted).toBe(samples.length);
    await drainRollups(Number.POSITIVE_INFINITY);
    await refreshLatest();
  });
  afterAll(async () => {
    await db.cleanup();
    process.env.SWITCHYARD_SIMULATOR = saved;
    resetEnvCache();
  });

  it('the rollup tiers count the samples without a live pool', async () => {
    const rows = async (table: string) =>
      (
        await queryRows(
          sql`SELECT bucket, samples, pool_down_n FROM ${raw(table)}
              WHERE device_id = ${d[1]!} ORDER BY bucket`,
        )
      ).map((r) => [
        Number(r.bucket) - base,
        Number(r.samples),
        r.pool_down_n === null ? null : Number(r.pool_down_n),
      ]);
    const oneMinute = await rows('telemetry_rollup_1m');
    expect(oneMinute).toHaveLength(21);
    expect(oneMinute.slice(4, 14)).toEqual([
      [4 * MINUTE, 2, null],
      ...[5, 6, 7, 8, 9, 10, 11, 12].map((m) => [m * MINUTE, 2, 2]),
      [13 * MINUTE, 2, null],
    ]);
    // 5-minute buckets: minutes 5–9 all down, 10–14 three of five, 15–19 none.
    expect((await rows('telemetry_rollup_5m')).slice(0, 4)).toEqual([
      [0, 10, null],
      [5 * MINUTE, 10, 10],
      [10 * MINUTE, 10, 6],
      [15 * MINUTE, 10, null],
    ]);
    expect(await rows('telemetry_rollup_1h')).toEqual([[0, 42, 16]]);
  });

  it('previews a pool-down rule with its failover action minute by minute, under the rate limit', async () => {
    const res = await call(previewRoute.POST, {
      method: 'POST',
      token: operator,
      body: {
        name: 'pool down → failover',
        metric: 'poolDown',
        op: '>',
        threshold: 0,
        forS: 120,
        cooldownS: 0,
        severity: 'critical',
        scope: {},
        enabled: true,
        action: { kind: 'switchPool', maxDevicesPerHour: 2 },
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ stepS: 60, evaluations: 1440, devicesInScope: 4 });
    // d[0]'s 2-minute outage is shorter than forS; d[4] pushes no pool at all and is not looked at.
    expect(res.json.alerts).toEqual([
      // Down in minutes 5–12: held 120 s at the end of minute 7, a pool alive again in minute 13.
      { firedAt: at(8), resolvedAt: at(14), deviceIds: [d[1], d[2]] },
      { firedAt: at(17), resolvedAt: at(21), deviceIds: [d[3]] },
    ]);
    expect(res.json.actions).toMatchObject({
      kind: 'switchPool',
      maxDevicesPerHour: 2,
      requested: 2,
      rateLimited: 1,
      skipped: 0,
      devicesActedOn: 2,
    });
    expect(
      res.json.actions.log.map((l: Record<string, unknown>) => [
        l.at,
        l.alertNo,
        l.deviceId,
        l.outcome,
        l.via,
      ]),
    ).toEqual([
      [at(8), 1, d[1], 'requested', 'remote_action'],
      [at(8), 1, d[2], 'requested', 'remote_action'],
      [at(17), 2, d[3], 'rate_limited', null],
    ]);
    expect(res.json.actions.log[0].deviceName).toBe(`Pool preview ${provider}-A1`);
  });

  it('a longer forS lets the short outages pass', async () => {
    const res = await call(previewRoute.POST, {
      method: 'POST',
      token: operator,
      body: {
        name: 'pool down 10 min',
        metric: 'poolDown',
        op: '>',
        threshold: 0,
        forS: 600,
        severity: 'critical',
        scope: {},
        enabled: true,
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.alerts).toEqual([]);
    expect(res.json.actions).toBeUndefined();
  });
});
