// Market refresh on real SQLite/PostgreSQL: simulated default, real providers on recorded responses,
// last-good semantics, and no simulated stand-in for a real provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as historyRoute from '@/app/api/v1/market/history/route';
import * as latestRoute from '@/app/api/v1/market/latest/route';
import * as settingsRoute from '@/app/api/v1/settings/market/route';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { queryOne, sql } from '@/lib/db/raw';
import { fixture } from '@/lib/market/providers/__fixtures__/fixture';
import type { FetchLike } from '@/lib/market/providers/http';
import { refreshElectricity } from '@/lib/market/refresh/refresh-electricity';
import { refreshBtcUsd, refreshGpuRates, refreshNetwork } from '@/lib/market/refresh/refresh-feeds';
import { getMarketLatest } from '@/lib/market/views/latest';
import { backfillMarketIfEmpty } from '@/lib/sim/market/backfill';
import { simBtcUsdAt } from '@/lib/sim/market/btc';
import { call, tokenFor } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const quiet = { warn: () => {} };
const collect = () => {
  const lines: string[] = [];
  return { lines, warn: (m: string) => void lines.push(m) };
};

/** Answers by URL like the real APIs would, from the recorded-shape fixtures. */
function recordedFetch(overrides: Record<string, string> = {}): FetchLike {
  const routes: Record<string, string> = {
    '/api/v1/mining/hashrate/1w': fixture('mempool-hashrate-1w.json'),
    '/api/v1/mining/reward-stats/144': fixture('mempool-reward-stats-numbers.json'),
    '/api/blocks/tip/height': '970150',
    '/v2/prices/BTC-USD/spot': fixture('coinbase-spot.json'),
    '/0/public/Ticker': fixture('kraken-ticker.json'),
    '/api/v3/simple/price': fixture('coingecko-simple-price.json'),
    '/dataset/DayAheadPrices': fixture('eds-dayaheadprices-dk1.json'),
    ...overrides,
  };
  return async (url) => {
    const body = routes[new URL(url).pathname] ?? '';
    return {
      status: 200,
      headers: new Headers({ 'content-type': 'application/json' }),
      text: async () => body,
    };
  };
}
const http = (overrides?: Record<string, string>) => ({
  fetch: recordedFetch(overrides),
  retries: 0,
  sleep: async () => {},
});

