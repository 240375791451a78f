import { describe, expect, it } from 'vitest';
import { localParts } from '../../time/zone';
import { fixture } from './__fixtures__/fixture';
import { buildEntsoeUrl, fetchEntsoeDayAhead, parseEntsoeXml, resolutionMs } from './entsoe';
import type { FetchLike } from './http';

const fx = { EUR: 1.08 };
const iso = (ms: number) => new Date(ms).toISOString();

function parsed(name: string) {
  const r = parseEntsoeXml(fixture(name), { fxUsdPer: fx });
  if (!r.ok) throw r.error;
  return r;
}

function contiguous(points: { intervalStart: number; intervalEnd: number }[]): boolean {
  return points.every((p, i) => i === 0 || p.intervalStart === points[i - 1]!.intervalEnd);
}

describe('parseEntsoeXml', () => {
  it('reads hourly A44 points with start + (position − 1) × resolution', () => {
    const { value } = parsed('entsoe-a44-no3-pt60m.xml');
    expect(value).toHaveLength(24);
    expect(value[0]).toEqual({
      intervalStart: Date.UTC(2021, 9, 18, 22),
      intervalEnd: Date.UTC(2021, 9, 18, 23),
      location: '10YNO-3--------J',
      market: 'DAY_AHEAD_HOURLY',
      priceUsdPerMwh: 21.39 * 1.08,
      originalPrice: 21.39,
      currency: 'EUR',
      provider: 'entsoe',
    });
    expect(value[1]!.originalPrice).toBe(20.83);
    expect(iso(value.at(-1)!.intervalEnd)).toBe('2021-10-19T22:00:00.000Z');
  });

  it.each([
    ['spring, 23 hours', 'entsoe-a44-se3-spring-23h.xml', 23, 3_600_000, 'DAY_AHEAD_HOURLY'],
    ['autumn, 25 hours', 'entsoe-a44-se3-autumn-25h.xml', 25, 3_600_000, 'DAY_AHEAD_HOURLY'],
    ['spring, 92 quarter hours', 'entsoe-a44-se3-spring-pt15m-92.xml', 92, 900_000, 'DAY_AHEAD_15_MIN'],
    ['autumn, 100 quarter hours', 'entsoe-a44-se3-autumn-pt15m-100.xml', 100, 900_000, 'DAY_AHEAD_15_MIN'],
  ])('handles a DST day: %s', (_n, file, count, stepMs, market) => {
    const { value } = parsed(file);
    expect(value).toHaveLength(count);
    expect(contiguous(value)).toBe(true);
    expect(value.every((p) => p.intervalEnd - p.intervalStart === stepMs && p.market === market)).toBe(true);
    // The whole Stockholm delivery day is covered: first interval starts at local midnight.
    expect(localParts(value[0]!.intervalStart, 'Europe/Stockholm')).toMatchObject({ hour: 0, minute: 0 });
    expect(localParts(value.at(-1)!.intervalEnd, 'Europe/Stockholm')).toMatchObject({ hour: 0, minute: 0 });
  });

  it('skips the missing 02:00 in spring and repeats it in autumn (local Stockholm hours)', () => {
    const hours = (file: string) =>
      parsed(file).value.map((p) => localParts(p.intervalStart, 'Europe/Stockholm').hour);
    expect(hours('entsoe-a44-se3-spring-23h.xml').includes(2)).toBe(false);
    expect(hours('entsoe-a44-se3-autumn-25h.xml').filter((h) => h === 2)).toHaveLength(2);
  });

  it('forward-fills omitted points of an A03 curve', () => {
    const { value } = parsed('entsoe-a44-a03-omitted.xml');
    expect(value.map((p) => p.originalPrice)).toEqual([
      80.5, 78.25, 78.25, 78.25, 75, 75, 75, 75, 90.1, 90.1, 90.1, 90.1,
    ]);
    expect(contiguous(value)).toBe(true);
  });

  it('joins several TimeSeries and Period blocks (namespace 7:0) into one ordered series', () => {
    const { value } = parsed('entsoe-a44-multi-series.xml');
    expect(value).toHaveLength(48);
    expect(contiguous(value)).toBe(true);
    const negativeInFile = fixture('entsoe-a44-multi-series.xml').split('<price.amount>-').length - 1;
    expect(negativeInFile).toBeGreaterThan(0);
    expect(value.filter((p) => p.originalPrice < 0)).toHaveLength(negativeInFile);
  });

  it('keeps the finest resolution when a document mixes 60- and 15-minute series', () => {
    const r = parsed('entsoe-a44-mixed-resolution.xml');
    expect(r.value).toHaveLength(8);
    expect(r.value.every((p) => p.market === 'DAY_AHEAD_15_MIN')).toBe(true);
    expect(r.warnings.join()).toMatch(/several resolutions/);
  });

  it.each([
    ['"no data" acknowledgement', fixture('entsoe-ack-no-data.xml'), 'no_data', /No matching data found/],
    [
      'error acknowledgement',
      fixture('entsoe-ack-bad-token.xml'),
      'upstream_error',
      /Invalid security token/,
    ],
    ['HTML page', fixture('html-error-page.html'), 'html', /HTML/],
    ['empty body', fixture('empty.txt'), 'empty', /empty/],
    ['truncated XML', fixture('entsoe-a44-no3-pt60m.xml').slice(0, 900), 'bad_xml', /well-formed/],
    [
      'unknown root',
      '<?xml version="1.0"?><Other_Document><a>1</a></Other_Document>',
      'shape',
      /Other_Document/,
    ],
    ['non-numeric price', fixture('entsoe-a44-bad-price.xml'), 'shape', /n\/a/],
    ['price in kWh', fixture('entsoe-a44-no3-pt60m.xml').replace('>MWH<', '>KWH<'), 'shape', /KWH/],
    [
      'position past the period',
      fixture('entsoe-a44-no3-pt60m.xml').replace('<position>24</position>', '<position>25</position>'),
      'shape',
      /position 25/,
    ],
    [
      'unknown resolution',
      fixture('entsoe-a44-no3-pt60m.xml').replace('PT60M', 'P1Y'),
      'shape',
      /resolution/,
    ],
    [
      'absurd price',
      fixture('entsoe-a44-no3-pt60m.xml').replace('21.39', '2139000'),
      'absurd_value',
      /outside/,
    ],
  ])('rejects %s', (_n, xml, code, message) => {
    const r = parseEntsoeXml(xml, { fxUsdPer: fx });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
    }
  });

  it('needs a EUR rate', () => {
    const r = parseEntsoeXml(fixture('entsoe-a44-no3-pt60m.xml'), { fxUsdPer: {} });
    expect(!r.ok && r.error.code).toBe('config');
  });

  it.each([
    ['PT15M', 900_000],
    ['PT60M', 3_600_000],
    ['PT1H', 3_600_000],
    ['PT30M', 1_800_000],
    ['P1D', undefined],
  ])('resolutionMs(%s) = %s', (value, expected) => {
    expect(resolutionMs(value)).toBe(expected);
  });
});

