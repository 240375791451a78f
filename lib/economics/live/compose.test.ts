import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashprice } from '../index';
import { composeFleet, composeSite } from './aggregate';
import { composeGroup, type DeviceGroup, type MarketTerms, type SiteTerms } from './compose';

// The 2024-12-23 Hashrate Index check (economics.md §1.4): D 108.52 T, $93,450, fees 0.0931 BTC/block.
// Hand arithmetic: 86,400e12 / (108.52e12 × 2^32) × 3.2181 = 5.96546e-7 BTC/TH/day → $0.0557472/TH/day.
const HP = { btcPerThDay: 5.965455789826165e-7, usdPerThDay: 0.055747184355925516 };
const market: MarketTerms = {
  hashprice: HP,
  gpuRates: new Map([['h100-sxm', { usdPerGpuH: 2, provider: 'gpu-table', stale: false }]]),
};
const site: SiteTerms = {
  siteId: 1,
  siteName: 'Fixture',
  pue: 1.05,
  poolFeePct: 2,
  priceUsdPerMwh: 40,
  priceProvider: 'fixed',
  priceStale: false,
  priceReason: null,
};
const asics: DeviceGroup = {
  siteId: 1,
  modelId: 10,
  modelName: 'Bitmain Antminer S21',
  class: 'asic',
  devices: 12,
  reporting: 10,
  hashrateThs: 2000,
  powerW: 35_000,
  gpuUtilPctSum: 0,
  nominalHashrateThs: 200,
  nominalPowerW: 3500,
  gpuCount: null,
  gpuModel: null,
};
const dgx: DeviceGroup = {
  ...asics,
  modelId: 20,
  modelName: 'NVIDIA DGX H100',
  class: 'gpu',
  devices: 1,
  reporting: 1,
  hashrateThs: 0,
  powerW: 8000,
  gpuUtilPctSum: 75,
  nominalHashrateThs: null,
  nominalPowerW: 10_200,
  gpuCount: 8,
  gpuModel: 'H100-SXM',
  // Rented out at the table's $2/GPU-h with a 75 % utilisation assumption.
  workload: {
    kind: 'rent',
    poolFeePct: null,
    rateUsdPerGpuHour: 2,
    utilisationPct: 75,
    assignedGpus: 8,
    jobRunning: false,
  },
};

