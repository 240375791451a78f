// The money view on real SQLite/PostgreSQL, against hand-computed figures: the 2024-12-23 market
// (D 108.52 T, $93,450, fees 0.0931 BTC/block) and a fixed $40/MWh site with PUE 1.05 and a 2 % pool fee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deviceRoute from '@/app/api/v1/economics/devices/[id]/route';
import * as projectionRoute from '@/app/api/v1/economics/projection/route';
import * as summaryRoute from '@/app/api/v1/economics/summary/route';
import * as fleetSummaryRoute from '@/app/api/v1/fleet/summary/route';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { recordProviderOk } from '@/lib/market/refresh/provider-status';
import { refreshGpuRates } from '@/lib/market/refresh/refresh-feeds';
import { saveGpuRateTable, updateMarketSettings } from '@/lib/market/settings/market-settings';
import { storeNetworkPoints } from '@/lib/market/store';
import { assignWorkload } from '@/lib/workloads/assignments';
import { updateRentalSettings } from '@/lib/workloads/rental';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

// Hand arithmetic (see lib/economics/live/compose.test.ts): $0.0557472/TH/day, so per S21 at 200 TH/s and 3.5 kW:
const ASIC_REVENUE = 200 * 0.055747184355925516 * 0.98; // $10.9264/day
const ASIC_COST = (3.5 * 24 * 1.05 * 40) / 1000; // $3.528/day
const AI_REVENUE = 8 * 2 * 0.75 * 24; // $288/day: rented at $2/GPU-h with a 75 % utilisation assumption
const AI_COST = (8 * 24 * 1.05 * 40) / 1000; // $8.064/day