describe('fetchEntsoeDayAhead', () => {
  const config = { securityToken: 'TOKEN-123', areaEic: '10Y1001A1001A46L', fxUsdPer: fx };
  const range = { fromMs: Date.UTC(2024, 2, 30, 23), toMs: Date.UTC(2024, 2, 31, 22) };

  it('builds the A44 query in UTC yyyyMMddHHmm', () => {
    const url = new URL(buildEntsoeUrl(config, range));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      securityToken: 'TOKEN-123',
      documentType: 'A44',
      in_Domain: '10Y1001A1001A46L',
      out_Domain: '10Y1001A1001A46L',
      periodStart: '202403302300',
      periodEnd: '202403312200',
    });
  });

  it('returns points labelled with the configured area', async () => {
    const fetch: FetchLike = async () => ({
      status: 200,
      headers: new Headers({ 'content-type': 'text/xml' }),
      text: async () => fixture('entsoe-a44-se3-spring-23h.xml'),
    });
    const r = await fetchEntsoeDayAhead(config, range, { nowMs: 0, http: { fetch } });
    if (!r.ok) throw r.error;
    expect(r.value).toHaveLength(23);
    expect(r.value[0]!.location).toBe('10Y1001A1001A46L');
  });

  it('explains a 400 with the acknowledgement reason, without leaking the token', async () => {
    const fetch: FetchLike = async () => ({
      status: 400,
      headers: new Headers(),
      text: async () => fixture('entsoe-ack-bad-token.xml'),
    });
    const r = await fetchEntsoeDayAhead(config, range, { nowMs: 0, http: { fetch } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('upstream_error');
      expect(r.error.message).toMatch(/Invalid security token/);
      expect(r.error.message).not.toContain('TOKEN-123');
    }
  });

  it('refuses ranges over a year and a missing token before calling out', async () => {
    const fetch: FetchLike = async () => {
      throw new Error('must not be called');
    };
    const long = await fetchEntsoeDayAhead(
      config,
      { fromMs: 0, toMs: 400 * 86_400_000 },
      { nowMs: 0, http: { fetch } },
    );
    const noToken = await fetchEntsoeDayAhead({ ...config, securityToken: '' }, range, {
      nowMs: 0,
      http: { fetch },
    });
    expect([!long.ok && long.error.code, !noToken.ok && noToken.error.code]).toEqual(['config', 'config']);
  });
});
