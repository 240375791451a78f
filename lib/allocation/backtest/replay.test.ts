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

  it('counts the hours a reference policy draws more than the site cap', () => {
    // two 10 kW miners on a 15 kW cap: always mine is over it every hour; the optimizer never is
    const capped = { sites: [site('a', prices, { capacityKw: 15 })] };
    expect(run(prices, { kind: 'always-mine' }, capped).overCapHours).toBe(4);
    const opt = run(prices, { kind: 'optimizer' }, capped);
    expect(opt.overCapHours).toBe(0);
    // one miner in hours 0, 2, 3 (hour 1 is above breakeven): $2 − $1 per hour
    expect(opt.profitUsd).toBeCloseTo(3, 9);
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
