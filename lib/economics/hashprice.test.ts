import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blocksPerDay,
  expectedYearsToBlock,
  feesBtcPerBlockFromSharePct,
  hashprice,
  networkHashrateEhs,
  networkHashrateHs,
  rewardBtcPerBlock,
  soloBlockProbability,
} from './hashprice';

// Tolerance: toBeCloseTo(x, n) passes when |actual − x| < 10^−n / 2, i.e. the value rounds to the
// reference's own printed digits. n is chosen to match how many digits the reference prints.

describe('hashprice: reference §1.4 worked examples', () => {
  it.each([
    // date, D, BTC price, fees BTC/block, BTC/PH/day (8 dp), $/PH/day (2 dp)
    ['2024-12-23', 108.52e12, 93_450, 0.0931, 0.00059655, 55.75],
    ['2025-03-03', 110.57e12, 86_350, feesBtcPerBlockFromSharePct(3.125, 1.93), 0.00057974, 50.06],
  ])(
    '%s → %f BTC/PH/day, $%f/PH/day',
    (_date, difficulty, btcUsd, feesBtcPerBlock, btcPerPhDay, usdPerPhDay) => {
      const hp = hashprice({ difficulty, btcUsd, feesBtcPerBlock, subsidyBtc: 3.125 });
      expect(hp.btcPerPhDay).toBeCloseTo(btcPerPhDay, 8);
      expect(hp.usdPerPhDay).toBeCloseTo(usdPerPhDay, 2);
      expect(hp.usdPerThDay).toBeCloseTo(usdPerPhDay / 1000, 5);
      expect(hp.satsPerThDay).toBeCloseTo(btcPerPhDay * 1e5, 3);
    },
  );

  it('late-2025 five-year low: ~152 T, ~$91,000, fees 0.6% → ≈ $37.9/PH/day', () => {
    const fees = feesBtcPerBlockFromSharePct(3.125, 0.6);
    expect(rewardBtcPerBlock(3.125, fees)).toBeCloseTo(3.144, 3);
    expect(
      hashprice({ difficulty: 152e12, btcUsd: 91_000, feesBtcPerBlock: fees, subsidyBtc: 3.125 }).usdPerPhDay,
    ).toBeCloseTo(37.9, 1);
  });

  // Luxor smooths fees over 144 blocks and uses its own price feed, so ours differs by about 1%.
  it.each([
    [108.52e12, 93_450, 0.0931, 55.21],
    [110.57e12, 86_350, feesBtcPerBlockFromSharePct(3.125, 1.93), 49.4],
  ])(
    'stays within 1.5 pct of the published index (D %f)',
    (difficulty, btcUsd, feesBtcPerBlock, published) => {
      const { usdPerPhDay } = hashprice({ difficulty, btcUsd, feesBtcPerBlock, subsidyBtc: 3.125 });
      expect(Math.abs(usdPerPhDay / published - 1)).toBeLessThan(0.015);
    },
  );

  it('derives R = 3.1865 from a 1.93% fee share', () => {
    expect(rewardBtcPerBlock(3.125, feesBtcPerBlockFromSharePct(3.125, 1.93))).toBeCloseTo(3.1865, 4);
  });

  it('has the constant 86,400e12 / 2^32 = 2.0116568e7 BTC/TH/day at D = 1 and R = 1', () => {
    const { btcPerThDay } = hashprice({ difficulty: 1, btcUsd: 1, feesBtcPerBlock: 0, subsidyBtc: 1 });
    expect(btcPerThDay / 2.0116568e7).toBeCloseTo(1, 7);
  });

  it('with zero fees pays the subsidy alone', () => {
    const zero = hashprice({ difficulty: 100e12, btcUsd: 1, feesBtcPerBlock: 0, subsidyBtc: 3.125 });
    const half = hashprice({ difficulty: 100e12, btcUsd: 1, feesBtcPerBlock: 0, subsidyBtc: 1.5625 });
    expect(zero.btcPerThDay).toBeCloseTo(2 * half.btcPerThDay, 15);
    expect(zero.btcPerThDay).toBeCloseTo((2.0116568e7 * 3.125) / 100e12, 12);
  });

  it.each([
    [{ difficulty: 0 }],
    [{ difficulty: -1 }],
    [{ difficulty: Number.NaN }],
    [{ btcUsd: -1 }],
    [{ feesBtcPerBlock: -0.01 }],
    [{ subsidyBtc: Number.POSITIVE_INFINITY }],
  ])('rejects %o', (override) => {
    const base = { difficulty: 1e14, btcUsd: 1e5, feesBtcPerBlock: 0.05, subsidyBtc: 3.125 };
    expect(() => hashprice({ ...base, ...override })).toThrow(RangeError);
  });

  it('is linear in BTC price and inversely proportional to difficulty', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e9, max: 1e17, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (difficulty, btcUsd, feesBtcPerBlock, k) => {
          const base = hashprice({ difficulty, btcUsd, feesBtcPerBlock, subsidyBtc: 3.125 });
          const priced = hashprice({ difficulty, btcUsd: btcUsd * k, feesBtcPerBlock, subsidyBtc: 3.125 });
          const harder = hashprice({
            difficulty: difficulty * k,
            btcUsd,
            feesBtcPerBlock,
            subsidyBtc: 3.125,
          });
          expect(priced.usdPerPhDay / (base.usdPerPhDay * k)).toBeCloseTo(1, 10);
          expect(harder.btcPerThDay * k).toBeCloseTo(base.btcPerThDay, 12);
        },
      ),
    );
  });
});

