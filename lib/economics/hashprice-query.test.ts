import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeHashpriceResponse, type HashpriceQuery, parseHashpriceQuery } from './hashprice-query';

const valid = { difficulty: '108.52e12', btcUsd: '93450', feesBtcPerBlock: '0.0931' };

function parsed(input: Parameters<typeof parseHashpriceQuery>[0]): HashpriceQuery {
  const result = parseHashpriceQuery(input);
  if (!result.success) throw new Error(result.message);
  return result.data;
}

describe('parseHashpriceQuery', () => {
  it('reads URLSearchParams into numbers', () => {
    const params = new URLSearchParams(
      'difficulty=108520000000000&btcUsd=93450&feesBtcPerBlock=0.0931&height=875000',
    );
    expect(parsed(params)).toEqual({
      difficulty: 108.52e12,
      btcUsd: 93_450,
      feesBtcPerBlock: 0.0931,
      height: 875_000,
    });
  });

  it.each([
    [{ ...valid, subsidyBtc: '0' }, { subsidyBtc: 0 }],
    [{ ...valid, feesBtcPerBlock: '0' }, { feesBtcPerBlock: 0 }],
    [{ ...valid, feesBtcPerBlock: ' 100 ' }, { feesBtcPerBlock: 100 }],
    [{ ...valid, height: '0' }, { height: 0 }],
    [{ ...valid, height: '10000000' }, { height: 10_000_000 }],
    [{ difficulty: 1e14, btcUsd: 5e4, feesBtcPerBlock: 0.02 }, { difficulty: 1e14 }],
  ])('accepts boundary values %o', (input, expected) => {
    expect(parsed(input)).toMatchObject(expected);
  });

  it.each([
    [{ difficulty: '0' }, 'difficulty', 'must be > 0'],
    [{ difficulty: '1e18' }, 'difficulty', 'must be < 1e18'],
    [{ difficulty: 'abc' }, 'difficulty', 'must be a number'],
    [{ difficulty: '' }, 'difficulty', 'must be a number'],
    [{ difficulty: 'Infinity' }, 'difficulty', 'must be a number'],
    [{ difficulty: '0x10' }, 'difficulty', 'must be a number'],
    [{ difficulty: undefined }, 'difficulty', 'is required'],
    [{ btcUsd: '-1' }, 'btcUsd', 'must be > 0'],
    [{ btcUsd: '100000000' }, 'btcUsd', 'must be < 1e8'],
    [{ feesBtcPerBlock: '-0.1' }, 'feesBtcPerBlock', 'must be ≥ 0'],
    [{ feesBtcPerBlock: '100.5' }, 'feesBtcPerBlock', 'must be ≤ 100'],
    [{ subsidyBtc: '50.01' }, 'subsidyBtc', 'must be ≤ 50'],
    [{ subsidyBtc: '-1' }, 'subsidyBtc', 'must be ≥ 0'],
    [{ height: '840000.5' }, 'height', 'must be an integer'],
    [{ height: '-1' }, 'height', 'must be ≥ 0'],
    [{ height: '10000001' }, 'height', 'must be ≤ 10000000'],
    [{ subsidyBtc: '3.125', height: '840000' }, 'height', 'give either subsidyBtc or height, not both'],
    [{ subsidyBtc: '3.125', height: '840000' }, 'subsidyBtc', 'give either subsidyBtc or height, not both'],
    [{ subsidy: '1.5625' }, 'subsidy', 'unknown parameter'],
    [{ difficulty: ['1e14', '2e14'] }, 'difficulty', 'must be given once'],
  ])('rejects %o with %s: %s', (override, field, message) => {
    const result = parseHashpriceQuery({ ...valid, ...override });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.fieldErrors[field]).toContain(message);
      expect(result.message).toContain(`${field}: `);
    }
  });

  it('reports every bad field at once', () => {
    const result = parseHashpriceQuery({ difficulty: '-5', btcUsd: 'x' });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(Object.keys(result.fieldErrors).sort()).toEqual(['btcUsd', 'difficulty', 'feesBtcPerBlock']);
  });

  it('treats a repeated URL parameter as an error, not as its first value', () => {
    const result = parseHashpriceQuery(
      new URLSearchParams('difficulty=1e14&difficulty=2e14&btcUsd=1&feesBtcPerBlock=0'),
    );
    expect(result.success ? null : result.fieldErrors.difficulty).toEqual(['must be given once']);
  });

  it('never throws, and anything it accepts is in range', () => {
    const value = fc.oneof(
      fc.string(),
      fc.double().map(String),
      fc.integer().map(String),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(
        fc.record({
          difficulty: value,
          btcUsd: value,
          feesBtcPerBlock: value,
          subsidyBtc: value,
          height: value,
        }),
        (input) => {
          const result = parseHashpriceQuery(input);
          if (!result.success) return;
          const q = result.data;
          expect(q.difficulty > 0 && q.difficulty < 1e18 && q.btcUsd > 0 && q.btcUsd < 1e8).toBe(true);
          expect(q.feesBtcPerBlock >= 0 && q.feesBtcPerBlock <= 100).toBe(true);
          expect(q.subsidyBtc === undefined || q.height === undefined).toBe(true);
          expect(q.height === undefined || Number.isInteger(q.height)).toBe(true);
        },
      ),
    );
  });
});

describe('computeHashpriceResponse', () => {
  it('reproduces 2024-12-23 (≈ $55.75/PH/day) with the default 3.125 BTC subsidy', () => {
    const response = computeHashpriceResponse(parsed(valid));
    expect(response.usdPerPhDay).toBeCloseTo(55.75, 2);
    expect(response.usdPerThDay).toBeCloseTo(0.05575, 5);
    expect(response.btcPerPhDay).toBeCloseTo(0.00059655, 8);
    expect(response.btcPerThDay).toBeCloseTo(0.00000059655, 11);
    expect(response.networkHashrateEhs).toBeCloseTo(776.8, 1);
    expect(response.subsidyBtc).toBe(3.125);
    expect(response.inputs).toEqual({
      difficulty: 108.52e12,
      btcUsd: 93_450,
      feesBtcPerBlock: 0.0931,
      subsidyBtc: 3.125,
      height: null,
      subsidySource: 'default',
    });
  });

  it.each([
    [{ height: '839999' }, 6.25, 'height'],
    [{ height: '840000' }, 3.125, 'height'],
    [{ height: '1049999' }, 3.125, 'height'],
    [{ height: '1050000' }, 1.5625, 'height'],
    [{ subsidyBtc: '1.5625' }, 1.5625, 'query'],
  ])('takes the subsidy from %o → %f BTC (%s)', (extra, subsidyBtc, source) => {
    const response = computeHashpriceResponse(parsed({ ...valid, ...extra }));
    expect(response.subsidyBtc).toBe(subsidyBtc);
    expect(response.inputs.subsidySource).toBe(source);
    // R = subsidy + 0.0931; hashprice scales with R.
    expect(response.usdPerPhDay / 55.748).toBeCloseTo((subsidyBtc + 0.0931) / 3.2181, 4);
  });
});
