// Money follows the work, on real SQLite/PostgreSQL: one small fleet with every kind of assignment
// (pool, no assignment, curtail, a running job, a placed job not started yet, rent, idle, a GPU
// server with no assignment that looks busy in telemetry). The live money view for the current
// hour and the revenue report for a closed hour under the same assignments and the same measured
// power and hashrate must agree: both price GPU work with lib/workloads/revenue-rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deviceRoute from '@/app/api/v1/economics/devices/[id]/route';
import * as summaryRoute from '@/app/api/v1/economics/summary/route';
import * as reportRoute from '@/app/api/v1/reports/[kind]/route';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { execute, sql } from '@/lib/db/raw';
import { recordProviderOk } from '@/lib/market/refresh/provider-status';
import { refreshGpuRates } from '@/lib/market/refresh/refresh-feeds';
import { saveGpuRateTable, updateMarketSettings } from '@/lib/market/settings/market-settings';
import { storeNetworkPoints } from '@/lib/market/store';
import { assignWorkload } from '@/lib/workloads/assignments';
import { createJob } from '@/lib/workloads/jobs';
import { createPool } from '@/lib/workloads/pools';
import { transitionJob } from '@/lib/workloads/transitions';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const H = 3_600_000;
const HP_USD_PER_TH_DAY = 0.055747184355925516; // D 108.52 T, $93,450, fees 0.0931 (economics.md §1.4)

type Telemetry = { hashrateThs: number | null; powerW: number; gpuUtilPct?: number };

