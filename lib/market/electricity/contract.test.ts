import { describe, expect, it } from 'vitest';
import { contractPriceAt, contractPriceSeries, type SiteContract, type StoredInterval } from './contract';
import { parseSpotSource, spotSourceOptions } from './spot-source';

const H = 3_600_000;
// Tuesday 2026-11-17 18:30 in Denver (UTC−7) = 01:30 UTC on Wednesday.
const TUE_1830_DENVER = Date.UTC(2026, 10, 18, 1, 30);

const base: SiteContract = {
  contractKind: 'fixed',
  fixedPriceUsdPerMwh: 42,
  touSchedule: null,
  spotSource: null,
  spotAdderUsdPerMwh: 0,
  timezone: 'America/Denver',
};
const tou = [
  { days: [1, 2, 3, 4, 5], fromHour: 0, toHour: 17, priceUsdPerMwh: 95 },
  { days: [1, 2, 3, 4, 5], fromHour: 17, toHour: 21, priceUsdPerMwh: 265 },
  { days: [1, 2, 3, 4, 5], fromHour: 21, toHour: 24, priceUsdPerMwh: 95 },
  { days: [6, 7], fromHour: 0, toHour: 24, priceUsdPerMwh: 80 },
];
const stored = (provider: string, price: number, start = TUE_1830_DENVER - 30 * 60_000): StoredInterval => ({
  intervalStart: start,
  intervalEnd: start + H,
  priceUsdPerMwh: price,
  provider,
  fetchedAt: start - 12 * H,
});

describe('parseSpotSource', () => {
  it.each([
    ['sim:ercot-west', 'sim-ercot'],
    ['sim:se3', 'sim-se3'],
    ['energi-data-service:se3', 'energi-data-service'],
    ['energidataservice:DK1', 'energi-data-service'],
    ['entsoe:10Y1001A1001A46L', 'entsoe'],
    ['ercot:HB_WEST', 'ercot'],
    ['ercot:HB_WEST:REAL_TIME_15_MIN', 'ercot'],
    ['csv', 'csv'],
  ])('%s → rows from %s', (text, provider) => {
    const parsed = parseSpotSource(text);
    expect(parsed.ok && parsed.source.provider).toBe(provider);
  });

  it.each([
    ['', 'no spot price source'],
    ['sim:mars', 'no simulated price profile'],
    ['entsoe:SE3', 'EIC'],
    ['ercot:hb west', 'settlement point'],
    ['ercot:HB_WEST:HOURLY', 'ERCOT market'],
    ['nordpool:SE3', 'unknown spot price provider'],
    ['energi-data-service:XX9', 'no price area'],
    ['sim', 'needs a location'],
  ])('rejects %j with a reason', (text, reason) => {
    const parsed = parseSpotSource(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('offers only sources it can parse', () => {
    for (const option of spotSourceOptions()) expect(parseSpotSource(option.value).ok).toBe(true);
  });
});

describe('contractPriceAt', () => {
  it('fixed: the contract price, whatever is stored', () => {
    const p = contractPriceAt(base, TUE_1830_DENVER, stored('sim-se3', 999));
    expect(p).toMatchObject({ ok: true, priceUsdPerMwh: 42, provider: 'fixed', marketPriceUsdPerMwh: null });
  });

  it.each([
    [TUE_1830_DENVER, 265],
    [TUE_1830_DENVER + 3 * H, 95], // 21:30 local
    [Date.UTC(2026, 10, 21, 18), 80], // Saturday 11:00 local
  ])('TOU at %i is priced in the site zone: %d', (ts, price) => {
    const p = contractPriceAt({ ...base, contractKind: 'tou', touSchedule: tou }, ts, undefined);
    expect(p.ok && p.priceUsdPerMwh).toBe(price);
  });

  it('TOU with an invalid schedule has no price and says why', () => {
    const p = contractPriceAt(
      { ...base, contractKind: 'tou', touSchedule: [{ days: [1] }] },
      TUE_1830_DENVER,
      undefined,
    );
    expect(p).toEqual({ ok: false, reason: expect.stringContaining('schedule'), provider: null });
  });

  const spot: SiteContract = {
    ...base,
    contractKind: 'spot',
    spotSource: 'ercot:HB_WEST',
    spotAdderUsdPerMwh: 3,
  };

  it('spot: the stored market price plus the adder, with the fetch time', () => {
    const p = contractPriceAt(spot, TUE_1830_DENVER, stored('ercot', 41.5));
    expect(p).toMatchObject({
      ok: true,
      priceUsdPerMwh: 44.5,
      marketPriceUsdPerMwh: 41.5,
      adderUsdPerMwh: 3,
      provider: 'ercot',
      simulated: false,
    });
  });

  it('spot: never uses a simulated row for a real source', () => {
    const p = contractPriceAt(spot, TUE_1830_DENVER, stored('sim-ercot', 30));
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toContain('comes from sim-ercot');
  });

  it('spot: no stored interval → null with a reason, also for one that does not cover the instant', () => {
    expect(contractPriceAt(spot, TUE_1830_DENVER, undefined).ok).toBe(false);
    expect(contractPriceAt(spot, TUE_1830_DENVER, stored('ercot', 30, TUE_1830_DENVER + H)).ok).toBe(false);
  });
});

describe('contractPriceSeries', () => {
  it('spot: only the configured provider, sorted, with the adder', () => {
    const from = TUE_1830_DENVER - 30 * 60_000;
    const rows = [
      stored('ercot', 20, from + H),
      stored('sim-ercot', 99, from + 2 * H),
      stored('ercot', 10, from),
    ];
    const s = contractPriceSeries(
      { ...base, contractKind: 'spot', spotSource: 'ercot:HB_WEST', spotAdderUsdPerMwh: 1 },
      from,
      from + 3 * H,
      rows,
    );
    expect(s.points.map((p) => p.priceUsdPerMwh)).toEqual([11, 21]);
    expect(s.reason).toBeNull();
  });

  it('TOU: hourly points across a week', () => {
    const from = Date.UTC(2026, 10, 16, 7); // Monday 00:00 Denver
    const s = contractPriceSeries(
      { ...base, contractKind: 'tou', touSchedule: tou },
      from,
      from + 7 * 24 * H,
      [],
    );
    expect(s.points).toHaveLength(168);
    const mean = s.points.reduce((a, p) => a + p.priceUsdPerMwh, 0) / s.points.length;
    expect(mean).toBeCloseTo((5 * (20 * 95 + 4 * 265) + 2 * 24 * 80) / 168, 6);
  });

  it('an incomplete contract gives no points and a reason', () => {
    const s = contractPriceSeries({ ...base, fixedPriceUsdPerMwh: null }, 0, H, []);
    expect(s).toEqual({ points: [], reason: 'the fixed contract has no price' });
  });
});