describe('composeGroup (hand-computed)', () => {
  it('uses the same hashprice as lib/economics for the reference day', () => {
    const rates = hashprice({
      difficulty: 108.52e12,
      btcUsd: 93_450,
      feesBtcPerBlock: 0.0931,
      subsidyBtc: 3.125,
    });
    expect(rates.usdPerThDay).toBeCloseTo(HP.usdPerThDay, 12);
  });

  it('mining: 2,000 TH/s and 35 kW at $40/MWh, PUE 1.05, 2 % pool fee', () => {
    const g = composeGroup(asics, site, market);
    // 2000 × 0.0557472 × 0.98 = $109.2645/day; 35 kW × 24 h × 1.05 × $40/MWh = $35.28/day.
    expect(g.revenueUsdPerDay).toBeCloseTo(109.2645, 3);
    expect(g.revenueBtcPerDay).toBeCloseTo(0.00116923, 8);
    expect(g.energyCostUsdPerDay).toBeCloseTo(35.28, 10);
    expect(g.marginUsdPerDay).toBeCloseTo(109.2645 - 35.28, 3);
    // 1e6 × 0.0557472 × 0.98 / (24 × 17.5 J/TH × 1.05) = $123.88/MWh, nameplate = measured here.
    expect(g.breakevenUsdPerMwh).toBeCloseTo(123.883, 2);
    expect(g.measuredBreakevenUsdPerMwh).toBeCloseTo(123.883, 2);
    expect(g.nameplateEfficiencyJPerTh).toBe(17.5);
    expect(g.notes).toEqual([]);
  });

  it('AI: rented, 8 GPUs × $2/GPU-h × 75 % assumption for revenue, the node’s 8 kW for energy', () => {
    const g = composeGroup(dgx, site, market);
    expect(g.use).toBe('ai');
    expect(g.revenueUsdPerDay).toBeCloseTo(288, 10);
    // 8 kW × 24 × 1.05 × 40 / 1000
    expect(g.energyCostUsdPerDay).toBeCloseTo(8.064, 10);
    expect(g.marginUsdPerDay).toBeCloseTo(279.936, 10);
    expect(g.gpu).toEqual({
      gpuModel: 'H100-SXM',
      gpus: 8,
      utilisationPct: 75,
      usdPerGpuH: 2,
      rateProvider: 'gpu-table',
    });
    // v_gpu = $1.50 / (1.275 kW × 1.05) × 1000 at nameplate share; $1.50 / (1 kW × 1.05) × 1000 measured.
    expect(g.breakevenUsdPerMwh).toBeCloseTo(1120.448, 2);
    expect(g.measuredBreakevenUsdPerMwh).toBeCloseTo(1428.571, 2);
  });

  it('unknown price: revenue stays, cost and margin are null with the reason', () => {
    const g = composeGroup(
      asics,
      { ...site, priceUsdPerMwh: null, priceReason: 'no ercot price stored' },
      market,
    );
    expect(g.revenueUsdPerDay).toBeCloseTo(109.2645, 3);
    expect(g.energyCostUsdPerDay).toBeNull();
    expect(g.marginUsdPerDay).toBeNull();
    expect(g.notes).toEqual(['no electricity price: no ercot price stored']);
  });

  it('no hashprice: mining revenue and breakeven are null', () => {
    const g = composeGroup(asics, site, { ...market, hashprice: null });
    expect([g.revenueUsdPerDay, g.marginUsdPerDay, g.breakevenUsdPerMwh]).toEqual([null, null, null]);
    expect(g.energyCostUsdPerDay).toBeCloseTo(35.28, 10);
  });

  it('a GPU model without a market rate still earns what its assignment pays, with no breakeven', () => {
    const g = composeGroup({ ...dgx, gpuModel: 'B200' }, site, market);
    expect(g.revenueUsdPerDay).toBeCloseTo(288, 10);
    expect(g.breakevenUsdPerMwh).toBeNull();
    expect(g.notes).toContain('no rental rate for B200');
  });

  it('telemetry utilisation never makes revenue: an unassigned busy-looking node earns nothing', () => {
    const { workload: _rent, ...unassigned } = dgx;
    const g = composeGroup({ ...unassigned, gpuUtilPctSum: 100 }, site, market);
    expect(g.revenueUsdPerDay).toBe(0);
    expect(g.gpu?.utilisationPct).toBe(100);
    expect(g.energyCostUsdPerDay).toBeCloseTo(8.064, 10);
    expect(g.workload).toBeNull();
  });

  it('is additive: a group equals the sum of its devices split in two', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.double({ min: -100, max: 500, noNaN: true }),
        (h1, h2, p1, p2, price) => {
          const terms = { ...site, priceUsdPerMwh: price };
          const one = (h: number, p: number) =>
            composeGroup({ ...asics, reporting: 1, devices: 1, hashrateThs: h, powerW: p }, terms, market);
          const both = composeGroup(
            { ...asics, reporting: 2, devices: 2, hashrateThs: h1 + h2, powerW: p1 + p2 },
            terms,
            market,
          );
          const sum = one(h1, p1).marginUsdPerDay! + one(h2, p2).marginUsdPerDay!;
          expect(both.marginUsdPerDay!).toBeCloseTo(sum, 6);
        },
      ),
    );
  });
});

describe('composeSite / composeFleet', () => {
  const groups = [composeGroup(asics, site, market), composeGroup(dgx, site, market)];

  it('splits mining and AI and totals both, per day and per hour', () => {
    const s = composeSite(site, groups);
    expect(s.mining.revenueUsdPerDay).toBeCloseTo(109.2645, 3);
    expect(s.ai.revenueUsdPerDay).toBeCloseTo(288, 10);
    expect(s.ai.gpus).toBe(8);
    expect(s.totals!.revenueUsdPerDay).toBeCloseTo(397.2645, 3);
    expect(s.totals!.energyCostUsdPerDay).toBeCloseTo(43.344, 10);
    expect(s.totals!.marginUsdPerH).toBeCloseTo((397.2645 - 43.344) / 24, 4);
    // Energy-only cost per BTC: $35.28 / 0.00116923 BTC = $30,174.
    expect(s.costPerBtcUsd).toBeCloseTo(30_173.72, 0);
  });

  it('leaves a site with an unknown price out of the fleet totals and says why', () => {
    const known = composeSite(site, groups);
    const unknownTerms = {
      ...site,
      siteId: 2,
      siteName: 'Dark',
      priceUsdPerMwh: null,
      priceReason: 'no price',
    };
    const unknown = composeSite(unknownTerms, [composeGroup({ ...asics, siteId: 2 }, unknownTerms, market)]);
    expect(unknown.totals).toBeNull();
    const fleet = composeFleet([known, unknown]);
    expect(fleet.totals!.revenueUsdPerDay).toBeCloseTo(known.totals!.revenueUsdPerDay, 10);
    expect(fleet.includedSiteIds).toEqual([1]);
    expect(fleet.excludedSites).toEqual([
      { siteId: 2, siteName: 'Dark', reason: 'no electricity price: no price' },
    ]);
    expect(fleet.coinsharesAllInUsdPerBtc).toBe(53_000);
    expect(fleet.costPerBtcUsd).toBeCloseTo(30_173.72, 0);
  });

  it('no fleet totals at all when every site is incomplete (never a false $0)', () => {
    const terms = { ...site, priceUsdPerMwh: null, priceReason: 'no price' };
    const fleet = composeFleet([composeSite(terms, [composeGroup(asics, terms, market)])]);
    expect(fleet.totals).toBeNull();
    expect(fleet.excludedSites).toHaveLength(1);
    expect(composeFleet([]).totals?.revenueUsdPerDay).toBe(0);
  });

  it('an empty site has zero totals, not missing ones', () => {
    const s = composeSite(site, []);
    expect(s.totals).toEqual({
      revenueUsdPerDay: 0,
      energyCostUsdPerDay: 0,
      marginUsdPerDay: 0,
      revenueUsdPerH: 0,
      energyCostUsdPerH: 0,
      marginUsdPerH: 0,
    });
    expect(s.costPerBtcUsd).toBeNull();
  });
});

