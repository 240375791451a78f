import { describe, expect, it } from 'vitest';
import { DGX_H100, input, miners, servers, site } from '../testing/fixtures';
import type { AllocationInput, MinerModel } from '../types';
import { type BacktestPolicy, type BacktestSeries, runBacktest } from './replay';

// One 10 kW miner making 1,000 TH/s: at hashprice $48/PH/day it earns 1000/1000 × 48 / 24 = $2 per
// hour and pays 10 kW × $/MWh / 1000 = price/100 per hour, so its breakeven is $200/MWh.
const BIG: MinerModel = {
  modelId: 'big',
  name: 'Big',
  class: 'asic',
  profiles: [{ powerW: 10_000, hashrateThs: 1000 }],
  nominalIndex: 0,
};

const START = Date.UTC(2024, 0, 1);

function fleet(prices: number[], over: Partial<AllocationInput> = {}): AllocationInput {
  return input({
    sites: [site('a', prices)],
    minerModels: [BIG],
    devices: miners('m', 'a', BIG, 2),
    ...over,
  });
}

const series = (prices: number[], hp = 48): BacktestSeries => ({
  startMs: START,
  priceUsdPerMwh: prices,
  hashpriceUsdPerPhDay: prices.map(() => hp),
});

const run = (
  prices: number[],
  policy: BacktestPolicy,
  over: Partial<AllocationInput> = {},
  switchCostUsd?: number,
) => runBacktest(fleet(prices, over), series(prices), [policy], { switchCostUsd })[0]!;