describe('network hashrate from difficulty', () => {
  it.each([
    [110.57e12, 791.5, 1], // reference §1.2
    [88.1e12, 631, 0], // "a peak of 88.1 T (630 EH implied)"; 630.6 rounds to 631
  ])('D %f → %f EH/s', (difficulty, ehs, digits) => {
    expect(networkHashrateEhs(difficulty)).toBeCloseTo(ehs, digits);
  });

  it('finds exactly 144 blocks a day at the implied network hashrate', () => {
    const difficulty = 110.57e12;
    expect(blocksPerDay(networkHashrateHs(difficulty) / 1e12, difficulty)).toBeCloseTo(144, 9);
  });
});

describe('solo mining odds (reference §1.3, D = 150 T)', () => {
  const difficulty = 150e12;
  it.each([
    // device, TH/s, expected years to a block, tolerance as printed ("about")
    ['Bitaxe Gamma 1.2 TH/s', 1.2, 17_000, 500],
    ['NerdMiner 78 kH/s', 7.8e-8, 2.6e11, 0.05e11],
    ['S21 XP 270 TH/s', 270, 76, 0.5],
  ])('%s → about %f years', (_name, hashrateThs, years, tolerance) => {
    expect(Math.abs(expectedYearsToBlock({ hashrateThs, difficulty }) - years)).toBeLessThan(tolerance);
  });

  it('Bitaxe Gamma finds 1.6e-7 blocks/day', () => {
    expect(blocksPerDay(1.2, difficulty) / 1e-7).toBeCloseTo(1.6, 1);
  });

  it('a 78 kH/s micro-miner keeps a non-zero daily probability equal to λ = h·t/(D·2^32)', () => {
    const lambda = (78e3 * 86_400) / (110.57e12 * 2 ** 32);
    const p = soloBlockProbability({ hashrateThs: 7.8e-8, difficulty: 110.57e12, durationS: 86_400 });
    expect(p).toBeGreaterThan(0);
    expect(p / lambda).toBeCloseTo(1, 12);
  });

  it.each([
    [0, 86_400, 0],
    [270, 0, 0],
    // One S21 XP for a year: λ = 270e12 × 31,557,600 / (150e12 × 2^32) = 0.013225…
    [270, 31_557_600, -Math.expm1(-(270e12 * 31_557_600) / (150e12 * 2 ** 32))],
    [1e12, 86_400, 1],
  ])('P(h = %f TH/s, t = %i s) = %f', (hashrateThs, durationS, p) => {
    expect(soloBlockProbability({ hashrateThs, difficulty, durationS })).toBeCloseTo(p, 12);
  });

  it('expects no block ever at zero hashrate', () => {
    expect(expectedYearsToBlock({ hashrateThs: 0, difficulty })).toBe(Number.POSITIVE_INFINITY);
  });

  it('stays in [0, 1] and grows with hashrate and duration', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (hashrateThs, extraThs, durationS) => {
          const p = soloBlockProbability({ hashrateThs, difficulty, durationS });
          const more = soloBlockProbability({ hashrateThs: hashrateThs + extraThs, difficulty, durationS });
          expect(p).toBeGreaterThanOrEqual(0);
          expect(more).toBeLessThanOrEqual(1);
          expect(more).toBeGreaterThanOrEqual(p);
        },
      ),
    );
  });
});