describe('money follows the work (assignment per group)', () => {
  const none = {
    poolFeePct: null,
    rateUsdPerGpuHour: null,
    utilisationPct: null,
    assignedGpus: 0,
    jobRunning: false,
  };
  it.each([
    [
      'ASICs on a pool use its fee, not the site default',
      { ...asics, workload: { ...none, kind: 'pool' as const, poolFeePct: 0 } },
      2000 * HP.usdPerThDay,
    ],
    [
      'unassigned ASICs mine at the site fee',
      { ...asics, workload: { ...none, kind: 'none' as const } },
      2000 * HP.usdPerThDay * 0.98,
    ],
    ['curtailed ASICs earn nothing', { ...asics, workload: { ...none, kind: 'curtail' as const } }, 0],
    [
      'ASICs in maintenance earn nothing',
      { ...asics, workload: { ...none, kind: 'maintenance' as const } },
      0,
    ],
    [
      'a GPU server on a running job earns the job rate for its GPUs',
      {
        ...dgx,
        workload: { ...none, kind: 'job' as const, rateUsdPerGpuHour: 3, assignedGpus: 4, jobRunning: true },
      },
      4 * 3 * 24,
    ],
    [
      'a GPU server holding a job that has not started earns nothing yet',
      { ...dgx, workload: { ...none, kind: 'job' as const, rateUsdPerGpuHour: 3, assignedGpus: 4 } },
      0,
    ],
    [
      'a rented GPU server earns rate × utilisation',
      {
        ...dgx,
        workload: {
          ...none,
          kind: 'rent' as const,
          rateUsdPerGpuHour: 2,
          utilisationPct: 50,
          assignedGpus: 8,
        },
      },
      8 * 2 * 0.5 * 24,
    ],
    ['an idle GPU server earns nothing', { ...dgx, workload: { ...none, kind: 'idle' as const } }, 0],
    [
      'an unassigned GPU server earns nothing, whatever its telemetry utilisation',
      { ...dgx, workload: { ...none, kind: 'none' as const } },
      0,
    ],
    [
      'a GPU server on a pool earns nothing from GPU work',
      { ...dgx, workload: { ...none, kind: 'pool' as const, poolFeePct: 1 } },
      0,
    ],
  ] as [string, DeviceGroup, number][])('%s', (_, group, revenueUsdPerDay) => {
    const e = composeGroup(group, site, market);
    expect(e.revenueUsdPerDay).toBeCloseTo(revenueUsdPerDay, 9);
    // Energy still follows measured power: what the devices draw is what the site pays.
    expect(e.energyCostUsdPerDay).toBeCloseTo((group.powerW / 1000) * 24 * 1.05 * 0.04, 9);
  });

  it('keeps groups of one model on different work apart', () => {
    const a = composeGroup({ ...asics, workload: { ...none, kind: 'curtail' } }, site, market);
    const b = composeGroup({ ...asics, workload: { ...none, kind: 'pool', poolFeePct: 1 } }, site, market);
    expect(a.workloadKey).not.toBe(b.workloadKey);
    expect(a.workload).toBe('curtail');
  });
});