describe.each(TEST_PROVIDERS)('money follows the work: live view = report (%s)', (provider) => {
  let db: TestDb;
  let viewer: string;
  let siteId: number;
  const now = Date.now();
  // A closed hour two hours back; every assignment was made before it and is still in force.
  const hourStart = Math.floor(now / H) * H - 2 * H;
  const t0 = hourStart - 30 * 60_000;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    db = await createTestDb(provider);
    viewer = await tokenFor('viewer');
    const fleet = await createSmallFleet(3, 'Parity');
    siteId = fleet.site.id;
    const prisma = getDb();
    await prisma.site.update({ where: { id: siteId }, data: { pue: 1.05, poolFeePct: 2 } });
    await prisma.deviceModel.updateMany({ where: { class: 'gpu' }, data: { gpuModel: 'h100-sxm' } });
    const gpuIds = [fleet.gpuNode.id];
    for (let i = 1; i < 5; i++) {
      const node = await prisma.device.create({
        data: {
          name: `Parity-G${i}`,
          serial: `Parity-G${i}`,
          siteId,
          modelId: fleet.gpuNode.modelId,
          protocol: 'dcgm',
        },
      });
      gpuIds.push(node.id);
    }
    const [pooled, unassigned, curtailed] = fleet.devices.map((d) => d.id) as [number, number, number];
    const [onJob, waiting, rented, idle, spare] = gpuIds as [number, number, number, number, number];
    Object.assign(ids, { pooled, unassigned, curtailed, onJob, waiting, rented, idle, spare });
    await prisma.device.updateMany({ where: { siteId }, data: { status: 'online' } });

    await storeNetworkPoints(
      [
        { series: 'difficulty', ts: t0 - H, value: 108.52e12, provider: 'sim' },
        { series: 'btc_usd', ts: t0 - H, value: 93_450, provider: 'sim' },
        { series: 'fees_btc_per_block', ts: t0 - H, value: 0.0931, provider: 'sim' },
        { series: 'block_height', ts: t0 - H, value: 875_000, provider: 'sim' },
      ],
      t0 - H,
    );
    await recordProviderOk('network', 'sim', now);
    await recordProviderOk('btc_usd', 'sim', now);
    await updateMarketSettings(SYSTEM_ACTOR, { gpuRates: 'table' });
    await saveGpuRateTable(SYSTEM_ACTOR, [{ gpuModel: 'h100-sxm', usdPerGpuH: 2 }], 'editor');
    await refreshGpuRates(t0);

    // The assignments, all made at t0 through the same function the API uses.
    const pool = await createPool(SYSTEM_ACTOR, {
      name: 'Parity pool',
      urls: ['stratum+tcp://pool.example.net:3333'],
      workerTemplate: '{serial}',
      feePct: 1,
      payoutScheme: 'fpps',
    });
    const assign = async (
      deviceIds: number[],
      workload: Parameters<typeof assignWorkload>[1]['workload'],
    ) => {
      const res = await assignWorkload(SYSTEM_ACTOR, { deviceIds, workload }, t0);
      expect(res.results.every((r) => r.ok)).toBe(true);
    };
    await assign([pooled], { kind: 'pool', poolId: pool.id });
    await assign([curtailed], { kind: 'curtail' });
    const job = (gpuCount: number, price: number, name: string) =>
      createJob(
        SYSTEM_ACTOR,
        {
          name,
          gpuCount,
          expectedHours: 100,
          priceUsdPerGpuHour: price,
          preemptible: false,
          multiNode: false,
          needsFirmPower: false,
        },
        t0,
      );
    const running = await job(4, 3, 'running job');
    await assign([onJob], { kind: 'job', jobId: running.id });
    await transitionJob(SYSTEM_ACTOR, running.id, 'running', undefined, t0 + 60_000);
    const placed = await job(8, 5, 'placed, not started');
    await assign([waiting], { kind: 'job', jobId: placed.id });
    await assign([rented], { kind: 'rent' });
    await assign([idle], { kind: 'idle' });

    // The same measured values in the closed hour (its 1 h rollup) and now (device_latest).
    const telemetry: Record<number, Telemetry> = {
      [pooled]: { hashrateThs: 200, powerW: 3500 },
      [unassigned]: { hashrateThs: 190, powerW: 3400 },
      // A curtailed miner that still reports a little hashrate earns nothing for it.
      [curtailed]: { hashrateThs: 5, powerW: 40 },
      [onJob]: { hashrateThs: null, powerW: 8000, gpuUtilPct: 95 },
      [waiting]: { hashrateThs: null, powerW: 2000, gpuUtilPct: 0 },
      [rented]: { hashrateThs: null, powerW: 7000, gpuUtilPct: 60 },
      [idle]: { hashrateThs: null, powerW: 1500, gpuUtilPct: 0 },
      // Busy-looking in telemetry but assigned nothing: the old estimate would have paid it.
      [spare]: { hashrateThs: null, powerW: 1500, gpuUtilPct: 90 },
    };
    for (const [id, t] of Object.entries(telemetry)) {
      await execute(
        sql`INSERT INTO telemetry_rollup_1h (device_id, bucket, samples, power_w_x10, hashrate_ths)
          VALUES (${Number(id)}, ${hourStart}, 120, ${t.powerW * 10}, ${t.hashrateThs})`,
      );
      await prisma.deviceLatest.create({
        data: {
          deviceId: Number(id),
          ts: BigInt(now - 5_000),
          hashrateThs: t.hashrateThs,
          powerW: t.powerW,
          gpuUtilPct: t.gpuUtilPct ?? null,
        },
      });
    }
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('the live hour equals the report of a closed hour: mining, AI, energy, margin', async () => {
    const live = await call(summaryRoute.GET, { token: viewer, path: `/x?siteId=${siteId}` });
    expect(live.status).toBe(200);
    const [site] = live.json.sites;
    const from = new Date(hourStart).toISOString();
    const to = new Date(hourStart + H).toISOString();
    const report = await call(reportRoute.GET, {
      token: viewer,
      path: `/api/v1/reports/revenue?from=${from}&to=${to}&siteId=${siteId}`,
      params: { kind: 'revenue' },
    });
    expect(report.status).toBe(200);
    const closed = report.json.totals;

    // Hand-computed: the job's 4 GPUs × $3, the rental's 8 GPUs × $2 × 60 % (default assumption).
    const aiPerH = 4 * 3 + 8 * 2 * 0.6;
    const miningPerH = ((200 * 0.99 + 190 * 0.98) * HP_USD_PER_TH_DAY) / 24;
    const kw = (3500 + 3400 + 40 + 8000 + 2000 + 7000 + 1500 + 1500) / 1000;
    const energyPerH = (kw * 1.05 * 40) / 1000;
    expect(closed.aiRevenueUsd).toBeCloseTo(aiPerH, 3);
    expect(closed.miningRevenueUsd).toBeCloseTo(miningPerH, 3);
    expect(closed.energyCostUsd).toBeCloseTo(energyPerH, 3);

    expect(site.ai.revenueUsdPerDay / 24).toBeCloseTo(closed.aiRevenueUsd, 3);
    expect(site.mining.revenueUsdPerDay / 24).toBeCloseTo(closed.miningRevenueUsd, 3);
    expect(site.totals.energyCostUsdPerH).toBeCloseTo(closed.energyCostUsd, 3);
    expect(site.totals.revenueUsdPerH).toBeCloseTo(closed.miningRevenueUsd + closed.aiRevenueUsd, 3);
    expect(site.totals.marginUsdPerH).toBeCloseTo(closed.marginUsd, 3);
  });

  it.each([
    ['pooled', 'pool', 200 * 0.99 * HP_USD_PER_TH_DAY],
    ['unassigned', 'none', 190 * 0.98 * HP_USD_PER_TH_DAY],
    ['curtailed', 'curtail', 0],
    ['onJob', 'job', 4 * 3 * 24],
    ['waiting', 'job', 0],
    ['rented', 'rent', 8 * 2 * 0.6 * 24],
    ['idle', 'idle', 0],
    ['spare', 'none', 0],
  ])(
    'device money: %s (%s) earns what its assignment pays and pays for what it draws',
    async (name, kind, usdPerDay) => {
      const res = await call(deviceRoute.GET, { token: viewer, params: { id: String(ids[name]) } });
      expect(res.status).toBe(200);
      expect(res.json.economics.workload).toBe(kind);
      expect(res.json.economics.revenueUsdPerDay).toBeCloseTo(usdPerDay, 6);
      expect(res.json.economics.energyCostUsdPerDay).toBeCloseTo(
        (res.json.economics.powerW / 1000) * 24 * 1.05 * 0.04,
        9,
      );
    },
  );
});