describe.each(TEST_PROVIDERS)('market refresh (%s)', (provider) => {
  let db: TestDb;
  let admin: string;
  let viewer: string;
  let seSiteId: number;
  let dkSiteId: number;

  beforeAll(async () => {
    db = await createTestDb(provider);
    admin = await tokenFor('admin');
    viewer = await tokenFor('viewer');
    const base = { powerCapacityKw: 1000, contractKind: 'spot' as const };
    seSiteId = (
      await getDb().site.create({
        data: {
          ...base,
          name: 'SE sim',
          timezone: 'Europe/Stockholm',
          spotSource: 'sim:se3',
          spotAdderUsdPerMwh: 6,
        },
      })
    ).id;
    dkSiteId = (
      await getDb().site.create({
        data: {
          ...base,
          name: 'DK real',
          timezone: 'Europe/Copenhagen',
          spotSource: 'energi-data-service:DK1',
          spotAdderUsdPerMwh: 2,
        },
      })
    ).id;
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('backfills 30 days of hourly simulated history once, only for simulated features', async () => {
    const now = Date.now();
    const first = await backfillMarketIfEmpty(now, 30);
    expect(first).toMatchObject({ days: 30, networkPoints: (30 * 24 + 1) * 5 });
    expect(await backfillMarketIfEmpty(now, 30)).toBeNull();
    const se = await queryOne<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM energy_price WHERE site_id = ${seSiteId}`,
    );
    expect(Number(se?.n)).toBeGreaterThan(30 * 24);
    const dk = await queryOne<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM energy_price WHERE site_id = ${dkSiteId}`,
    );
    expect(Number(dk?.n)).toBe(0);
  });

  it('serves the simulated default with provider, time and freshness on every value', async () => {
    const now = Date.now();
    await refreshNetwork(now, { log: quiet });
    await refreshBtcUsd(now, { log: quiet });
    await refreshGpuRates(now, { log: quiet });
    const res = await call(latestRoute.GET, { token: viewer });
    expect(res.status).toBe(200);
    const body = res.json;
    expect(body.btcUsd).toMatchObject({ provider: 'sim', simulated: true, stale: false });
    expect(body.btcUsd.value).toBe(simBtcUsdAt(42, now - (now % 60_000)));
    for (const key of ['difficulty', 'feesBtcPerBlock', 'blockHeight', 'networkHashrateEhs']) {
      expect(body[key]).toMatchObject({ provider: 'sim', stale: false });
      expect(Date.parse(body[key].ts)).toBeGreaterThan(now - 120_000);
    }
    expect(body.hashprice).toMatchObject({
      provider: 'computed',
      simulated: true,
      stale: false,
      subsidyBtc: 3.125,
    });
    expect(body.hashprice.usdPerPhDay).toBeGreaterThan(10);
    expect(body.halving).toMatchObject({ height: 1_050_000, subsidyBtcAfter: 1.5625 });
    expect(Date.parse(body.halving.estimatedAt)).toBeGreaterThan(now);
    expect(body.gpuRates.map((g: { gpuModel: string }) => g.gpuModel)).toContain('h100-sxm');
    const se = body.sites.find((s: { siteId: number }) => s.siteId === seSiteId);
    expect(se).toMatchObject({ provider: 'sim-se3', simulated: true, adderUsdPerMwh: 6, stale: false });
    expect(se.priceUsdPerMwh).toBeCloseTo(se.marketPriceUsdPerMwh + 6, 9);
    const dk = body.sites.find((s: { siteId: number }) => s.siteId === dkSiteId);
    expect(dk).toMatchObject({ priceUsdPerMwh: null, stale: true, provider: 'energi-data-service' });
    expect(dk.reason).toContain('no energi-data-service price stored');
    expect(body.sources).toEqual({ network: 'sim', btcUsd: 'sim', gpuRates: 'sim' });
  });

  it('charts history per series from the configured provider, ≤ 1,500 points', async () => {
    const res = await call(historyRoute.GET, {
      token: viewer,
      path: `/api/v1/market/history?series=btc_usd,hashprice_usd_per_ph_day,site:${seSiteId},gpu:h100-sxm&range=7d`,
    });
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(res.json.series.map((s: { key: string }) => [s.key, s]));
    expect(byKey.btc_usd.providers).toEqual(['sim']);
    expect(byKey.btc_usd.points.length).toBeGreaterThan(7 * 24 - 2);
    expect(byKey.btc_usd.points.length).toBeLessThanOrEqual(1500);
    expect(byKey.hashprice_usd_per_ph_day.points.length).toBeGreaterThan(100);
    expect(byKey[`site:${seSiteId}`]).toMatchObject({
      unit: 'USD/MWh',
      providers: ['sim-se3'],
      simulated: true,
    });
    expect(byKey['gpu:h100-sxm'].points.length).toBeGreaterThan(100);
    const bad = await call(historyRoute.GET, {
      token: viewer,
      path: '/api/v1/market/history?series=btc_eur',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('series.0');
  });

  it('switching to a real provider never shows the simulated values in its place', async () => {
    const put = await call(settingsRoute.PUT, {
      method: 'PUT',
      token: admin,
      body: { network: 'mempool', btcUsd: 'median' },
    });
    expect(put.status).toBe(200);
    const before = await call(latestRoute.GET, { token: viewer });
    expect(before.json.difficulty).toBeNull();
    expect(before.json.btcUsd).toBeNull();
    expect(before.json.hashprice).toBeNull();

    const now = Date.now();
    expect(await refreshNetwork(now, { http: http(), log: quiet })).toMatchObject({
      ok: true,
      provider: 'mempool',
    });
    expect(await refreshBtcUsd(now, { http: http(), log: quiet })).toMatchObject({
      ok: true,
      provider: 'median',
    });
    const after = await call(latestRoute.GET, { token: viewer });
    expect(after.json.difficulty).toMatchObject({
      value: 148752134554321.4,
      provider: 'mempool',
      simulated: false,
      stale: false,
    });
    expect(after.json.blockHeight.value).toBe(970150);
    expect(after.json.btcUsd).toMatchObject({ provider: 'median(coinbase,kraken,coingecko)', stale: false });
    expect(after.json.hashprice.inputs).toMatchObject({
      difficulty: 'mempool',
      btcUsd: 'median(coinbase,kraken,coingecko)',
    });
  });

  it.each([
    ['an HTML error page', fixture('html-error-page.html'), 'html'],
    ['an empty body', '', 'empty'],
    ['a changed shape', fixture('mempool-hashrate-changed-shape.json'), 'shape'],
    ['absurd values', fixture('mempool-hashrate-negative-difficulty.json'), 'absurd_value'],
  ])('rejects %s, logs why and keeps the last good value, marked stale', async (_name, body, code) => {
    const good = await call(latestRoute.GET, { token: viewer });
    const log = collect();
    const outcome = await refreshNetwork(Date.now(), {
      http: http({
        '/api/v1/mining/hashrate/1w': body,
        '/api/v1/mining/reward-stats/144': body,
        '/api/blocks/tip/height': body,
      }),
      log,
    });
    expect(outcome).toMatchObject({ ok: false, code });
    expect(log.lines.join('\n')).toContain(`(${code})`);
    const after = await call(latestRoute.GET, { token: viewer });
    expect(after.json.difficulty.value).toBe(good.json.difficulty.value);
    expect(after.json.difficulty).toMatchObject({ provider: 'mempool', stale: true });
    expect(after.json.difficulty.staleReason).toContain('last refresh failed');
    expect(after.json.hashprice.stale).toBe(true);
    const status = after.json.providers.find((p: { key: string }) => p.key === 'network');
    expect(status.lastError).toContain(code);
  });

  it('electricity from a real day-ahead source, recorded response; a failure keeps the stored hours', async () => {
    const now = Date.UTC(2025, 9, 1, 22, 20); // 00:20 Copenhagen, inside the fixture's first hour
    const outcomes = await refreshElectricity(now, { http: http(), log: quiet, siteIds: [dkSiteId] });
    expect(outcomes).toEqual([
      { key: `energy:site:${dkSiteId}`, provider: 'energi-data-service', ok: true, stored: 4 },
    ]);
    const latest = await getMarketLatest(SYSTEM_ACTOR, now);
    const dk = latest.sites.find((s) => s.siteId === dkSiteId)!;
    // 22:15 UTC interval: €74.12/MWh × 1.08 + $2 adder.
    expect(dk).toMatchObject({
      provider: 'energi-data-service',
      simulated: false,
      stale: false,
      adderUsdPerMwh: 2,
    });
    expect(dk.marketPriceUsdPerMwh).toBeCloseTo(74.12 * 1.08, 9);
    expect(dk.priceUsdPerMwh).toBeCloseTo(74.12 * 1.08 + 2, 9);

    const failed = await refreshElectricity(now + 60_000, {
      http: http({ '/dataset/DayAheadPrices': fixture('html-error-page.html') }),
      log: quiet,
      siteIds: [dkSiteId],
      force: true,
    });
    expect(failed[0]).toMatchObject({ ok: false, code: 'html' });
    const kept = (await getMarketLatest(SYSTEM_ACTOR, now + 60_000)).sites.find(
      (s) => s.siteId === dkSiteId,
    )!;
    expect(kept.priceUsdPerMwh).toBeCloseTo(74.12 * 1.08 + 2, 9);
    expect(kept).toMatchObject({ stale: true });
    const sim = await queryOne<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM energy_price WHERE site_id = ${dkSiteId} AND provider LIKE 'sim%'`,
    );
    expect(Number(sim?.n)).toBe(0);
  });

  it('an unconfigured real source records a config error and stores nothing', async () => {
    await getDb().site.update({ where: { id: dkSiteId }, data: { spotSource: 'entsoe:10Y1001A1001A46L' } });
    const outcomes = await refreshElectricity(Date.now(), { log: quiet, siteIds: [dkSiteId] });
    expect(outcomes[0]).toMatchObject({ ok: false, code: 'config', provider: 'entsoe' });
    const latest = await getMarketLatest(SYSTEM_ACTOR, Date.now());
    expect(latest.sites.find((s) => s.siteId === dkSiteId)).toMatchObject({
      priceUsdPerMwh: null,
      stale: true,
    });
  });
  it('ENTSO-E for a site, with the token from market settings, on a recorded A44 document', async () => {
    const noSiteId = (
      await getDb().site.create({
        data: {
          name: 'NO real',
          timezone: 'Europe/Oslo',
          powerCapacityKw: 100,
          contractKind: 'spot',
          spotSource: 'entsoe:10YNO-3--------J',
        },
      })
    ).id;
    await call(settingsRoute.PUT, {
      method: 'PUT',
      token: admin,
      body: { config: { entsoe: { securityToken: 'tok-e' } } },
    });
    const urls: string[] = [];
    const fetch: FetchLike = async (url) => {
      urls.push(url);
      return {
        status: 200,
        headers: new Headers({ 'content-type': 'application/xml' }),
        text: async () => fixture('entsoe-a44-no3-pt60m.xml'),
      };
    };
    const now = Date.UTC(2021, 9, 18, 23, 30); // 01:30 Oslo time on the document's delivery day
    const outcomes = await refreshElectricity(now, {
      http: { fetch, retries: 0 },
      log: quiet,
      siteIds: [noSiteId],
    });
    expect(outcomes[0]).toMatchObject({ ok: true, provider: 'entsoe', stored: 24 });
    expect(new URL(urls[0]!).searchParams.get('securityToken')).toBe('tok-e');
    expect(new URL(urls[0]!).searchParams.get('in_Domain')).toBe('10YNO-3--------J');
    const no = (await getMarketLatest(SYSTEM_ACTOR, now)).sites.find((s) => s.siteId === noSiteId)!;
    // Position 2 of the document: €20.83/MWh.
    expect(no).toMatchObject({ provider: 'entsoe', stale: false, simulated: false });
    expect(no.marketPriceUsdPerMwh).toBeCloseTo(20.83 * 1.08, 9);
  });
});
