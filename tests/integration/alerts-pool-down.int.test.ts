// "Pool down" over the real chain on loopback, SQLite and PostgreSQL: a fake cgminer miner loses
// every pool connection (each pool reports Status "Dead") → the collector polls it → ingest →
// latest state → the built-in pool-down rule fires once it held for 2 minutes, and resolves when
// a pool is alive again. A device that pushes its own samples (no pool liveness) never fires, and
// the preview (alerts-pool-down-preview.int.test.ts) looks at the polled miner only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as previewRoute from '@/app/api/v1/alert-rules/preview/route';
import * as alertRoute from '@/app/api/v1/alerts/[id]/route';
import * as alertsRoute from '@/app/api/v1/alerts/route';
import { DEFAULT_RULES, seedDefaultRules } from '@/lib/alerts/defaults';
import { runAlertsTick } from '@/lib/alerts/tick';
import { Collector } from '@/lib/collectors/scheduler/collector';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { startCgminerFake } from '@/lib/sim/wire/cgminer-fake';
import { type MinerState, newMinerState } from '@/lib/sim/wire/miner-state';
import { refreshLatest } from '@/lib/telemetry/latest';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

describe.each(TEST_PROVIDERS)('pool down alert on %s', (provider) => {
  let db: TestDb;
  let viewer: string;
  let admin: string;
  let collector: Collector;
  let state: MinerState;
  let minerId = 0;
  let pushId = 0;
  let close: () => Promise<void> = async () => {};
  const saved = process.env.SWITCHYARD_SIMULATOR;

  /** The collector's (and the samples') clock: a poll and an alerts tick at `t0 + s` seconds. */
  const t0 = Date.now();
  let t = t0;
  const step = async (s: number) => {
    t = t0 + s * 1000;
    // Polls 31 s apart: each one is due (30 s interval), whatever the first poll's jitter.
    expect((await collector.tick(t)).polled).toBe(1);
    await refreshLatest(t);
    await runAlertsTick(t);
  };
  const openAlerts = async () =>
    (
      await call(alertsRoute.GET, { token: viewer, path: `/api/v1/alerts?deviceId=${minerId}` })
    ).json.data.filter((a: { status: string }) => a.status !== 'resolved');

  beforeAll(async () => {
    process.env.SWITCHYARD_SIMULATOR = 'off';
    resetEnvCache();
    db = await createTestDb(provider);
    const fleet = await createSmallFleet(2, `Pool down ${provider}`);
    viewer = await tokenFor('viewer');
    admin = await tokenFor('admin');
    state = newMinerState(7, 200, 3500, Date.now());
    const fake = await startCgminerFake({ variant: 'braiins', state });
    close = fake.close;
    minerId = fleet.devices[0]!.id;
    pushId = fleet.devices[1]!.id;
    await getDb().device.update({
      where: { id: minerId },
      data: { protocol: 'cgminer', host: '127.0.0.1', port: fake.port },
    });
    // The second device pushes its own fresh samples (no endpoint), without any pool.
    const data = { ts: BigInt(t0 + 186_000), hashrateThs: 200, powerW: 3500, chipTempC: 70, fanRpm: 5000 };
    await getDb().deviceLatest.upsert({
      where: { deviceId: pushId },
      create: { deviceId: pushId, ...data },
      update: data,
    });
    expect(await seedDefaultRules(Date.now())).toBe(DEFAULT_RULES.length);
    collector = new Collector({
      intervalMs: 30_000,
      concurrency: 4,
      timeoutMs: 2_000,
      sharded: false,
      clock: () => t,
    });
    // The first tick gives the polled device its collector state (and polls it when due).
    await collector.tick(t);
  });
  afterAll(async () => {
    await close();
    await db.cleanup();
    process.env.SWITCHYARD_SIMULATOR = saved;
    resetEnvCache();
  });

  it('fires after 2 minutes with every pool dead, once, and resolves when a pool is alive', async () => {
    const rule = await getDb().alertRule.findFirstOrThrow({ where: { builtin: 'pool-down' } });
    await step(31);
    expect(await openAlerts()).toEqual([]);
    expect((await getDb().deviceLatest.findUnique({ where: { deviceId: minerId } }))?.poolUrl).toBe(
      'stratum+tcp://pool.example.com:3333',
    );

    state.poolsDead = true;
    await step(62);
    expect((await getDb().deviceLatest.findUnique({ where: { deviceId: minerId } }))?.poolUrl).toBeNull();
    // Not yet: the rule waits 2 minutes.
    expect(await openAlerts()).toEqual([]);
    await step(124);
    expect(await openAlerts()).toEqual([]);
    await step(186);
    const open = await openAlerts();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ ruleId: rule.id, status: 'firing', severity: 'critical' });
    expect(open[0].devices.map((d: { id: number }) => d.id)).toEqual([minerId]);
    // The device pushing samples without a pool is not "pool down": it says nothing about pools.
    const all = (await call(alertsRoute.GET, { token: viewer, path: '/api/v1/alerts' })).json.data;
    expect(all.flatMap((a: { devices: { id: number }[] }) => a.devices.map((d) => d.id))).not.toContain(
      pushId,
    );
    await step(217);
    expect(await openAlerts()).toHaveLength(1);

    state.poolsDead = false;
    await step(248);
    expect(await openAlerts()).toEqual([]);
    const done = (await call(alertRoute.GET, { token: viewer, params: { id: String(open[0].id) } })).json;
    expect(done.status).toBe('resolved');
    expect(done.events.map((e: { kind: string }) => e.kind)).toEqual(['fired', 'cleared', 'resolved']);
  });

  it('the preview replays the metric over the polled miner only', async () => {
    // Before: 400, "poolDown is not in them" (no pool liveness in the rollups).
    const res = await call(previewRoute.POST, {
      method: 'POST',
      token: admin,
      body: {
        name: 'pool down',
        metric: 'poolDown',
        op: '>',
        threshold: 0,
        forS: 120,
        severity: 'critical',
        scope: {},
        enabled: true,
        action: { kind: 'switchPool', maxDevicesPerHour: 5 },
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ stepS: 60, evaluations: 1440, devicesInScope: 1 });
    expect(res.json.actions).toMatchObject({ kind: 'switchPool', maxDevicesPerHour: 5 });
  });
});
