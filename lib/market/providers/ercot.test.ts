import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/fixture';
import { buildErcotUrl, fetchErcotSpp, parseErcotSpp } from './ercot';
import type { FetchLike } from './http';

const iso = (ms: number) => new Date(ms).toISOString();

describe('parseErcotSpp', () => {
  it('maps DAM rows by field name, hour-ending in Central time, and reports the page', () => {
    const r = parseErcotSpp(fixture('ercot-dam-page1.json'), 'DAY_AHEAD_HOURLY', 'HB_NORTH');
    if (!r.ok) throw r.error;
    expect(r.value.currentPage).toBe(1);
    expect(r.value.totalPages).toBe(2);
    // HE 01 on 2024-06-01 (CDT, UTC−5) is 00:00–01:00 local = 05:00–06:00 UTC. LZ_HOUSTON row filtered out.
    expect(r.value.points.map((p) => [iso(p.intervalStart), p.priceUsdPerMwh])).toEqual([
      ['2024-06-01T05:00:00.000Z', 21.43],
      ['2024-06-01T06:00:00.000Z', 19.87],
      ['2024-06-01T07:00:00.000Z', 18.02],
    ]);
    expect(r.value.points[0]).toMatchObject({
      location: 'HB_NORTH',
      market: 'DAY_AHEAD_HOURLY',
      currency: 'USD',
      provider: 'ercot',
    });
  });

  it('maps hour ending 24:00 to the last hour of the delivery day', () => {
    const r = parseErcotSpp(fixture('ercot-dam-page2.json'), 'DAY_AHEAD_HOURLY');
    if (!r.ok) throw r.error;
    const last = r.value.points.at(-1)!;
    expect([iso(last.intervalStart), iso(last.intervalEnd), last.priceUsdPerMwh]).toEqual([
      '2024-06-02T04:00:00.000Z',
      '2024-06-02T05:00:00.000Z',
      -2.15,
    ]);
  });

  it('places both copies of the repeated autumn hour using DSTFlag, with columns in any order', () => {
    const r = parseErcotSpp(fixture('ercot-rt-fallback-dst.json'), 'REAL_TIME_15_MIN', 'HB_NORTH');
    if (!r.ok) throw r.error;
    const points = [...r.value.points].sort((a, b) => a.intervalStart - b.intervalStart);
    expect(points).toHaveLength(10);
    expect(points.every((p, i) => i === 0 || p.intervalStart === points[i - 1]!.intervalEnd)).toBe(true);
    // 2024-11-03: 00:45 CDT = 05:45Z, flagged copy of 01:00 = 06:00Z (CDT), unflagged = 07:00Z (CST), 02:00 CST = 08:00Z.
    expect(points.map((p) => iso(p.intervalStart).slice(11, 16))).toEqual([
      '05:45',
      '06:00',
      '06:15',
      '06:30',
      '06:45',
      '07:00',
      '07:15',
      '07:30',
      '07:45',
      '08:00',
    ]);
    expect(points[1]!.priceUsdPerMwh).toBe(26);
    expect(points[5]!.priceUsdPerMwh).toBe(21);
  });

  it('ignores a local time skipped by spring DST, with a warning', () => {
    const text = JSON.stringify({
      fields: [
        { name: 'deliveryDate' },
        { name: 'hourEnding' },
        { name: 'settlementPoint' },
        { name: 'settlementPointPrice' },
      ],
      data: [
        ['2024-03-10', '02:00', 'HB_NORTH', 20],
        ['2024-03-10', '03:00', 'HB_NORTH', 21],
        ['2024-03-10', '04:00', 'HB_NORTH', 22],
      ],
    });
    const r = parseErcotSpp(text, 'DAY_AHEAD_HOURLY');
    if (!r.ok) throw r.error;
    expect(r.value.points.map((p) => iso(p.intervalStart).slice(11, 16))).toEqual(['07:00', '08:00']);
    expect(r.warnings).toHaveLength(1);
  });

  it.each([
    [
      'changed shape (price column renamed)',
      fixture('ercot-changed-shape.json'),
      'shape',
      /settlementPointPrice|price/,
    ],
    ['HTML page', fixture('html-error-page.html'), 'html', /HTML/],
    ['empty body', fixture('empty.txt'), 'empty', /empty/],
    ['no fields array', '{"data":[]}', 'shape', /fields/],
    [
      'bad hour',
      '{"fields":[{"name":"deliveryDate"},{"name":"hourEnding"},{"name":"settlementPoint"},{"name":"settlementPointPrice"}],"data":[["2024-06-01","25:00","HB_NORTH",1]]}',
      'shape',
      /data\[0\]/,
    ],
    [
      'absurd price',
      '{"fields":[{"name":"deliveryDate"},{"name":"hourEnding"},{"name":"settlementPoint"},{"name":"settlementPointPrice"}],"data":[["2024-06-01","01:00","HB_NORTH",900000]]}',
      'absurd_value',
      /outside/,
    ],
  ])('rejects %s', (_n, text, code, message) => {
    const r = parseErcotSpp(text, 'DAY_AHEAD_HOURLY');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
    }
  });
});

