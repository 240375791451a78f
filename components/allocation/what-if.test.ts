import { describe, expect, it } from 'vitest';
import { deviceImpacts } from '@/lib/allocation/device-impact';
import { input, miners, S21, site } from '@/lib/allocation/testing/fixtures';
import { planInputs } from '@/lib/allocation/testing/plan-inputs';
import type { AllocationInput } from '@/lib/allocation/types';
import type { AllocationPlanInputs } from '@/lib/api-client/types';
import { hashprice } from '@/lib/economics/hashprice';
import { changeSummary, deviceRows, filterRows, groupRows } from './plan-rows';
import { NO_WHAT_IF, replanWhatIf, toOverrides, whatIfHashprice } from './what-if';

// One S21 profile (3,500 W, 200 TH/s): at hashprice $50/PH/day it earns $10/day on 84 kWh/day, so it
// breaks even at $119.05/MWh. At BTC $200k (difficulty 150 T, fees 0.02 BTC) hashprice is $84.36,
// breakeven $200.8/MWh: at $150/MWh it mines.
const S21_FULL = { ...S21, profiles: [S21.profiles[3]!], nominalIndex: 0 };

function withLabels(instance: AllocationInput): AllocationPlanInputs {
  return {
    ...planInputs(instance),
    labels: { sites: { '1': 'North' }, devices: { '10': { name: 'S21-A', model: 'S21' } }, jobs: {} },
  };
}

const base = withLabels(
  input({
    sites: [site('1', [150, 150, 150, 150])],
    minerModels: [S21_FULL],
    devices: miners('1', '1', S21_FULL, 3),
  }),
);

describe('what-if', () => {
  it('a higher BTC price turns curtailment into mining, re-planned in the browser', () => {
    const now = replanWhatIf(base, NO_WHAT_IF);
    expect(now.view.sites[0]!.hours.every((h) => h.miningKw === 0 && h.curtailedKw === 10.5)).toBe(true);
    const w = { ...NO_WHAT_IF, btcUsd: 200_000 };
    const expected = hashprice({
      btcUsd: 200_000,
      difficulty: 150e12,
      feesBtcPerBlock: 0.02,
      subsidyBtc: 3.125,
    });
    expect(whatIfHashprice(w, base)).toBeCloseTo(expected.usdPerPhDay, 6);
    const doubled = replanWhatIf(base, w);
    expect(doubled.input.hashpriceUsdPerPhDay).toBeCloseTo(84.36, 2);
    expect(doubled.view.sites[0]!.hours.every((h) => h.miningKw === 10.5)).toBe(true);
    expect(doubled.view.devices.map((d) => d.decision)).toEqual(['mine', 'mine', 'mine']);
    expect(doubled.ms).toBeGreaterThanOrEqual(0);
  });

  it('hashprice set directly wins over the BTC price', () => {
    const w = { ...NO_WHAT_IF, btcUsd: 200_000, hashpriceUsdPerPhDay: 20 };
    expect(toOverrides(w, base.instance)).toEqual({ hashpriceUsdPerPhDay: 20 });
    expect(whatIfHashprice(w, base)).toBe(20);
  });

  it('a mean $/MWh shifts the hourly prices and keeps their shape', () => {
    const shaped = withLabels(input({ sites: [site('1', [40, 60, 80, 100])], minerModels: [S21_FULL] }));
    const w = { ...NO_WHAT_IF, meanPriceUsdPerMwh: { '1': 100 } };
    expect(toOverrides(w, shaped.instance)).toEqual({ priceUsdPerMwh: { '1': [70, 90, 110, 130] } });
    expect(replanWhatIf(shaped, w).view.sites[0]!.hours.map((h) => h.priceUsdPerMwh)).toEqual([
      70, 90, 110, 130,
    ]);
  });
});

describe('plan rows', () => {
  it('names devices, groups like decisions, prices the change and counts what changes', () => {
    const { view, input: inp } = replanWhatIf(base, NO_WHAT_IF);
    const rows = deviceRows(view.devices, inp, deviceImpacts(inp, view.devices));
    expect(rows.map((r) => r.name)).toEqual(['S21-A', '11', '12']);
    expect(rows[0]).toMatchObject({
      modelName: 'S21',
      deviceClass: 'asic',
      now: 'mine',
      decision: 'curtail',
    });
    // Mining at $150/MWh: $10/24 revenue − 3.5 kW × $0.15 = −$0.1083/h, so curtailing gains that.
    expect(rows[0]!.impact!.deltaUsdPerH).toBeCloseTo(3.5 * 0.15 - 10 / 24, 6);
    const groups = groupRows(rows);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 3, changed: 3, decision: 'curtail' });
    expect(groups[0]!.deltaUsdPerH).toBeCloseTo(3 * (3.5 * 0.15 - 10 / 24), 6);
    expect(changeSummary(rows)).toEqual([{ from: 'mine', to: 'curtail', devices: 3 }]);
    expect(filterRows(rows, { decision: 'mine', changedOnly: false, q: '' })).toEqual([]);
    expect(
      filterRows(rows, { decision: 'all', changedOnly: true, q: 's21-a' }).map((r) => r.deviceId),
    ).toEqual([10]);
  });
});
