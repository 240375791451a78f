// Site prices from the contract: GET range (charts, 24 h preview), POST preview of an unsaved
// contract, CSV upload with a per-row report (gaps, duplicates, DST anomalies) on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as importRoute from '@/app/api/v1/sites/[id]/prices/import/route';
import * as previewRoute from '@/app/api/v1/sites/[id]/prices/preview/route';
import * as pricesRoute from '@/app/api/v1/sites/[id]/prices/route';
import { getDb } from '@/lib/db/client';
import { refreshElectricity } from '@/lib/market/refresh/refresh-electricity';
import { call, tokenFor } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const H = 3_600_000;
const TOU = [
  { days: [1, 2, 3, 4, 5, 6, 7], fromHour: 0, toHour: 17, priceUsdPerMwh: 90 },
  { days: [1, 2, 3, 4, 5, 6, 7], fromHour: 17, toHour: 24, priceUsdPerMwh: 200 },
];

describe.each(TEST_PROVIDERS)('site prices (%s)', (provider) => {
  let db: TestDb;
  let operator: string;
  let viewer: string;
  let siteId: number;
  const params = () => ({ id: String(siteId) });

  beforeAll(async () => {
    db = await createTestDb(provider);
    operator = await tokenFor('operator');
    viewer = await tokenFor('viewer');
    siteId = (
      await getDb().site.create({
        data: {
          name: 'Hydro',
          timezone: 'Europe/Stockholm',
          powerCapacityKw: 500,
          contractKind: 'spot',
          spotSource: 'sim:se3',
          spotAdderUsdPerMwh: 5,
        },
      })
    ).id;
    await refreshElectricity(Date.now(), { log: { warn: () => {} } });
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('returns the next 24 h of day-ahead prices with the adder and provider', async () => {
    const from = Date.now();
    const res = await call(pricesRoute.GET, {
      token: viewer,
      params: params(),
      path: `/x?from=${from}&to=${from + 24 * H}`,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      contractKind: 'spot',
      provider: 'sim-se3',
      simulated: true,
      reason: null,
    });
    expect(res.json.points.length).toBeGreaterThanOrEqual(24);
    for (const p of res.json.points) expect(p.priceUsdPerMwh).toBeCloseTo(p.marketPriceUsdPerMwh + 5, 9);
    expect(res.json.now).toMatchObject({ ok: true, provider: 'sim-se3' });
    expect(res.json.averageUsdPerMwh).toEqual(expect.any(Number));
  });

  it('previews an unsaved TOU contract in the site zone', async () => {
    const res = await call(previewRoute.POST, {
      method: 'POST',
      token: operator,
      params: params(),
      body: { contractKind: 'tou', touSchedule: TOU },
    });
    expect(res.status).toBe(200);
    expect(res.json.points).toHaveLength(24);
    expect(res.json.provider).toBe('tou');
    // 7 evening hours at $200, 17 at $90, whatever the hour the preview starts.
    expect(res.json.averageUsdPerMwh).toBeCloseTo((17 * 90 + 7 * 200) / 24, 9);
    const stored = await getDb().site.findUniqueOrThrow({ where: { id: siteId } });
    expect(stored.contractKind).toBe('spot');
  });

  it('previews a real source with nothing stored as empty, with the reason', async () => {
    const res = await call(previewRoute.POST, {
      method: 'POST',
      token: operator,
      params: params(),
      body: { contractKind: 'spot', spotSource: 'ercot:HB_WEST', spotAdderUsdPerMwh: 3 },
    });
    expect(res.json.points).toEqual([]);
    expect(res.json.reason).toBe('no ercot prices stored for this period');
    expect(res.json.now).toMatchObject({ ok: false, provider: 'ercot' });
  });

  it('reports every bad row of a CSV upload and stores nothing', async () => {
    const csv = [
      'timestamp,price',
      '2026-03-29 00:00,10',
      '2026-03-29 01:00,11',
      '2026-03-29 02:00,12', // does not exist in Stockholm: clocks jump 02:00 → 03:00
      '2026-03-29 03:00,13',
      '2026-03-29 03:00,14',
      '2026-03-29 06:00,x15',
      '2026-03-29 07:00,16',
    ].join('\n');
    const res = await call(importRoute.POST, {
      method: 'POST',
      token: operator,
      params: params(),
      contentType: 'text/csv',
      rawBody: csv,
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('invalid_csv');
    const kinds = res.json.error.details.issues.map((i: { line: number; kind: string }) => [i.line, i.kind]);
    expect(kinds).toEqual([
      [4, 'dst_nonexistent'],
      [6, 'duplicate'],
      [7, 'bad_number'],
      [7, 'gap'],
    ]);
    const rows = await getDb().energyPrice.count({ where: { siteId, provider: 'csv' } });
    expect(rows).toBe(0);
  });

  it('imports a clean file, converting EUR, and warns while the site uses another source', async () => {
    const csv =
      'timestamp,price,currency\n2026-10-25T00:00:00+02:00,40,EUR\n2026-10-25T01:00:00+02:00,41,EUR\n2026-10-25T02:00:00+02:00,42,EUR\n2026-10-25T02:00:00+01:00,43,EUR\n';
    const res = await call(importRoute.POST, {
      method: 'POST',
      token: operator,
      params: params(),
      contentType: 'text/csv',
      rawBody: csv,
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      imported: 4,
      inUse: false,
      from: '2026-10-24T22:00:00.000Z',
      to: '2026-10-25T02:00:00.000Z',
    });
    expect(res.json.warning).toContain('does not use uploaded prices');
    const stored = await getDb().energyPrice.findMany({
      where: { siteId, provider: 'csv' },
      orderBy: { intervalStart: 'asc' },
    });
    expect(stored.map((r) => r.priceUsdPerMwh)).toEqual([40 * 1.08, 41 * 1.08, 42 * 1.08, 43 * 1.08]);

    await getDb().site.update({ where: { id: siteId }, data: { spotSource: 'csv' } });
    const prices = await call(pricesRoute.GET, {
      token: viewer,
      params: params(),
      path: `/x?from=${Date.UTC(2026, 9, 24, 22)}&to=${Date.UTC(2026, 9, 25, 2)}`,
    });
    expect(prices.json.points.map((p: { provider: string }) => p.provider)).toEqual([
      'csv',
      'csv',
      'csv',
      'csv',
    ]);
    expect(prices.json.points[3].priceUsdPerMwh).toBeCloseTo(43 * 1.08 + 5, 9);
  });

  it('refuses uploads from viewers and non-CSV bodies', async () => {
    const csv = 'timestamp,price\n2026-01-01T00:00:00Z,1\n';
    expect(
      (
        await call(importRoute.POST, {
          method: 'POST',
          token: viewer,
          params: params(),
          contentType: 'text/csv',
          rawBody: csv,
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(importRoute.POST, { method: 'POST', token: operator, params: params(), body: { csv } }))
        .status,
    ).toBe(415);
    const badZone = await call(importRoute.POST, {
      method: 'POST',
      token: operator,
      params: params(),
      path: '/x?timeZone=Mars/Olympus',
      contentType: 'text/csv',
      rawBody: csv,
    });
    expect(badZone.status).toBe(400);
    expect(badZone.json.error.details[0].path).toBe('timeZone');
  });
});
