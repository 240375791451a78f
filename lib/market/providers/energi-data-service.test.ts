import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/fixture';
import {
  buildEdsUrl,
  EDS_DAY_AHEAD_FROM_MS,
  edsRequestsFor,
  fetchEnergiDataService,
  parseEnergiDataService,
} from './energi-data-service';
import type { FetchLike } from './http';

const fx = { EUR: 1.1, DKK: 0.15 };
const iso = (ms: number) => new Date(ms).toISOString();

describe('parseEnergiDataService', () => {
  it('reads hourly Elspotprices (offset-less UTC) and skips hours without a price', () => {
    const r = parseEnergiDataService(fixture('eds-elspotprices-se3.json'), {
      priceArea: 'SE3',
      fxUsdPer: fx,
    });
    if (!r.ok) throw r.error;
    expect(r.value.map((p) => [iso(p.intervalStart), iso(p.intervalEnd), p.originalPrice])).toEqual([
      ['2024-01-01T00:00:00.000Z', '2024-01-01T01:00:00.000Z', 28.46],
      ['2024-01-01T01:00:00.000Z', '2024-01-01T02:00:00.000Z', 26.66],
      ['2024-01-01T02:00:00.000Z', '2024-01-01T03:00:00.000Z', 24.48],
    ]);
    expect(r.value[0]).toMatchObject({
      market: 'DAY_AHEAD_HOURLY',
      currency: 'EUR',
      location: 'SE3',
      provider: 'energi-data-service',
    });
    expect(r.value[0]!.priceUsdPerMwh).toBeCloseTo(28.46 * 1.1, 10);
    expect(r.warnings).toEqual(['2024-01-01T03:00:00.000Z: no price published']);
  });

  it('reads 15-minute DayAheadPrices for the requested area only, negative prices included', () => {
    const r = parseEnergiDataService(fixture('eds-dayaheadprices-dk1.json'), {
      priceArea: 'DK1',
      fxUsdPer: fx,
    });
    if (!r.ok) throw r.error;
    expect(r.value).toHaveLength(4);
    expect(
      r.value.every((p) => p.market === 'DAY_AHEAD_15_MIN' && p.intervalEnd - p.intervalStart === 900_000),
    ).toBe(true);
    expect(r.value[2]!.originalPrice).toBe(-3.5);
    expect(iso(r.value[0]!.intervalStart)).toBe('2025-10-01T22:00:00.000Z');
  });

  it.each([
    ['HTML page', fixture('html-error-page.html'), 'html'],
    ['empty body', fixture('empty.txt'), 'empty'],
    ['changed shape (no records)', fixture('eds-changed-shape.json'), 'shape'],
    ['absurd price', fixture('eds-absurd-price.json'), 'absurd_value'],
    [
      'time with offset',
      '{"records":[{"HourUTC":"2024-01-01T00:00:00+01:00","PriceArea":"SE3","SpotPriceEUR":1}]}',
      'shape',
    ],
    ['no rows for the area', fixture('eds-elspotprices-se3.json').replaceAll('SE3', 'SE4'), 'no_data'],
  ])('rejects %s', (_n, text, code) => {
    const r = parseEnergiDataService(text, { priceArea: 'SE3', fxUsdPer: fx });
    expect(!r.ok && r.error.code).toBe(code);
  });

  it('needs an exchange rate for the currency it converts', () => {
    const r = parseEnergiDataService(fixture('eds-elspotprices-se3.json'), {
      priceArea: 'SE3',
      fxUsdPer: {},
    });
    expect(!r.ok && r.error.code).toBe('config');
  });
});

describe('dataset choice', () => {
  it.each([
    ['before the switch', Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), ['Elspotprices']],
    ['after the switch', Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2), ['DayAheadPrices']],
    [
      'across the switch',
      EDS_DAY_AHEAD_FROM_MS - 3_600_000,
      EDS_DAY_AHEAD_FROM_MS + 3_600_000,
      ['Elspotprices', 'DayAheadPrices'],
    ],
  ])('%s', (_n, fromMs, toMs, datasets) => {
    expect(edsRequestsFor({ fromMs, toMs }).map((r) => r.dataset)).toEqual(datasets);
  });

  it('builds a filtered, sorted URL', () => {
    const url = new URL(
      buildEdsUrl('DayAheadPrices', 'DK1', { fromMs: Date.UTC(2026, 0, 2), toMs: Date.UTC(2026, 0, 3) }),
    );
    expect(url.pathname).toBe('/dataset/DayAheadPrices');
    expect(url.searchParams.get('filter')).toBe('{"PriceArea":["DK1"]}');
    expect(url.searchParams.get('sort')).toBe('TimeUTC asc');
    expect(url.searchParams.get('start')).toBe('2026-01-01T00:00');
  });
});

describe('fetchEnergiDataService', () => {
  it('fetches and trims to the requested range', async () => {
    const urls: string[] = [];
    const fetch: FetchLike = async (url) => {
      urls.push(url);
      return { status: 200, headers: new Headers(), text: async () => fixture('eds-elspotprices-se3.json') };
    };
    const range = { fromMs: Date.UTC(2024, 0, 1, 1), toMs: Date.UTC(2024, 0, 1, 2) };
    const r = await fetchEnergiDataService({ priceArea: 'SE3', fxUsdPer: fx }, range, {
      nowMs: 0,
      http: { fetch },
    });
    if (!r.ok) throw r.error;
    expect(r.value.map((p) => p.originalPrice)).toEqual([26.66]);
    expect(urls).toHaveLength(1);
  });
});
