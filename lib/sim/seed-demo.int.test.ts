import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../../tests/helpers/test-db';
import { SYSTEM_ACTOR } from '../auth/actor';
import { getDb } from '../db/client';
import { getEconomicsSummary } from '../economics/live/money';
import { DEVICE_MODELS } from '../inventory/catalogue';
import { getReport } from '../reports/get-report';
import { buildDemoFleet } from './demo-fleet';
import { seedDemoWorkloads } from './demo-workloads';
import { seedDemoFleet, seedDeviceModels } from './seed-demo';

const SEED = 7;

describe.each(TEST_PROVIDERS)('seeding the demo fleet on %s', (provider) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(provider);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('upserts the catalogue idempotently', async () => {
    expect(await seedDeviceModels(getDb())).toBe(DEVICE_MODELS.length);
    expect(await seedDeviceModels(getDb())).toBe(DEVICE_MODELS.length);
    expect(await getDb().deviceModel.count()).toBe(DEVICE_MODELS.length);
    const s21 = await getDb().deviceModel.findUniqueOrThrow({
      where: { vendor_model: { vendor: 'Bitmain', model: 'Antminer S21' } },
    });
    expect(s21.nominalHashrateThs).toBe(200);
    expect(JSON.parse(s21.powerProfiles!)).toContainEqual({
      powerW: 3500,
      hashrateThs: 200,
      estimated: false,
    });
  });

  it('writes the fleet with counts matching buildDemoFleet', async () => {
    const fleet = buildDemoFleet(SEED);
    const counts = await seedDemoFleet(getDb(), SEED);
    expect(counts).toEqual({
      deviceModels: DEVICE_MODELS.length,
      tenants: fleet.tenants.length,
      sites: fleet.sites.length,
      racks: fleet.racks.length,
      devices: fleet.devices.length,
      pools: 5,
    });
    const prisma = getDb();
    expect(await prisma.site.count()).toBe(fleet.sites.length);
    expect(await prisma.rack.count()).toBe(fleet.racks.length);
    expect(await prisma.device.count()).toBe(fleet.devices.length);
    expect(await prisma.device.count({ where: { tenantId: { not: null } } })).toBe(
      fleet.devices.filter((d) => d.tenantKey).length,
    );
  });

  it('links a device to its site, rack, model and tenant as planned', async () => {
    const fleet = buildDemoFleet(SEED);
    const planned = fleet.devices.find((d) => d.tenantKey === 'northwind')!;
    const row = await getDb().device.findUniqueOrThrow({
      where: { serial: planned.serial },
      include: { site: true, rack: true, model: true, tenant: true },
    });
    expect(row.site.name).toBe(fleet.sites.find((s) => s.key === planned.siteKey)!.name);
    expect(row.rack?.name).toBe(fleet.racks.find((r) => r.key === planned.rackKey)!.name);
    expect(`${row.model.vendor} ${row.model.model}`).toBe(planned.modelKey);
    expect(row.tenant?.name).toBe('Northwind Hosting');
    expect([row.slotRow, row.slotColumn, row.host, row.port, row.protocol]).toEqual([
      planned.slotRow,
      planned.slotColumn,
      planned.host,
      planned.port,
      planned.protocol,
    ]);
    const garage = await getDb().site.findUniqueOrThrow({ where: { name: 'Garage swarm, CO' } });
    expect(garage.contractKind).toBe('tou');
    expect(JSON.parse(garage.touSchedule!)).toBeInstanceOf(Array);
  });

  it('puts every miner on a pool: FPPS per region, solo for micro-miners, hosting clients on their own', async () => {
    const prisma = getDb();
    const miners = await prisma.device.findMany({
      where: { model: { class: { in: ['asic', 'micro'] } } },
      select: {
        id: true,
        tenantId: true,
        site: { select: { name: true } },
        model: { select: { class: true } },
      },
    });
    const workloads = new Map((await prisma.deviceWorkload.findMany()).map((w) => [w.deviceId, w] as const));
    const pools = new Map((await prisma.poolProfile.findMany()).map((p) => [p.id, p] as const));
    expect(miners.length).toBeGreaterThan(1000);
    for (const d of miners) {
      const w = workloads.get(d.id);
      expect(w?.kind, `device ${d.id}`).toBe('pool');
      const pool = pools.get(w!.poolId!)!;
      if (d.tenantId !== null) expect(pool.tenantId).toBe(d.tenantId);
      else if (d.model.class === 'micro') expect(pool.payoutScheme).toBe('solo');
      else expect(pool.payoutScheme).toBe('fpps');
      expect((JSON.parse(pool.urls) as string[]).length).toBeGreaterThan(1);
    }
    // GPU servers have no pool; the open history row is the current workload.
    const gpus = await prisma.device.count({ where: { model: { class: 'gpu' } } });
    expect(workloads.size).toBe(miners.length);
    expect(gpus).toBeGreaterThan(0);
    const open = await prisma.assignment.findMany({ where: { toTs: null } });
    expect(open.length).toBe(miners.length);
    for (const a of open.slice(0, 50)) expect(workloads.get(a.deviceId)!.assignmentId).toBe(a.id);
    const siteCoverage = await prisma.poolCoverage.count({ where: { scope: 'site' } });
    expect(siteCoverage).toBe(3);
  });

  it('refuses a second run without writing anything', async () => {
    const before = await getDb().device.count();
    await expect(seedDemoFleet(getDb(), SEED + 1)).rejects.toThrow(/already has 3 site/);
    expect(await getDb().device.count()).toBe(before);
  });

  it('puts the demo GPU servers on running jobs, rent and idle, so the money views show AI revenue', async () => {
    const H = 3_600_000;
    const now = Date.now();
    const start = now - 7 * 24 * H;
    const counts = await seedDemoWorkloads(SEED, start);
    const gpus = await getDb().device.count({ where: { model: { class: 'gpu' } } });
    expect(counts.onJob + counts.rented + counts.idle).toBe(gpus);
    expect(counts.jobs).toBeGreaterThan(0);
    expect(counts.rented).toBeGreaterThan(counts.idle);
    // Miners are on their pools from the fleet seed; the GPU servers get one workload each here.
    expect(await getDb().deviceWorkload.count({ where: { kind: { not: 'pool' } } })).toBe(gpus);
    const jobs = await getDb().aiJob.findMany();
    expect(jobs.map((j) => j.status)).toEqual(jobs.map(() => 'running'));

    const summary = await getEconomicsSummary(SYSTEM_ACTOR, {}, now);
    const aiPerDay = summary.sites.reduce((a, s) => a + (s.ai.revenueUsdPerDay ?? 0), 0);
    expect(aiPerDay).toBeGreaterThan(1000);
    // The same assignments priced by the report for a closed hour of the history.
    const hour = Math.floor(now / H) * H - 3 * H;
    const report = await getReport(
      SYSTEM_ACTOR,
      'revenue',
      { from: new Date(hour).toISOString(), to: new Date(hour + H).toISOString() },
      now,
    );
    expect(report.totals.aiRevenueUsd as number).toBeCloseTo(aiPerDay / 24, 2);
  });
});
