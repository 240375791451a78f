// The swarm pane's data end to end: AxeOS fakes on loopback → collector → ingest → the swarm API
// shows best difficulties (session, all-time), shares, firmware and solo odds; a NerdMiner is push-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as swarmRoute from '@/app/api/v1/sites/[id]/swarm/route';
import { Collector } from '@/lib/collectors/scheduler/collector';
import { getDb } from '@/lib/db/client';
import { recordProviderOk } from '@/lib/market/refresh/provider-status';
import { storeNetworkPoints } from '@/lib/market/store';
import { startAxeosFake } from '@/lib/sim/wire/axeos-fake';
import { newMinerState } from '@/lib/sim/wire/miner-state';
import { soloOdds } from '@/lib/swarm/summarise';
import { refreshLatest } from '@/lib/telemetry/latest';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const INTERVAL_MS = 30_000;

describe.each(TEST_PROVIDERS)('swarm on %s', (provider) => {
  let db: TestDb;
  let viewer: string;
  let siteId: number;
  const closers: (() => Promise<void>)[] = [];
  const t0 = Date.now();

  beforeAll(async () => {
    db = await createTestDb(provider);
    viewer = await tokenFor('viewer');
    const prisma = getDb();
    siteId = (await createSmallFleet(1, 'Swarm Site')).site.id;
    const gamma = await prisma.deviceModel.create({
      data: {
        vendor: 'Bitaxe',
        model: 'Bitaxe Gamma',
        class: 'micro',
        nominalHashrateThs: 1.2,
        nominalPowerW: 18,
        maxTempC: 70,
      },
    });
    const nerd = await prisma.deviceModel.create({
      data: {
        vendor: 'BitMaker',
        model: 'NerdMiner v2',
        class: 'micro',
        nominalHashrateThs: 7e-8,
        nominalPowerW: 1,
        maxTempC: 85,
      },
    });
    const fakes = [
      await startAxeosFake({ version: '2.15', state: newMinerState(1, 1.2, 18, t0) }),
      await startAxeosFake({ version: '2.4', state: newMinerState(2, 1.2, 18, t0) }),
    ];
    for (const [i, f] of fakes.entries()) {
      closers.push(f.close);
      await prisma.device.create({
        data: {
          name: `bitaxe-${i + 1}`,
          serial: `SW-${i + 1}`,
          siteId,
          modelId: gamma.id,
          protocol: 'axeos',
          host: '127.0.0.1',
          port: f.port,
        },
      });
    }
    await prisma.device.create({
      data: { name: 'nerdminer', serial: 'SW-N', siteId, modelId: nerd.id, protocol: 'push' },
    });
    await storeNetworkPoints([{ series: 'difficulty', ts: t0, value: 150e12, provider: 'sim' }], t0);
    await recordProviderOk('network', 'sim', t0);
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await db.cleanup();
  });

  it('shows best difficulty, shares, firmware and odds of the polled swarm', async () => {
    const collector = new Collector({
      intervalMs: INTERVAL_MS,
      concurrency: 4,
      timeoutMs: 2_000,
      sharded: false,
    });
    await collector.tick(t0);
    await collector.tick(t0 + INTERVAL_MS);
    await refreshLatest();

    const res = await call(swarmRoute.GET, { token: viewer, params: { id: String(siteId) } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const swarm = res.json;
    // The S21 of the fixture is not a micro-miner.
    expect(swarm.devices.map((d: { name: string }) => d.name)).toEqual(['bitaxe-1', 'bitaxe-2', 'nerdminer']);
    const [v215, v24, nerd] = swarm.devices;
    expect(v215).toMatchObject({
      source: 'local_api',
      firmware: 'AxeOS v2.15.0',
      bestDiffAllTime: 4_290_135_862,
      bestDiffSession: 81_234_567,
    });
    expect(v215.acceptedShares).toBeGreaterThanOrEqual(0);
    // v2.4 prints best difficulty as "4.29G": parsed to a number.
    expect(v24).toMatchObject({ source: 'local_api', firmware: 'AxeOS v2.4.5' });
    expect(v24.bestDiffAllTime).toBeCloseTo(4.29e9, -7);
    expect(nerd).toMatchObject({ source: 'push_only', firmware: null, bestDiffAllTime: null });
    expect(swarm.pushOnly).toBe(1);
    expect(swarm.totals.bestDiffAllTime).toBe(4_290_135_862);
    expect(swarm.firmware).toEqual(
      expect.arrayContaining([
        { firmware: 'AxeOS v2.15.0', count: 1 },
        { firmware: 'AxeOS v2.4.5', count: 1 },
        { firmware: 'unknown (push only)', count: 1 },
      ]),
    );
    expect(swarm.difficulty).toBe(150e12);
    expect(swarm.totals.hashrateThs).toBeGreaterThan(1.5);
    expect(swarm.odds.perDay).toBeCloseTo(soloOdds(swarm.totals.hashrateThs, 150e12).perDay, 15);
    expect(v215.soloOddsPerYear).toBeGreaterThan(v215.soloOddsPerDay);
  });

  it('answers 404 for an unknown site', async () => {
    const res = await call(swarmRoute.GET, { token: viewer, params: { id: '99999' } });
    expect(res.status).toBe(404);
  });
});
