import { describe, expect, it } from 'vitest';
import { hashprice } from '../economics/hashprice';
import { AllocationOverrideError, applyOverrides } from './overrides';
import { replan } from './replan';
import { DGX_H100, input, miners, S19J_PRO, servers, site } from './testing/fixtures';
import { planInputs } from './testing/plan-inputs';

const flat = (p: number, n = 4) => new Array<number>(n).fill(p);

function fleet() {
  return planInputs(
    input({
      sites: [site('1', flat(40)), site('2', [30, 31, 32, 33])],
      devices: [...miners('a', '1', S19J_PRO, 3), ...servers('g', '2', DGX_H100, 1)],
      rental: [{ gpuModel: 'h100', usdPerGpuH: 2, utilisation: 0.7 }],
    }),
  );
}

describe('applyOverrides', () => {
  it('returns the inputs unchanged without overrides', () => {
    const inputs = fleet();
    expect(applyOverrides(inputs, undefined)).toEqual(inputs);
    expect(applyOverrides(inputs, {})).toEqual(inputs);
  });

  it('hashprice wins over BTC price, difficulty and fees', () => {
    const out = applyOverrides(fleet(), { hashpriceUsdPerPhDay: 12, btcUsd: 1_000_000 });
    expect(out.instance.hashpriceUsdPerPhDay).toBe(12);
    expect(out.basis.hashpriceSource).toBe('override');
  });

  it('recomputes hashprice from BTC price with the basis difficulty, fees and subsidy', () => {
    const out = applyOverrides(fleet(), { btcUsd: 50_000 });
    const expected = hashprice({
      btcUsd: 50_000,
      difficulty: 150e12,
      feesBtcPerBlock: 0.02,
      subsidyBtc: 3.125,
    });
    expect(out.instance.hashpriceUsdPerPhDay).toBeCloseTo(expected.usdPerPhDay, 9);
    expect(out.basis.btcUsd).toBe(50_000);
    expect(out.basis.difficulty).toBe(150e12);
  });

  it('refuses a BTC override when the market has no difficulty', () => {
    const inputs = fleet();
    inputs.basis.difficulty = null;
    expect(() => applyOverrides(inputs, { btcUsd: 50_000 })).toThrow(AllocationOverrideError);
  });

  it('refuses to plan without any hashprice', () => {
    const inputs = fleet();
    inputs.basis.hashpriceUsdPerPhDay = null;
    expect(() => applyOverrides(inputs, undefined)).toThrow(/hashprice/);
    expect(applyOverrides(inputs, { hashpriceUsdPerPhDay: 40 }).instance.hashpriceUsdPerPhDay).toBe(40);
  });

  it('a single price is every interval; an array is per hour from the start', () => {
    const out = applyOverrides(fleet(), { priceUsdPerMwh: { '1': 500, '2': [90, 91] } });
    expect(out.instance.sites[0]!.priceUsdPerMwh).toEqual(flat(500));
    expect(out.instance.sites[1]!.priceUsdPerMwh).toEqual([90, 91, 32, 33]);
    expect(out.basis.priceSources['2']).toEqual(['override', 'override', 'known', 'known']);
  });

  it('per-hour arrays cover all the intervals of an hour', () => {
    const inputs = planInputs(
      input({
        intervalMin: 15,
        intervals: 8,
        sites: [site('1', flat(40, 8))],
        devices: miners('a', '1', S19J_PRO, 1),
      }),
    );
    const out = applyOverrides(inputs, { priceUsdPerMwh: { '1': [100] } });
    expect(out.instance.sites[0]!.priceUsdPerMwh).toEqual([100, 100, 100, 100, 40, 40, 40, 40]);
    expect(() => applyOverrides(inputs, { priceUsdPerMwh: { '1': [1, 2, 3] } })).toThrow(/2-hour horizon/);
  });

  it('names an unknown site', () => {
    try {
      applyOverrides(fleet(), { priceUsdPerMwh: { '9': 1 } });
      expect.unreachable();
    } catch (e) {
      expect((e as AllocationOverrideError).issues).toEqual([
        { path: 'overrides.priceUsdPerMwh.9', message: 'site is not in this plan' },
      ]);
    }
  });

  it('sets GPU rates by model, case-insensitively, adding a model with no rate yet', () => {
    const out = applyOverrides(fleet(), { gpuUsdPerHour: { H100: 5, 'RTX-4090': 0.5 } });
    expect(out.instance.rental).toEqual([
      { gpuModel: 'h100', usdPerGpuH: 5, utilisation: 0.7 },
      { gpuModel: 'rtx-4090', usdPerGpuH: 0.5, utilisation: 0.7 },
    ]);
  });

  it('never mutates its argument', () => {
    const inputs = fleet();
    const before = JSON.stringify(inputs);
    applyOverrides(inputs, { priceUsdPerMwh: { '1': 9 }, gpuUsdPerHour: { h100: 9 }, btcUsd: 1 });
    expect(JSON.stringify(inputs)).toBe(before);
  });
});

describe('replan', () => {
  it('a very high $/MWh curtails the miners; a low one keeps them mining', () => {
    const cheap = replan(fleet(), { priceUsdPerMwh: { '1': 10 }, hashpriceUsdPerPhDay: 50 }).plan;
    expect(cheap.devices.filter((d) => d.siteId === 1).every((d) => d.decision === 'mine')).toBe(true);
    const dear = replan(fleet(), { priceUsdPerMwh: { '1': 5_000 }, hashpriceUsdPerPhDay: 50 }).plan;
    const curtailed = dear.devices.filter((d) => d.siteId === 1);
    expect(curtailed.every((d) => d.decision === 'curtail' && d.changed)).toBe(true);
    expect(curtailed[0]!.reason).toMatch(/\$5000\/MWh is above this S19j Pro's breakeven/);
    expect(dear.sites.find((s) => s.siteId === 1)!.hours[0]!.miningKw).toBe(0);
  });

  it('turns constraints off on request', () => {
    const out = replan(fleet(), undefined, { constraints: { guardrails: false } });
    expect(out.inputs.instance.constraints).toEqual({ guardrails: false, holdTimes: true });
  });
});
