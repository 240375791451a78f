import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HALVING_INTERVAL_BLOCKS, LAST_HALVING } from './constants';
import {
  blocksUntilNextHalving,
  estimateHalvingDate,
  halvingsAtHeight,
  nextHalvingHeight,
  subsidyBtcAtHeight,
  subsidySatsAtHeight,
} from './subsidy';

describe('subsidyBtcAtHeight', () => {
  it.each([
    [0, 50],
    [209_999, 50],
    [210_000, 25],
    [420_000, 12.5],
    [630_000, 6.25],
    [839_999, 6.25],
    [840_000, 3.125],
    [1_049_999, 3.125],
    [1_050_000, 1.5625],
    [1_260_000, 0.78125],
    // 32 halvings: 5e9 sats >> 32 = 1 sat; 33 halvings shifts it to zero.
    [6_929_999, 1e-8],
    [6_930_000, 0],
    [64 * HALVING_INTERVAL_BLOCKS, 0],
    [100 * HALVING_INTERVAL_BLOCKS, 0],
  ])('height %i → %f BTC', (height, btc) => {
    expect(subsidyBtcAtHeight(height)).toBe(btc);
  });

  it('matches the integer-satoshi schedule exactly: total issuance is 20,999,999.9769 BTC', () => {
    let totalSats = 0;
    for (let era = 0; era < 70; era++)
      totalSats += subsidySatsAtHeight(era * HALVING_INTERVAL_BLOCKS) * 210_000;
    expect(totalSats).toBe(2_099_999_997_690_000);
  });

  it('agrees with the verified halving block', () => {
    expect(subsidyBtcAtHeight(LAST_HALVING.height)).toBe(LAST_HALVING.subsidyBtc);
    expect(halvingsAtHeight(LAST_HALVING.height)).toBe(4);
  });

  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects height %f', (height) => {
    expect(() => subsidyBtcAtHeight(height)).toThrow(RangeError);
  });

  it('never increases with height', () => {
    fc.assert(
      fc.property(fc.nat(20_000_000), fc.nat(20_000_000), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(subsidySatsAtHeight(hi)).toBeLessThanOrEqual(subsidySatsAtHeight(lo));
      }),
    );
  });
});

describe('nextHalvingHeight / blocksUntilNextHalving', () => {
  it.each([
    [0, 210_000, 210_000],
    [839_999, 840_000, 1],
    [840_000, 1_050_000, 210_000],
    [870_020, 1_050_000, 179_980],
    [1_049_999, 1_050_000, 1],
    [1_050_000, 1_260_000, 210_000],
  ])('at height %i the next halving is %i, %i blocks away', (height, next, blocks) => {
    expect(nextHalvingHeight(height)).toBe(next);
    expect(blocksUntilNextHalving(height)).toBe(blocks);
    expect(subsidyBtcAtHeight(next)).toBe(subsidyBtcAtHeight(height) / 2);
  });
});

describe('estimateHalvingDate', () => {
  it('reproduces Hashrate Index: 179,980 blocks to go on 2024-11-12 → about 2028-04-15', () => {
    const estimate = estimateHalvingDate({ height: 870_020, now: new Date('2024-11-12T00:00:00Z') });
    expect(estimate.halvingHeight).toBe(1_050_000);
    expect(estimate.blocksRemaining).toBe(179_980);
    // The scan's time of day is unknown and HI rounds to a date: allow ±36 h.
    const offH = Math.abs(estimate.date.getTime() - Date.parse('2028-04-15T00:00:00Z')) / 3.6e6;
    expect(offH).toBeLessThan(36);
  });

  it.each([
    [600, '2028-04-17T08:09:27.000Z'],
    [540, '2027-11-23T12:09:27.000Z'],
  ])('from block 840,000 at %i s per block → %s', (avgBlockTimeS, iso) => {
    const now = new Date(LAST_HALVING.timestampS * 1000);
    const estimate = estimateHalvingDate({ height: LAST_HALVING.height, now, avgBlockTimeS });
    expect(estimate.remainingS).toBe(210_000 * avgBlockTimeS);
    expect(estimate.date.toISOString()).toBe(iso);
  });

  it('rejects a non-positive block time', () => {
    expect(() => estimateHalvingDate({ height: 1, now: new Date(0), avgBlockTimeS: 0 })).toThrow(RangeError);
  });
});
