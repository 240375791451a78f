import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feesBtcPerBlockFromSharePct, hashprice } from './hashprice';
import {
  breakevenUsdPerMwh,
  deviceMiningEconomics,
  energyCostUsdPerDay,
  energyKwhPerDay,
  hashcostUsdPerPhDay,
  miningRevenuePerDay,
  miningValueUsdPerMwh,
} from './mining';

// Tolerances: toBeCloseTo(x, n) ⇒ |actual − x| < 10^−n / 2, i.e. equal at the reference's printed rounding.

// 2025-03-03 conditions: $50.06/PH/day (reference §1.4).
const march2025 = hashprice({
  difficulty: 110.57e12,
  btcUsd: 86_350,
  feesBtcPerBlock: feesBtcPerBlockFromSharePct(3.125, 1.93),
  subsidyBtc: 3.125,
});

describe('breakeven electricity price (reference §1.9, $54.3/PH/day, no pool fee, PUE 1)', () => {
  it.each([
    ['S21', 17.5, 0.129],
    ['S19 XP', 21.5, 0.105],
    ['S19j Pro', 29.5, 0.077],
  ])('%s at %f J/TH → $%f/kWh', (_model, efficiencyJPerTh, usdPerKwh) => {
    const args = { usdPerThDay: 0.0543, poolFeePct: 0, efficiencyJPerTh, pue: 1 };
    expect(breakevenUsdPerMwh(args) / 1000).toBeCloseTo(usdPerKwh, 3);
    expect(miningValueUsdPerMwh(args)).toBe(breakevenUsdPerMwh(args));
  });

  it('falls with pool fee and PUE', () => {
    const base = { usdPerThDay: 0.0543, efficiencyJPerTh: 17.5 };
    const clean = breakevenUsdPerMwh({ ...base, poolFeePct: 0, pue: 1 });
    expect(breakevenUsdPerMwh({ ...base, poolFeePct: 2, pue: 1 })).toBeCloseTo(clean * 0.98, 9);
    expect(breakevenUsdPerMwh({ ...base, poolFeePct: 0, pue: 1.25 })).toBeCloseTo(clean / 1.25, 9);
  });
});

describe('hashcost (reference §1.8)', () => {
  it('S21 XP, 13.5 J/TH, $50/MWh, PUE 1 → $16.2/PH/day', () => {
    expect(hashcostUsdPerPhDay({ efficiencyJPerTh: 13.5, priceUsdPerMwh: 50, pue: 1 })).toBeCloseTo(16.2, 1);
  });
});

describe('S21 XP per MW (reference §1.11: PUE 1.05, $50.06/PH/day, FPPS 2%, $0.05/kWh)', () => {
  const unit = {
    hashrateThs: 270,
    powerW: 3645,
    hashprice: march2025,
    poolFeePct: 2,
    pue: 1.05,
    priceUsdPerMwh: 50,
  };

  it('one unit earns +$8.65/day with a $0.144/kWh breakeven', () => {
    const economics = deviceMiningEconomics(unit);
    expect(economics.marginUsdPerDay).toBeCloseTo(8.65, 2);
    expect((economics.breakevenUsdPerMwh ?? 0) / 1000).toBeCloseTo(0.144, 3);
    expect(economics.efficiencyJPerTh).toBeCloseTo(13.5, 1);
    expect(economics.marginUsdPerH * 24).toBeCloseTo(economics.marginUsdPerDay, 12);
  });

  it('261 units = 70.5 PH/s gross ≈ $3,460/day = $144/MWh', () => {
    const units = Math.floor(1e6 / (unit.powerW * unit.pue));
    expect(units).toBe(261);
    const fleet = deviceMiningEconomics({ ...unit, hashrateThs: units * 270, powerW: units * unit.powerW });
    expect(fleet.revenueUsdPerDay).toBeCloseTo(3460, -1);
    expect((fleet.revenueUsdPerDay / fleet.energyKwhPerDay) * 1000).toBeCloseTo(144, 0);
    expect(
      miningValueUsdPerMwh({
        usdPerThDay: march2025.usdPerThDay,
        poolFeePct: 2,
        efficiencyJPerTh: 13.5,
        pue: 1.05,
      }),
    ).toBeCloseTo(144, 0);
  });
});

