// The allocation engine's instance read from the demo seed and the simulated market, on SQLite and
// PostgreSQL: every site priced over the horizon, every device and model mapped, and the plan the
// browser what-if computes from the snapshot is post-checked like the server's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlanInputs } from '@/lib/allocation/load-inputs';
import { replan } from '@/lib/allocation/replan';
import { getDb } from '@/lib/db/client';
import { refreshElectricity } from '@/lib/market/refresh/refresh-electricity';
import { refreshBtcUsd, refreshGpuRates, refreshNetwork } from '@/lib/market/refresh/refresh-feeds';
import { buildDemoFleet } from '@/lib/sim/demo-fleet';
import { seedDemoFleet } from '@/lib/sim/seed-demo';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const quiet = { log: { warn: () => {} } };

describe.each(TEST_PROVIDERS)('allocation inputs from the demo seed (%s)', (provider) => {
  let db: TestDb;
  const now = Date.UTC(2026, 11, 2, 10, 7);
  beforeAll(async () => {
    db = await createTestDb(provider);
    await seedDemoFleet(getDb(), 1);
    await getDb().device.updateMany({ data: { status: 'online' } });
    await refreshNetwork(now);
    await refreshBtcUsd(now);
    await refreshGpuRates(now);
    await refreshElectricity(now, { force: true, ...quiet });
  }, 120_000);
  afterAll(async () => {
    await db.cleanup();
  });

  it('maps every demo site, device and model and prices every hour', async () => {
    const fleet = buildDemoFleet(1);
    const inputs = await loadPlanInputs({
      now,
      horizonH: 24,
      intervalMin: 60,
      constraints: { guardrails: true, holdTimes: true },
    });
    const { instance } = inputs;
    expect(instance.startMs).toBe(Date.UTC(2026, 11, 2, 10));
    expect(instance.intervals).toBe(24);
    expect(inputs.skippedSites).toEqual([]);
    expect(instance.sites).toHaveLength(fleet.sites.length);
    expect(instance.devices).toHaveLength(fleet.devices.length);
    for (const s of instance.sites) {
      expect(s.priceUsdPerMwh).toHaveLength(24);
      expect(s.priceUsdPerMwh.every(Number.isFinite)).toBe(true);
      expect(inputs.basis.priceSources[s.siteId]).toHaveLength(24);
    }
    expect(inputs.basis.hashpriceUsdPerPhDay).toBeGreaterThan(0);
    expect(instance.rental.length).toBeGreaterThan(0);
    // Models carry the catalogue's power-target profiles.
    const s19 = instance.minerModels.find((m) => m.name === 'Antminer S19j Pro');
    if (s19) expect(s19.profiles.length).toBeGreaterThan(1);
    // JSON round trip: the snapshot is what the browser receives.
    const copy = JSON.parse(JSON.stringify(inputs));
    expect(copy).toEqual(inputs);
    const { plan } = replan(copy);
    expect(plan.devices).toHaveLength(fleet.devices.length);
    expect(plan.sites.map((s) => s.siteId).sort()).toEqual(
      instance.sites.map((s) => Number(s.siteId)).sort(),
    );
  }, 60_000);

  it('plans only the asked sites and treats offline devices as untouchable', async () => {
    const site = (await getDb().site.findMany({ orderBy: { id: 'asc' } }))[0]!;
    const one = await getDb().device.findFirstOrThrow({ where: { siteId: site.id } });
    await getDb().device.update({ where: { id: one.id }, data: { status: 'offline' } });
    const inputs = await loadPlanInputs({
      now,
      siteIds: [site.id],
      horizonH: 6,
      intervalMin: 15,
      constraints: { guardrails: true, holdTimes: true },
    });
    expect(inputs.instance.sites.map((s) => s.siteId)).toEqual([String(site.id)]);
    expect(inputs.instance.intervals).toBe(24);
    const d = inputs.instance.devices.find((x) => x.deviceId === String(one.id))!;
    expect(d.maintenance).toBe(true);
    const { plan } = replan(inputs);
    const view = plan.devices.find((x) => x.deviceId === one.id)!;
    expect(view.changed).toBe(false);
    expect(view.reason).toMatch(/maintenance/);
    await getDb().device.update({ where: { id: one.id }, data: { status: 'online' } });
  }, 60_000);
});
