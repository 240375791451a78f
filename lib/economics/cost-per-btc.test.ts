import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costToProduceBtc, energyCostPerBtc, energyKwhPerBtc, hashesPerBtc } from './cost-per-btc';
import { hashprice } from './hashprice';
import { energyCostUsdPerDay, miningRevenuePerDay } from './mining';

// Reference §1.10 at D = 110.57 T, R = 3.1865, PUE 1. Tolerances are the table's own rounding: kWh to the
// nearest 100 (±50), costs to the nearest $0.1k (±$50); toBeCloseTo(x, −2) checks |diff| < 50.
const network = { difficulty: 110.57e12, rewardBtcPerBlock: 3.1865 };

describe('energy cost per BTC (reference §1.10 table)', () => {
  it('needs about 1.49e23 hashes per BTC', () => {
    expect(hashesPerBtc(network) / 1e23).toBeCloseTo(1.49, 2);
  });

  it.each([
    // η J/TH, kWh/BTC, $ at 0.04, 0.05, 0.07 per kWh
    [13.5, 558_900, 22_400, 27_900, 39_100],
    [17.5, 724_500, 29_000, 36_200, 50_700],
    [21.5, 890_100, 35_600, 44_500, 62_300],
    // The reference prints $48.9k here, but its own 1,221,200 kWh × $0.04 = $48,848: a slip in the note.
    [29.5, 1_221_200, 48_800, 61_100, 85_500],
  ])('%f J/TH → %i kWh/BTC, $%i / $%i / $%i', (efficiencyJPerTh, kwh, at40, at50, at70) => {
    expect(energyKwhPerBtc({ ...network, efficiencyJPerTh })).toBeCloseTo(kwh, -2);
    const cost = (priceUsdPerMwh: number) =>
      energyCostPerBtc({ ...network, efficiencyJPerTh, pue: 1, priceUsdPerMwh });
    expect(cost(40)).toBeCloseTo(at40, -2);
    expect(cost(50)).toBeCloseTo(at50, -2);
    expect(cost(70)).toBeCloseTo(at70, -2);
  });

  it.each([
    [{ pue: 1.1 }, 1.1],
    [{ poolFeePct: 2 }, 1 / 0.98],
    [{ pue: 1.05, poolFeePct: 2.5 }, 1.05 / 0.975],
  ])('scales with %o by %f', (extra, factor) => {
    const plain = energyKwhPerBtc({ ...network, efficiencyJPerTh: 17.5 });
    expect(energyKwhPerBtc({ ...network, efficiencyJPerTh: 17.5, ...extra }) / plain).toBeCloseTo(factor, 12);
  });

  it('never earns a BTC at a 100% pool fee', () => {
    expect(energyKwhPerBtc({ ...network, efficiencyJPerTh: 17.5, poolFeePct: 100 })).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

describe('costToProduceBtc', () => {
  it.each([
    [22_400, 1, 22_400],
    [1_000, 0.02, 50_000],
    [-50, 0.5, -100], // a site paid to consume power in negative-price hours
    [500, 0, null],
  ])('$%f for %f BTC → %s per BTC', (energyCostUsd, btcEarned, expected) => {
    const cost = costToProduceBtc({ energyCostUsd, btcEarned });
    if (expected === null) expect(cost).toBeNull();
    else expect(cost).toBeCloseTo(expected, 9);
  });

  it('rejects negative BTC', () => {
    expect(() => costToProduceBtc({ energyCostUsd: 1, btcEarned: -1 })).toThrow(RangeError);
  });

  it('equals a fleet’s daily energy cost ÷ daily BTC from the mining functions', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 10, max: 40, noNaN: true }),
        fc.double({ min: 1e12, max: 1e15, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 1, max: 1.5, noNaN: true }),
        fc.double({ min: -100, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (hashrateThs, efficiencyJPerTh, difficulty, feesBtcPerBlock, pue, priceUsdPerMwh, poolFeePct) => {
          const rates = hashprice({ difficulty, btcUsd: 1e5, feesBtcPerBlock, subsidyBtc: 3.125 });
          const btcEarned = miningRevenuePerDay({ hashrateThs, hashprice: rates, poolFeePct }).btc;
          const energyCostUsd = energyCostUsdPerDay({
            powerW: hashrateThs * efficiencyJPerTh,
            pue,
            priceUsdPerMwh,
          });
          const measured = costToProduceBtc({ energyCostUsd, btcEarned }) ?? Number.NaN;
          const modelled = energyCostPerBtc({
            efficiencyJPerTh,
            difficulty,
            rewardBtcPerBlock: 3.125 + feesBtcPerBlock,
            pue,
            poolFeePct,
            priceUsdPerMwh,
          });
          expect(Math.abs(measured - modelled)).toBeLessThanOrEqual(1e-9 * Math.abs(modelled) + 1e-9);
        },
      ),
    );
  });
});