describe('energy', () => {
  it.each([
    // powerW, pue, uptime, kWh/day, $/MWh, $/day
    [3500, 1, 1, 84, 50, 4.2],
    [3500, 1.05, 1, 88.2, 50, 4.41],
    [3500, 1.3, 0.5, 54.6, 40, 2.184],
    [3500, 1, 0, 0, 50, 0],
    [1000, 1, 1, 24, -20, -0.48], // negative spot prices pay the consumer
  ])(
    '%f W at PUE %f, uptime %f → %f kWh/day, at $%f/MWh → $%f/day',
    (powerW, pue, uptime, kwh, price, cost) => {
      expect(energyKwhPerDay({ powerW, pue, uptime })).toBeCloseTo(kwh, 9);
      expect(energyCostUsdPerDay({ powerW, pue, uptime, priceUsdPerMwh: price })).toBeCloseTo(cost, 9);
    },
  );

  it.each([[{ pue: 0.99 }], [{ powerW: -1 }], [{ uptime: 1.01 }], [{ priceUsdPerMwh: Number.NaN }]])(
    'rejects %o',
    (override) => {
      expect(() => energyCostUsdPerDay({ powerW: 100, pue: 1, priceUsdPerMwh: 50, ...override })).toThrow(
        RangeError,
      );
    },
  );
});

describe('miningRevenuePerDay and deviceMiningEconomics edges', () => {
  it('pays hashrate × hashprice × (1 − fee) × uptime', () => {
    const revenue = miningRevenuePerDay({
      hashrateThs: 200,
      hashprice: march2025,
      poolFeePct: 2.5,
      uptime: 0.9,
    });
    expect(revenue.btc).toBeCloseTo(200 * march2025.btcPerThDay * 0.975 * 0.9, 15);
    expect(revenue.usd).toBeCloseTo(revenue.btc * 86_350, 9);
  });

  it('reports null efficiency and breakeven for an idle device rather than dividing by zero', () => {
    const idle = deviceMiningEconomics({ ...base(), hashrateThs: 0, powerW: 0 });
    expect(idle).toMatchObject({ revenueUsdPerDay: 0, energyCostUsdPerDay: 0, efficiencyJPerTh: null });
    expect(idle.breakevenUsdPerMwh).toBeNull();
  });

  it('keeps the breakeven at zero uptime, where revenue and cost are both zero', () => {
    const down = deviceMiningEconomics({ ...base(), uptime: 0 });
    expect(down.marginUsdPerDay).toBe(0);
    expect(down.breakevenUsdPerMwh).toBeCloseTo(deviceMiningEconomics(base()).breakevenUsdPerMwh ?? 0, 9);
  });

  it('pays nothing at a 100% pool fee and rejects fees above it', () => {
    expect(miningRevenuePerDay({ hashrateThs: 100, hashprice: march2025, poolFeePct: 100 }).usd).toBe(0);
    expect(() => miningRevenuePerDay({ hashrateThs: 100, hashprice: march2025, poolFeePct: 101 })).toThrow(
      RangeError,
    );
  });
});

function base() {
  return {
    hashrateThs: 200,
    powerW: 3500,
    hashprice: march2025,
    poolFeePct: 2,
    pue: 1.05,
    priceUsdPerMwh: 45,
  };
}

const wild = {
  hashrateThs: fc.double({ min: 0.001, max: 1e6, noNaN: true }),
  efficiencyJPerTh: fc.double({ min: 5, max: 1e7, noNaN: true }),
  usdPerThDay: fc.double({ min: 1e-4, max: 1, noNaN: true }),
  poolFeePct: fc.double({ min: 0, max: 10, noNaN: true }),
  pue: fc.double({ min: 1, max: 2, noNaN: true }),
};

describe('properties', () => {
  it('margin is zero at the breakeven price, and the device and efficiency breakevens agree', () => {
    fc.assert(
      fc.property(
        wild.hashrateThs,
        wild.efficiencyJPerTh,
        wild.usdPerThDay,
        wild.poolFeePct,
        wild.pue,
        (h, eta, hp, fee, pue) => {
          const rates = { usdPerThDay: hp, btcPerThDay: hp / 1e5 };
          const breakeven = breakevenUsdPerMwh({
            usdPerThDay: hp,
            poolFeePct: fee,
            efficiencyJPerTh: eta,
            pue,
          });
          const device = { hashrateThs: h, powerW: h * eta, hashprice: rates, poolFeePct: fee, pue };
          const atBreakeven = deviceMiningEconomics({ ...device, priceUsdPerMwh: breakeven });
          expect(Math.abs(atBreakeven.marginUsdPerDay)).toBeLessThan(1e-9 * atBreakeven.revenueUsdPerDay);
          expect((atBreakeven.breakevenUsdPerMwh ?? 0) / breakeven).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it('revenue never falls as hashrate rises', () => {
    fc.assert(
      fc.property(wild.hashrateThs, wild.hashrateThs, wild.poolFeePct, (a, b, fee) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const revenue = (h: number) =>
          miningRevenuePerDay({ hashrateThs: h, hashprice: march2025, poolFeePct: fee }).usd;
        expect(revenue(hi)).toBeGreaterThanOrEqual(revenue(lo));
      }),
    );
  });
});