describe('fetchErcotSpp', () => {
  const range = { fromMs: Date.UTC(2024, 5, 1, 5), toMs: Date.UTC(2024, 5, 2, 5) };

  it('gets a token, sends both auth headers, and follows pagination', async () => {
    const calls: { url: string; headers: Record<string, string>; body?: string }[] = [];
    const fetch: FetchLike = async (url, init) => {
      calls.push({ url, headers: init.headers ?? {}, body: init.body });
      const u = new URL(url);
      const body = u.host.includes('b2clogin')
        ? '{"id_token":"ID-TOKEN","expires_in":3600}'
        : fixture(u.searchParams.get('page') === '2' ? 'ercot-dam-page2.json' : 'ercot-dam-page1.json');
      return { status: 200, headers: new Headers(), text: async () => body };
    };
    const config = {
      subscriptionKey: 'SUB',
      username: 'u@example.com',
      password: 'pw',
      settlementPoint: 'HB_NORTH',
    };
    const r = await fetchErcotSpp(config, range, { nowMs: 0, http: { fetch } });
    if (!r.ok) throw r.error;
    expect(r.value.map((p) => p.priceUsdPerMwh)).toEqual([21.43, 19.87, 18.02, 17.9, 1250, -2.15]);
    expect(calls).toHaveLength(3);
    expect(new URLSearchParams(calls[0]!.body).get('grant_type')).toBe('password');
    expect(calls[1]!.headers).toMatchObject({
      'Ocp-Apim-Subscription-Key': 'SUB',
      Authorization: 'Bearer ID-TOKEN',
    });
    expect(new URL(calls[2]!.url).searchParams.get('page')).toBe('2');
  });

  it('stops at maxPages with a warning', async () => {
    const fetch: FetchLike = async () => ({
      status: 200,
      headers: new Headers(),
      text: async () => fixture('ercot-dam-page1.json'),
    });
    const config = { subscriptionKey: 'SUB', idToken: 'T', settlementPoint: 'HB_NORTH', maxPages: 1 };
    const r = await fetchErcotSpp(config, range, { nowMs: 0, http: { fetch } });
    expect(r.ok && r.warnings).toEqual(['stopped after 1 of 2 pages']);
  });

  it('refuses to call without credentials', async () => {
    const fetch: FetchLike = async () => {
      throw new Error('must not be called');
    };
    const r = await fetchErcotSpp({ subscriptionKey: '', settlementPoint: 'HB_NORTH' }, range, {
      nowMs: 0,
      http: { fetch },
    });
    expect(!r.ok && r.error.code).toBe('config');
  });

  it('queries the endpoint of the chosen market', () => {
    expect(new URL(buildErcotUrl('REAL_TIME_15_MIN', 'LZ_WEST', range, 3)).pathname).toBe(
      '/api/public-reports/np6-905-cd/spp_node_zone_hub',
    );
  });
});