describe.each(TEST_PROVIDERS)('money view (%s)', (provider) => {
  let db: TestDb;
  let viewer: string;
  let tenant: string;
  let siteId: number;
  let darkSiteId: number;
  let asicIds: number[];
  let gpuId: number;
  const now = Date.now();

  beforeAll(async () => {
    db = await createTestDb(provider);
    viewer = await tokenFor('viewer');
    const fleet = await createSmallFleet(10, 'Money');
    siteId = fleet.site.id;
    asicIds = fleet.devices.map((d) => d.id);
    gpuId = fleet.gpuNode.id;
    const dark = await createSmallFleet(1, 'Dark');
    darkSiteId = dark.site.id;
    await getDb().site.update({
      where: { id: darkSiteId },
      data: { contractKind: 'spot', spotSource: 'ercot:HB_WEST' },
    });
    await getDb().deviceModel.updateMany({ where: { class: 'gpu' }, data: { gpuModel: 'h100-sxm' } });
    const ts = BigInt(now - 5_000);
    for (const id of [...asicIds, ...dark.devices.map((d) => d.id)])
      await getDb().deviceLatest.create({ data: { deviceId: id, ts, hashrateThs: 200, powerW: 3500 } });
    await getDb().deviceLatest.create({ data: { deviceId: gpuId, ts, powerW: 8000, gpuUtilPct: 75 } });
    // A node that stopped reporting long ago counts for nothing.
    await getDb().deviceLatest.create({
      data: { deviceId: dark.gpuNode.id, ts: BigInt(now - 3_600_000), powerW: 9000, gpuUtilPct: 99 },
    });

    await storeNetworkPoints(
      [
        { series: 'difficulty', ts: now, value: 108.52e12, provider: 'sim' },
        { series: 'btc_usd', ts: now, value: 93_450, provider: 'sim' },
        { series: 'fees_btc_per_block', ts: now, value: 0.0931, provider: 'sim' },
        { series: 'block_height', ts: now, value: 875_000, provider: 'sim' },
      ],
      now,
    );
    await recordProviderOk('network', 'sim', now);
    await recordProviderOk('btc_usd', 'sim', now);
    await updateMarketSettings(SYSTEM_ACTOR, { gpuRates: 'table' });
    await saveGpuRateTable(SYSTEM_ACTOR, [{ gpuModel: 'h100-sxm', usdPerGpuH: 2 }], 'editor');
    await refreshGpuRates(now);
    // The GPU node earns because it is rented out (the assignment history), not from its telemetry.
    await getDb().device.update({ where: { id: gpuId }, data: { status: 'online' } });
    await updateRentalSettings(SYSTEM_ACTOR, { utilisationPct: 75 }, now);
    const rented = await assignWorkload(
      SYSTEM_ACTOR,
      { deviceIds: [gpuId], workload: { kind: 'rent' } },
      now - 60_000,
    );
    expect(rented.results[0]).toMatchObject({ ok: true, gpus: 8 });

    tenant = await tokenFor('viewer', 'tenant-viewer');
    const t = await getDb().tenant.create({ data: { name: 'Client' } });
    await getDb().apiToken.updateMany({ where: { name: 'tenant-viewer' }, data: { tenantId: t.id } });
    await getDb().device.updateMany({ where: { id: { in: asicIds.slice(0, 2) } }, data: { tenantId: t.id } });
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('site economics: mining vs AI, totals per day and hour, breakeven per model, cost per BTC', async () => {
    const res = await call(summaryRoute.GET, { token: viewer, path: `/x?siteId=${siteId}` });
    expect(res.status).toBe(200);
    const [site] = res.json.sites;
    expect(site).toMatchObject({
      siteId,
      priceUsdPerMwh: 40,
      priceProvider: 'fixed',
      pue: 1.05,
      poolFeePct: 2,
    });
    expect(site.mining.revenueUsdPerDay).toBeCloseTo(10 * ASIC_REVENUE, 6);
    expect(site.mining.energyCostUsdPerDay).toBeCloseTo(10 * ASIC_COST, 9);
    expect(site.mining.hashrateThs).toBe(2000);
    expect(site.ai.revenueUsdPerDay).toBeCloseTo(AI_REVENUE, 9);
    expect(site.ai.energyCostUsdPerDay).toBeCloseTo(AI_COST, 9);
    expect(site.totals.marginUsdPerDay).toBeCloseTo(
      10 * (ASIC_REVENUE - ASIC_COST) + AI_REVENUE - AI_COST,
      6,
    );
    expect(site.totals.marginUsdPerH).toBeCloseTo(site.totals.marginUsdPerDay / 24, 9);
    const s21 = site.models.find((m: { modelName: string }) => m.modelName === 'Bitmain Antminer S21');
    // 1e6 × 0.0557472 × 0.98 / (24 × 17.5 × 1.05) = $123.88/MWh against the site's $40.
    expect(s21.breakevenUsdPerMwh).toBeCloseTo(123.883, 2);
    expect(site.costPerBtcUsd).toBeCloseTo(30_173.72, 0);
    expect(res.json.fleet.coinsharesAllInUsdPerBtc).toBe(53_000);
    expect(res.json.provenance.hashprice).toMatchObject({
      provider: 'computed',
      inputs: { btcUsd: 'sim', difficulty: 'sim' },
    });
    expect(res.json.provenance.gpuRates[0]).toMatchObject({
      gpuModel: 'h100-sxm',
      usdPerGpuH: 2,
      provider: 'gpu-table',
    });
  });

  it('fleet totals leave out the site with no power price and name it', async () => {
    const res = await call(summaryRoute.GET, { token: viewer });
    expect(res.json.fleet.includedSiteIds).toEqual([siteId]);
    expect(res.json.fleet.excludedSites).toEqual([
      {
        siteId: darkSiteId,
        siteName: 'Dark',
        reason: 'no electricity price: no ercot price stored for this interval yet',
      },
    ]);
    const dark = res.json.sites.find((s: { siteId: number }) => s.siteId === darkSiteId);
    expect(dark.totals).toBeNull();
    expect(dark.mining.revenueUsdPerDay).toBeCloseTo(ASIC_REVENUE, 6);
    expect(dark.ai.gpus).toBe(0);
  });

  it('GET /fleet/summary keeps its fields and adds the money block', async () => {
    const res = await call(fleetSummaryRoute.GET, { token: viewer });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ devices: 13, hashrateThs: 2200 });
    expect(res.json.revenueUsdPerDay).toBeCloseTo(10 * ASIC_REVENUE + AI_REVENUE, 6);
    expect(res.json.energyCostUsdPerDay).toBeCloseTo(10 * ASIC_COST + AI_COST, 9);
    expect(res.json.money).toMatchObject({ simulated: true, stale: false, coinsharesAllInUsdPerBtc: 53_000 });
    expect(res.json.money.ai.revenueUsdPerDay).toBeCloseTo(AI_REVENUE, 9);
    expect(res.json.money.revenueUsdPerH).toBeCloseTo(res.json.revenueUsdPerDay / 24, 9);
    expect(res.json.money.hashpriceUsdPerPhDay).toBeCloseTo(55.747, 2);
  });

  it('a hosting client sees the money of its own machines only', async () => {
    const res = await call(fleetSummaryRoute.GET, { token: tenant });
    expect(res.json.money.mining.revenueUsdPerDay).toBeCloseTo(2 * ASIC_REVENUE, 6);
    expect(res.json.money.ai.revenueUsdPerDay).toBe(0);
    expect((await call(deviceRoute.GET, { token: tenant, params: { id: String(gpuId) } })).status).toBe(404);
  });

  it('device economics: one ASIC and the GPU node', async () => {
    const asic = await call(deviceRoute.GET, { token: viewer, params: { id: String(asicIds[0]) } });
    expect(asic.status).toBe(200);
    expect(asic.json.economics).toMatchObject({
      use: 'mining',
      reporting: 1,
      hashrateThs: 200,
      powerW: 3500,
    });
    expect(asic.json.economics.revenueUsdPerDay).toBeCloseTo(ASIC_REVENUE, 9);
    expect(asic.json.economics.marginUsdPerDay).toBeCloseTo(ASIC_REVENUE - ASIC_COST, 9);
    expect(asic.json.economics.measuredBreakevenUsdPerMwh).toBeCloseTo(123.883, 2);
    expect(asic.json.site).toMatchObject({ priceUsdPerMwh: 40 });
    const gpu = await call(deviceRoute.GET, { token: viewer, params: { id: String(gpuId) } });
    expect(gpu.json.economics.gpu).toMatchObject({ gpus: 8, utilisationPct: 75, usdPerGpuH: 2 });
    expect(gpu.json.economics.marginUsdPerDay).toBeCloseTo(AI_REVENUE - AI_COST, 9);
    expect((await call(deviceRoute.GET, { token: viewer, params: { id: '999999' } })).status).toBe(404);
  });

  it('projects the margin after the halving at flat difficulty (hand-computed)', async () => {
    const res = await call(projectionRoute.GET, { token: viewer, path: '/x?days=60&growthPctPerMonth=0' });
    expect(res.status).toBe(200);
    const s = res.json.summary;
    const miningToday = 10 * (ASIC_REVENUE - ASIC_COST);
    // Reward per block 3.2181 → 1.6556 BTC after the halving.
    const miningAfter = 10 * (ASIC_REVENUE * (1.6556 / 3.2181) - ASIC_COST);
    expect(s.miningMarginUsdPerDayToday).toBeCloseTo(miningToday, 6);
    expect(s.miningMarginUsdPerDayAfterHalvingAtProjectedDifficulty).toBeCloseTo(miningAfter, 6);
    expect(s.aiMarginUsdPerDay).toBeCloseTo(AI_REVENUE - AI_COST, 9);
    expect(s.fleetMarginUsdPerDayAfterHalving).toBeCloseTo(miningAfter + AI_REVENUE - AI_COST, 6);
    expect(s.halving).toMatchObject({ height: 1_050_000, blocksRemaining: 175_000, day: null });
    expect(res.json.series).toHaveLength(60);
    expect(res.json.inputs.sites.map((x: { siteId: number }) => x.siteId)).toEqual([siteId]);
    expect(res.json.inputs.excludedSites[0].siteId).toBe(darkSiteId);
    expect(res.json.inputs.difficulty).toMatchObject({ value: 108.52e12, provider: 'sim' });
  });

  it('defaults the horizon to the halving plus six months and lowers the margin under growth', async () => {
    const flat = await call(projectionRoute.GET, { token: viewer, path: '/x?growthPctPerMonth=0' });
    expect(flat.json.horizonDays).toBe(Math.ceil((175_000 * 600) / 86_400) + 180);
    const growing = await call(projectionRoute.GET, { token: viewer, path: '/x?growthPctPerMonth=3' });
    expect(growing.json.difficultyGrowthPctPerEpoch).toBeGreaterThan(1);
    expect(growing.json.summary.miningMarginUsdPerDayAfterHalvingAtProjectedDifficulty).toBeLessThan(
      flat.json.summary.miningMarginUsdPerDayAfterHalvingAtProjectedDifficulty,
    );
  });

  it('without market data the money figures are missing, not zero, and say why', async () => {
    await getDb().marketPoint.deleteMany({ where: { series: 'difficulty' } });
    const res = await call(fleetSummaryRoute.GET, { token: viewer });
    expect(res.json.devices).toBe(13);
    expect(res.json.revenueUsdPerDay).toBeNull();
    const reasons = res.json.money.excludedSites.map((s: { siteId: number; reason: string }) => [
      s.siteId,
      s.reason,
    ]);
    expect(reasons).toEqual([
      [
        darkSiteId,
        'no hashprice: BTC price, difficulty or fees are missing; no electricity price: no ercot price stored for this interval yet',
      ],
      [siteId, 'no hashprice: BTC price, difficulty or fees are missing'],
    ]);
    const projection = await call(projectionRoute.GET, { token: viewer });
    expect(projection.status).toBe(409);
    expect(projection.json.error.code).toBe('market_data_missing');
  });

  it.each([
    ['growthPctPerMonth=abc', 'growthPctPerMonth'],
    ['growthPctPerMonth=500', 'growthPctPerMonth'],
    ['days=0', 'days'],
    ['days=1.5', 'days'],
    ['growthPctPerMonth=1&growthPctPerEpoch=1', 'growthPctPerEpoch'],
    ['horizon=5', ''],
  ])('400 naming the field for %s', async (query, path) => {
    const res = await call(projectionRoute.GET, { token: viewer, path: `/x?${query}` });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});
