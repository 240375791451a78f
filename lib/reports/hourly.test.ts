import { describe, expect, it } from 'vitest';
import { hourlyHashprice, hourlyPrices } from './hourly';

const H = 3_600_000;
describe('hourlyPrices', () => {
  it('keeps hourly prices and averages quarter-hours by overlap', () => {
    const prices = hourlyPrices([
      { intervalStart: 0, intervalEnd: H, priceUsdPerMwh: 40 },
      { intervalStart: H, intervalEnd: H + H / 4, priceUsdPerMwh: 100 },
      { intervalStart: H + H / 4, intervalEnd: 2 * H, priceUsdPerMwh: 20 },
    ]);
    expect(prices.get(0)).toBe(40);
    expect(prices.get(H)).toBe(40); // (100 + 3 × 20) / 4
    expect(prices.has(2 * H)).toBe(false);
  });
});

describe('hourlyHashprice', () => {
  it('uses the latest values known by the end of each hour (reference: ≈ $55.75/PH/day)', () => {
    const points = [
      { series: 'difficulty', ts: 0, value: 108.52e12 },
      { series: 'btc_usd', ts: 0, value: 93_450 },
      { series: 'fees_btc_per_block', ts: 0, value: 0.0931 },
      { series: 'block_height', ts: 0, value: 875_000 },
      { series: 'btc_usd', ts: H + 10, value: 2 * 93_450 },
    ];
    const hp = hourlyHashprice(points, [0, H]);
    expect(hp.get(0)!.usdPerThDay * 1000).toBeCloseTo(55.747, 2);
    expect(hp.get(H)!.usdPerThDay / hp.get(0)!.usdPerThDay).toBeCloseTo(2, 9);
    expect(hourlyHashprice(points.slice(1), [0]).size).toBe(0);
  });
});
