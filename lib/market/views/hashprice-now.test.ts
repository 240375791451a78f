import { describe, expect, it } from 'vitest';
import { computeHashprice, halvingFrom, type MarketValue } from './hashprice-now';

const NOW = Date.UTC(2026, 10, 21, 12);
const v = (value: number, over: Partial<MarketValue> = {}): MarketValue => ({
  value,
  ts: NOW - 30_000,
  fetchedAt: NOW - 30_000,
  provider: 'mempool',
  simulated: false,
  stale: false,
  staleReason: null,
  ...over,
});

describe('computeHashprice', () => {
  it('reproduces the 2024-12-23 check ($55.75/PH/day) and names its inputs', () => {
    const hp = computeHashprice({
      btcUsd: v(93_450, { provider: 'median(coinbase,kraken)', ts: NOW - 90_000 }),
      difficulty: v(108.52e12),
      feesBtcPerBlock: v(0.0931),
      blockHeight: v(875_000),
    })!;
    expect(hp.usdPerPhDay).toBeCloseTo(55.75, 2);
    expect(hp.subsidyBtc).toBe(3.125);
    expect(hp.ts).toBe(NOW - 90_000);
    expect(hp.inputs).toMatchObject({ btcUsd: 'median(coinbase,kraken)', difficulty: 'mempool' });
    expect(hp).toMatchObject({ stale: false, simulated: false, provider: 'computed' });
  });

  it('takes the subsidy from the height: 1.5625 BTC from block 1,050,000', () => {
    const hp = computeHashprice({
      btcUsd: v(93_450),
      difficulty: v(108.52e12),
      feesBtcPerBlock: v(0),
      blockHeight: v(1_050_000),
    })!;
    expect(hp.subsidyBtc).toBe(1.5625);
    expect(hp.usdPerPhDay).toBeCloseTo((55.75 * 1.5625) / 3.2181, 1);
  });

  it.each(['btcUsd', 'difficulty', 'feesBtcPerBlock'] as const)('is missing without %s', (missing) => {
    const inputs = {
      btcUsd: v(1),
      difficulty: v(1e12),
      feesBtcPerBlock: v(0.1),
      blockHeight: null,
      [missing]: null,
    };
    expect(computeHashprice(inputs)).toBeNull();
  });

  it('is stale and simulated when any input is', () => {
    const hp = computeHashprice({
      btcUsd: v(1, { simulated: true, provider: 'sim' }),
      difficulty: v(1e12, { stale: true }),
      feesBtcPerBlock: v(0.1),
      blockHeight: null,
    })!;
    expect(hp).toMatchObject({ stale: true, simulated: true, subsidyBtc: 3.125 });
  });
});

describe('halvingFrom', () => {
  it('estimates the date from the stored height at 600 s per block', () => {
    const h = halvingFrom(v(976_116), NOW);
    expect(h).toMatchObject({
      height: 1_050_000,
      blocksRemaining: 73_884,
      subsidyBtcNow: 3.125,
      subsidyBtcAfter: 1.5625,
    });
    expect(h.estimatedAt).toBe(NOW + 73_884 * 600_000);
    expect(h.basis).toContain('976,116 (mempool)');
  });

  it('falls back to the published estimate without a height', () => {
    const h = halvingFrom(null, NOW);
    expect(h).toMatchObject({
      height: 1_050_000,
      blocksRemaining: null,
      estimatedAt: Date.parse('2028-04-15'),
    });
  });
});