describe('backtest policy replay', () => {
  const prices = [100, 300, 100, 100];

  it('always mine: every hour at nameplate', () => {
    const r = run(prices, { kind: 'always-mine' });
    // per miner: revenue 4 × $2 = $8, energy (100+300+100+100)/100 = $6
    expect(r.miningRevenueUsd).toBeCloseTo(16, 9);
    expect(r.energyCostUsd).toBeCloseTo(12, 9);
    expect(r.profitUsd).toBeCloseTo(4, 9);
    expect(r.mwh).toBeCloseTo(0.08, 9);
    expect(r.curtailedHours).toBe(0);
    expect(r.switches).toBe(0);
    expect(r.cumulative.map((p) => p.profitUsd)).toEqual(
      [4 - 2, 4 - 2 - 2, 4 - 2 - 2 + 2, 4].map((x) => expect.closeTo(x, 9)),
    );
    expect(r.cumulative[0]!.ts).toBe(START + 3_600_000);
  });

  it('strike: curtails exactly the hours priced above the strike', () => {
    const r = run(prices, { kind: 'strike', strikeUsdPerMwh: 200 });
    // hours 0, 2, 3 on: per miner revenue $6, energy $3
    expect(r.profitUsd).toBeCloseTo(6, 9);
    expect(r.curtailedHours).toBe(1);
    expect(r.curtailedDeviceHours).toBe(2);
    expect(r.switches).toBe(4);
    expect(r.mwh).toBeCloseTo(0.06, 9);
    // a price equal to the strike still mines
    expect(run([200, 200], { kind: 'strike', strikeUsdPerMwh: 200 }).curtailedHours).toBe(0);
  });

  it('strike: switch costs are booked', () => {
    const r = run(prices, { kind: 'strike', strikeUsdPerMwh: 200 }, {}, 0.5);
    expect(r.switchCostUsd).toBeCloseTo(2, 9);
    expect(r.profitUsd).toBeCloseTo(4, 9);
  });

  it('strike: curtailed hours equal the hours above the strike on a random series', () => {
    let x = 7;
    const random = Array.from({ length: 24 * 14 }, () => {
      x = (x * 48271) % 2147483647;
      return (x % 40000) / 100 - 50;
    });
    const r = run(random, { kind: 'strike', strikeUsdPerMwh: 120 });
    expect(r.curtailedHours).toBe(random.filter((p) => p > 120).length);
  });

  it('strike: the minimum hold keeps a state through the next hours', () => {
    const spiky = [100, 300, 100, 300, 100, 100];
    // no hold: off in hours 1 and 3 → 4 switches per miner
    const free = run(spiky, { kind: 'strike', strikeUsdPerMwh: 200 });
    expect(free.curtailedHours).toBe(2);
    expect(free.switches).toBe(8);
    // hold 2 h: off at hour 1, must stay off through hour 2, still above at 3, back on at 4
    const held = run(spiky, { kind: 'strike', strikeUsdPerMwh: 200, minHoldH: 2 });
    expect(held.curtailedHours).toBe(3);
    expect(held.switches).toBe(4);
    // per miner: on in hours 0, 4, 5: revenue $6, energy $3
    expect(held.profitUsd).toBeCloseTo(6, 9);
  });

  it('the reference policies keep the site cap like the optimizer: least efficient miner shed first', () => {
    // A 10 kW miner at 1,000 TH/s and a 10 kW one at 800 TH/s on a 15 kW cap: only one fits.
    const WEAK: MinerModel = { ...BIG, modelId: 'weak', profiles: [{ powerW: 10_000, hashrateThs: 800 }] };
    const capped = {
      sites: [site('a', prices, { capacityKw: 15 })],
      minerModels: [BIG, WEAK],
      devices: [...miners('m', 'a', BIG, 1), ...miners('w', 'a', WEAK, 1)],
    };
    const always = run(prices, { kind: 'always-mine' }, capped);
    expect(always.overCapHours).toBe(0);
    // the big miner every hour: 4 × $2 − $6; the weak one never runs
    expect(always.mwh).toBeCloseTo(0.04, 9);
    expect(always.profitUsd).toBeCloseTo(2, 9);
    expect(always.capShedDeviceHours).toBe(4);
    expect(always.curtailedHours).toBe(4);
    // the weak one starts mining (state at the start) and is switched off once by the cap
    expect(always.switches).toBe(1);
    const strike = run(prices, { kind: 'strike', strikeUsdPerMwh: 200 }, capped);
    expect(strike.overCapHours).toBe(0);
    // the big miner in hours 0, 2, 3: 3 × $2 − $3
    expect(strike.profitUsd).toBeCloseTo(3, 9);
    expect(strike.mwh).toBeCloseTo(0.03, 9);
    expect(strike.capShedDeviceHours).toBe(3);
    const opt = run(prices, { kind: 'optimizer' }, capped);
    expect(opt.overCapHours).toBe(0);
    expect(opt.profitUsd).toBeCloseTo(3, 9);
    // without the cap always mine runs both every hour
    const free = run(prices, { kind: 'always-mine' }, { ...capped, sites: [site('a', prices)] });
    expect(free.mwh).toBeCloseTo(0.08, 9);
    expect(free.capShedDeviceHours).toBe(0);
  });

  it('a binding cap releases rented GPUs after the miners; what cannot be shed counts as over the cap', () => {
    // one 10.2 kW DGX (idle share + 8 GPUs) and one 10 kW miner on a cap that leaves room for the DGX only
    const base = {
      gpuModels: [DGX_H100],
      devices: [...servers('g', 'a', DGX_H100, 1), ...miners('m', 'a', BIG, 1)],
      rental: [{ gpuModel: 'h100', usdPerGpuH: 2, utilisation: 0.5 }],
    };
    const fitsDgx = run(
      [100, 100],
      { kind: 'always-mine' },
      { ...base, sites: [site('a', [100, 100], { capacityKw: 12 })] },
    );
    expect(fitsDgx.overCapHours).toBe(0);
    expect(fitsDgx.capShedDeviceHours).toBe(2);
    expect(fitsDgx.aiRevenueUsd).toBeCloseTo(16, 9);
    expect(fitsDgx.miningRevenueUsd).toBeCloseTo(0, 9);
    // a 1 kW cap: the miner off, every GPU released, the idle draw alone is still over it
    const tiny = run(
      [100, 100],
      { kind: 'always-mine' },
      { ...base, sites: [site('a', [100, 100], { capacityKw: 1 })] },
    );
    expect(tiny.aiRevenueUsd).toBeCloseTo(0, 9);
    expect(tiny.miningRevenueUsd).toBeCloseTo(0, 9);
    expect(tiny.overCapHours).toBe(2);
  });

  it('strike: a site that cannot shed load always mines', () => {
    const r = run(
      prices,
      { kind: 'strike', strikeUsdPerMwh: 200 },
      { sites: [site('a', prices, { curtailable: false })] },
    );
    expect(r.curtailedHours).toBe(0);
  });

  it('optimizer curtails the hour above breakeven, with or without look-ahead', () => {
    for (const lookahead of [true, false]) {
      const r = run(prices, { kind: 'optimizer', lookahead });
      expect(r.curtailedHours).toBe(1);
      expect(r.profitUsd).toBeCloseTo(6, 9);
    }
  });

  it('look-ahead rides a 3-hour spike the hour-by-hour optimizer cannot justify', () => {
    // Curtailing hours 1–3 saves $1 per hour per miner, $3 in all, for two switches at $1.20:
    // worth it seen whole (+$0.60 per miner); one hour at a time it never pays (+$1 − $1.20).
    const spike = [100, 300, 300, 300, 100, 100, 100];
    const ahead = run(spike, { kind: 'optimizer', lookahead: true }, {}, 1.2);
    expect(ahead.curtailedHours).toBe(3);
    expect(ahead.switches).toBe(4);
    // always mine per miner: 7 × $2 − $13 = $1; curtailed 1–3: 4 × $2 − $4 − $2.40 = $1.60
    expect(ahead.profitUsd).toBeCloseTo(3.2, 9);
    const blind = run(spike, { kind: 'optimizer', lookahead: false }, {}, 1.2);
    expect(blind.curtailedHours).toBe(0);
    expect(blind.profitUsd).toBeCloseTo(2, 9);
  });

  it('GPU rental: the reference policies rent every GPU; AI revenue is rate × utilisation', () => {
    const base = {
      gpuModels: [DGX_H100],
      devices: servers('g', 'a', DGX_H100, 1),
      rental: [{ gpuModel: 'h100', usdPerGpuH: 2, utilisation: 0.5 }],
    };
    const r = run([100, 100], { kind: 'always-mine' }, base);
    // 8 GPUs × $2 × 0.5 × 2 h = $16; energy 10.2 kW × $100/MWh × 2 h = $2.04
    expect(r.aiRevenueUsd).toBeCloseTo(16, 9);
    expect(r.energyCostUsd).toBeCloseTo(2.04, 9);
    const opt = run([100, 100], { kind: 'optimizer' }, base);
    expect(opt.aiRevenueUsd).toBeCloseTo(16, 9);
  });
});
