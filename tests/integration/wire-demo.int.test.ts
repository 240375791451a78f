// SWITCHYARD_SIMULATOR=wire end to end on a small inventory: the wire demo starts a fake per
// polled device and points its endpoint at it; the collector polls them; the API shows the result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deviceRoute from '@/app/api/v1/devices/[id]/route';
import { Collector } from '@/lib/collectors/scheduler/collector';
import { getDb } from '@/lib/db/client';
import { startWireDemo, type WireDemo } from '@/lib/sim/wire/demo-wire';
import { refreshLatest } from '@/lib/telemetry/latest';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

describe.each(TEST_PROVIDERS)('wire demo on %s', (provider) => {
  let db: TestDb;
  let wire: WireDemo;
  let fleet: Awaited<ReturnType<typeof createSmallFleet>>;

  beforeAll(async () => {
    db = await createTestDb(provider);
    fleet = await createSmallFleet(3);
    await getDb().device.update({ where: { id: fleet.devices[2]!.id }, data: { protocol: 'push' } });
    wire = await startWireDemo(() => {});
  });
  afterAll(async () => {
    await wire.close();
    await db.cleanup();
  });

  it('points every polled device at a loopback fake and the collector reads them all', async () => {
    expect(wire.devices).toBe(3);
    const devices = await getDb().device.findMany({ orderBy: { id: 'asc' } });
    const polled = devices.filter((d) => d.protocol !== 'push');
    expect(polled.map((d) => d.host)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
    expect(new Set(polled.map((d) => d.port)).size).toBe(3);
    expect(devices.find((d) => d.protocol === 'push')?.host).toBeNull();

    const collector = new Collector({ intervalMs: 30_000, concurrency: 4, timeoutMs: 3_000, sharded: false });
    const t0 = Date.now();
    await collector.tick(t0);
    expect(await collector.tick(t0 + 30_000)).toMatchObject({ polled: 3, ok: 3, failed: 0 });
    await refreshLatest();
    const viewer = await tokenFor('viewer');
    const asic = (
      await call(deviceRoute.GET, { token: viewer, params: { id: String(fleet.devices[0]!.id) } })
    ).json;
    expect(asic.hashrateThs).toBeGreaterThan(150);
    expect(asic.poolUrl).toMatch(/^stratum\+tcp:\/\//);
    const gpu = (await call(deviceRoute.GET, { token: viewer, params: { id: String(fleet.gpuNode.id) } }))
      .json;
    expect(gpu.gpuUtilPct).not.toBeNull();
    expect(gpu.collector.lastOkAt).not.toBeNull();
  });
});
