import { describe, expect, it } from 'vitest';
import { builtinBitcoin, builtinElectricity } from './builtin';
import { buildSeries, hashpriceOfDay, parseBtcCsv, SeriesError, subsidyBtcOnDate } from './series';

const H = 3_600_000;

describe('built-in series (data/backtest)', () => {
  it('SE3 covers 2023–2024 hourly, converted at the given USD per EUR', () => {
    const prices = builtinElectricity(1.1);
    expect(prices.size).toBe(17_544);
    // data/backtest/se3…: 2024-01-01T00:00Z is €28.46/MWh (SOURCES.md file 2's second row)
    expect(prices.get(Date.UTC(2024, 0, 1))).toBeCloseTo(28.46 * 1.1, 9);
  });

  it('BTC daily: known closes and the halving-day subsidy', () => {
    const btc = builtinBitcoin();
    expect(btc.size).toBe(731);
    expect(btc.get('2024-01-01')!.btcUsd).toBe(44_187);
    expect(btc.get('2024-12-31')!.btcUsd).toBe(93_381);
    // 2024-04-20: 1 block at 6.25 and 129 at 3.125
    expect(btc.get('2024-04-20')!.subsidyBtc).toBeCloseTo((6.25 + 129 * 3.125) / 130, 9);
    // hashprice = 86,400 / (D × 2^32) × 1e15 H/PH × (subsidy + fees) × price
    const d = btc.get('2024-01-01')!;
    expect(hashpriceOfDay(d)).toBeCloseTo(
      ((1e15 * 86_400) / (d.difficulty * 2 ** 32)) * (d.subsidyBtc + d.feesBtcPerBlock) * d.btcUsd,
      6,
    );
  });

  it('builds an hourly series and names the first hour it lacks', () => {
    const s = buildSeries(
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 0, 3),
      builtinElectricity(1),
      builtinBitcoin(),
    );
    expect(s.priceUsdPerMwh).toHaveLength(48);
    expect(s.hashpriceUsdPerPhDay[0]).toBe(s.hashpriceUsdPerPhDay[23]);
    expect(s.hashpriceUsdPerPhDay[0]).not.toBe(s.hashpriceUsdPerPhDay[24]);
    expect(() =>
      buildSeries(Date.UTC(2024, 11, 31), Date.UTC(2025, 0, 1), builtinElectricity(1), builtinBitcoin()),
    ).toThrow(/no electricity price for the hour 2024-12-31T23:00:00.000Z/);
    expect(() => buildSeries(Date.UTC(2024, 0, 1) + 1, Date.UTC(2024, 0, 2), new Map(), new Map())).toThrow(
      SeriesError,
    );
    const prices = new Map([[Date.UTC(2025, 5, 1), 10]]);
    expect(() =>
      buildSeries(Date.UTC(2025, 5, 1), Date.UTC(2025, 5, 1) + H, prices, builtinBitcoin()),
    ).toThrow(/no bitcoin data for 2025-06-01 \(the series covers 2023-01-01 to 2024-12-31\)/);
  });
});

describe('uploaded bitcoin CSV', () => {
  it('reads date, price, difficulty and optional fees', () => {
    const r = parseBtcCsv(
      'date,btc_usd,difficulty,fees_btc_per_block\n2025-01-02,95000,1.1e14,0.05\n2025-01-01,94000,1.1e14,0.04\n',
    );
    expect(r).toEqual({
      ok: true,
      days: [
        ['2025-01-01', { btcUsd: 94_000, difficulty: 1.1e14, feesBtcPerBlock: 0.04, subsidyBtc: 3.125 }],
        ['2025-01-02', { btcUsd: 95_000, difficulty: 1.1e14, feesBtcPerBlock: 0.05, subsidyBtc: 3.125 }],
      ],
    });
    expect(subsidyBtcOnDate('2024-04-19')).toBe(6.25);
  });

  it('reports every bad row with its line', () => {
    const r = parseBtcCsv(
      'date,btc_usd,difficulty\n2025-01-01,abc,1e14\n01/02/2025,1,1e14\n2025-01-03,1,0\n',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(r.problems[0]!.message).toMatch(/btc_usd "abc"/);
    const header = parseBtcCsv('when,price\n2025-01-01,1\n');
    expect(!header.ok && header.problems[0]!.message).toMatch(/header needs date, btc_usd and difficulty/);
  });
});
