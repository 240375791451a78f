// Every networked market provider through the real fetch path (lib/market/providers/http.ts: timeouts,
// aborts, retries, Retry-After) against a loopback server playing the recorded payloads. Only the
// base URL is changed, through the same config fields an operator sets for a proxy or a mirror.
// Not covered here because they never call out: fixed/TOU tariffs, CSV uploads, the GPU rate table.
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '@/lib/market/providers/__fixtures__/fixture';
import { fetchMedianBtcUsd } from '@/lib/market/providers/btc-price';
import { createCoinbaseProvider } from '@/lib/market/providers/coinbase';
import { createCoingeckoProvider } from '@/lib/market/providers/coingecko';
import { fetchEnergiDataService } from '@/lib/market/providers/energi-data-service';
import { fetchEntsoeDayAhead } from '@/lib/market/providers/entsoe';
import { fetchErcotSpp } from '@/lib/market/providers/ercot';
import type { HttpOptions } from '@/lib/market/providers/http';
import { createKrakenProvider } from '@/lib/market/providers/kraken';
import { fetchMempoolLatest } from '@/lib/market/providers/mempool-fetch';
import { type LoopbackServer, type Reply, startLoopbackServer } from '../helpers/loopback-http';

const NOW = Date.UTC(2026, 10, 15, 12);
const JSON_TYPE = { 'content-type': 'application/json' };
const XML_TYPE = { 'content-type': 'text/xml' };
/** Short real timeouts and backoff: the retry logic is the production one, only faster. */
const HTTP: HttpOptions = { timeoutMs: 400, retries: 2, backoffMs: 20, maxBackoffMs: 50 };
/** An answer that comes long after the client's timeout: the client must abort it. */
const SLOW_MS = 5_000;

const json = (name: string): Reply => ({ body: fixture(name), headers: JSON_TYPE });

let server: LoopbackServer | undefined;
const serve = async (routes: Record<string, Reply[]>) => {
  server = await startLoopbackServer(routes);
  return server;
};
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('mempool over HTTP', () => {
  it('retries a timed-out and a truncated answer and combines the series', async () => {
    const s = await serve({
      'GET /api/v1/mining/hashrate/1w': [
        { ...json('mempool-hashrate-1w.json'), delayMs: SLOW_MS },
        json('mempool-hashrate-1w.json'),
      ],
      'GET /api/v1/mining/reward-stats/144': [
        { truncate: fixture('mempool-reward-stats-numbers.json'), headers: JSON_TYPE },
        json('mempool-reward-stats-numbers.json'),
      ],
      'GET /api/blocks/tip/height': [{ body: '970150', headers: { 'content-type': 'text/plain' } }],
    });
    const r = await fetchMempoolLatest({ nowMs: NOW, http: HTTP }, { baseUrl: `${s.baseUrl}/api` });
    if (!r.ok) throw r.error;
    expect(r.value.map((p) => p.series).sort()).toEqual([
      'block_height',
      'difficulty',
      'fees_btc_per_block',
      'network_hashrate_ehs',
    ]);
    expect(r.value.find((p) => p.series === 'block_height')!.value).toBe(970150);
    expect(r.warnings).toEqual([]);
    await s.idle();
    expect(s.seen('/api/v1/mining/hashrate/1w').map((q) => q.abortedByClient)).toEqual([true, false]);
    expect(s.seen('/api/v1/mining/reward-stats/144')).toHaveLength(2);
  });

  it('keeps the answered series and warns when one endpoint never answers in time', async () => {
    const s = await serve({
      'GET /api/v1/mining/hashrate/1w': [json('mempool-hashrate-1w.json')],
      'GET /api/v1/mining/reward-stats/144': [
        { ...json('mempool-reward-stats-numbers.json'), delayMs: SLOW_MS },
      ],
      'GET /api/blocks/tip/height': [{ body: '970150' }],
    });
    const r = await fetchMempoolLatest({ nowMs: NOW, http: HTTP }, { baseUrl: `${s.baseUrl}/api` });
    if (!r.ok) throw r.error;
    expect(r.value.some((p) => p.series === 'fees_btc_per_block')).toBe(false);
    expect(r.warnings).toEqual([expect.stringMatching(/^timeout: no answer within 400 ms/)]);
    await s.idle();
    const stats = s.seen('/api/v1/mining/reward-stats/144');
    expect(stats).toHaveLength(1 + HTTP.retries!);
    expect(stats.every((q) => q.abortedByClient)).toBe(true);
  });
});

describe('BTC price providers over HTTP', () => {
  it('honours Retry-After, retries a 503 and a truncated body, and takes the median', async () => {
    const s = await serve({
      'GET /coinbase/v2/prices/BTC-USD/spot': [
        { status: 429, body: '{"message":"slow down"}', headers: { ...JSON_TYPE, 'retry-after': '1' } },
        json('coinbase-spot.json'),
      ],
      'GET /kraken/0/public/Ticker': [
        { status: 503, body: 'upstream unavailable' },
        { truncate: fixture('kraken-ticker.json'), headers: JSON_TYPE },
        json('kraken-ticker.json'),
      ],
      'GET /coingecko/simple/price': [json('coingecko-simple-price.json')],
    });
    const providers = [
      createCoinbaseProvider({ baseUrl: `${s.baseUrl}/coinbase` }),
      createKrakenProvider({ baseUrl: `${s.baseUrl}/kraken` }),
      createCoingeckoProvider({ baseUrl: `${s.baseUrl}/coingecko`, demoApiKey: 'CG-KEY' }),
    ];
    const median = await fetchMedianBtcUsd({ nowMs: NOW, http: HTTP }, providers);
    if (!median.ok) throw new Error(JSON.stringify(median.failed));
    expect(median.answered.map((a) => [a.provider, a.usd])).toEqual([
      ['coinbase', 93450.12],
      ['kraken', 93461.2],
      ['coingecko', 93448],
    ]);
    expect(median.point.value).toBe(93450.12);
    const coinbase = s.seen('/coinbase/v2/prices/BTC-USD/spot');
    expect(coinbase).toHaveLength(2);
    // Retry-After: 1 s; the backoff alone would be ≤ 50 ms (timestamps are taken server-side).
    expect(coinbase[1]!.atMs - coinbase[0]!.atMs).toBeGreaterThanOrEqual(900);
    expect(s.seen('/kraken/0/public/Ticker')).toHaveLength(3);
    expect(s.seen('/coingecko/simple/price')[0]!.headers['x-cg-demo-api-key']).toBe('CG-KEY');
  });

  it('leaves out a provider that only sends truncated bodies or asks to wait too long', async () => {
    const s = await serve({
      'GET /coinbase/v2/prices/BTC-USD/spot': [
        { truncate: fixture('coinbase-spot.json'), headers: JSON_TYPE },
      ],
      // Longer than maxRetryAfterMs: fail at once instead of blocking the refresh loop.
      'GET /kraken/0/public/Ticker': [{ status: 429, body: '', headers: { 'retry-after': '600' } }],
      'GET /coingecko/simple/price': [json('coingecko-simple-price.json')],
    });
    const providers = [
      createCoinbaseProvider({ baseUrl: `${s.baseUrl}/coinbase` }),
      createKrakenProvider({ baseUrl: `${s.baseUrl}/kraken` }),
      createCoingeckoProvider({ baseUrl: `${s.baseUrl}/coingecko` }),
    ];
    const median = await fetchMedianBtcUsd({ nowMs: NOW, http: HTTP }, providers);
    if (!median.ok) throw new Error(JSON.stringify(median.failed));
    expect(median.answered.map((a) => a.provider)).toEqual(['coingecko']);
    expect(median.failed.map((f) => [f.provider, f.error.code])).toEqual([
      ['coinbase', 'network'],
      ['kraken', 'rate_limited'],
    ]);
    expect(s.seen('/coinbase/v2/prices/BTC-USD/spot')).toHaveLength(1 + HTTP.retries!);
    expect(s.seen('/kraken/0/public/Ticker')).toHaveLength(1);
  });
});

describe('Energi Data Service over HTTP', () => {
  const range = { fromMs: Date.UTC(2024, 0, 1, 1), toMs: Date.UTC(2024, 0, 1, 2) };
  const config = (baseUrl: string) => ({
    priceArea: 'SE3',
    fxUsdPer: { EUR: 1.1 },
    baseUrl: `${baseUrl}/dataset`,
  });

  it('retries a truncated and a timed-out answer and trims to the range', async () => {
    const s = await serve({
      'GET /dataset/Elspotprices': [
        { truncate: fixture('eds-elspotprices-se3.json'), headers: JSON_TYPE },
        { ...json('eds-elspotprices-se3.json'), delayMs: SLOW_MS },
        json('eds-elspotprices-se3.json'),
      ],
    });
    const r = await fetchEnergiDataService(config(s.baseUrl), range, { nowMs: 0, http: HTTP });
    if (!r.ok) throw r.error;
    expect(r.value.map((p) => [p.originalPrice, p.currency, p.location])).toEqual([[26.66, 'EUR', 'SE3']]);
    await s.idle();
    const seen = s.seen('/dataset/Elspotprices');
    expect(seen.map((q) => q.abortedByClient)).toEqual([true, true, false]);
    expect(new URL(seen[2]!.url, s.baseUrl).searchParams.get('filter')).toBe('{"PriceArea":["SE3"]}');
  });

  it('does not retry a 4xx and reports its status', async () => {
    const s = await serve({ 'GET /dataset/Elspotprices': [{ status: 404, body: '{"error":"no dataset"}' }] });
    const r = await fetchEnergiDataService(config(s.baseUrl), range, { nowMs: 0, http: HTTP });
    expect(!r.ok && [r.error.code, r.error.status]).toEqual(['http_status', 404]);
    expect(s.seen('/dataset/Elspotprices')).toHaveLength(1);
  });
});

describe('ENTSO-E over HTTP', () => {
  const range = { fromMs: Date.UTC(2024, 2, 30, 23), toMs: Date.UTC(2024, 2, 31, 22) };
  const config = (baseUrl: string) => ({
    securityToken: 'TOKEN-123',
    areaEic: '10Y1001A1001A46L',
    fxUsdPer: { EUR: 1.08 },
    baseUrl: `${baseUrl}/api`,
  });

  it('reads the A44 document after a 502 and a truncated answer', async () => {
    const s = await serve({
      'GET /api': [
        {
          status: 502,
          body: '<html><body>Bad gateway</body></html>',
          headers: { 'content-type': 'text/html' },
        },
        { truncate: fixture('entsoe-a44-se3-spring-23h.xml'), headers: XML_TYPE },
        { body: fixture('entsoe-a44-se3-spring-23h.xml'), headers: XML_TYPE },
      ],
    });
    const r = await fetchEntsoeDayAhead(config(s.baseUrl), range, { nowMs: 0, http: HTTP });
    if (!r.ok) throw r.error;
    expect(r.value).toHaveLength(23);
    expect(r.value[0]!.location).toBe('10Y1001A1001A46L');
    expect(s.seen('/api')).toHaveLength(3);
    expect(new URL(s.seen('/api')[0]!.url, s.baseUrl).searchParams.get('periodStart')).toBe('202403302300');
  });

  it('explains a 400 acknowledgement without retrying and gives up on an answer that never comes', async () => {
    const ack = await serve({
      'GET /api': [{ status: 400, body: fixture('entsoe-ack-bad-token.xml'), headers: XML_TYPE }],
    });
    const refused = await fetchEntsoeDayAhead(config(ack.baseUrl), range, { nowMs: 0, http: HTTP });
    expect(!refused.ok && refused.error.code).toBe('upstream_error');
    expect(!refused.ok && refused.error.message).not.toContain('TOKEN-123');
    expect(ack.seen('/api')).toHaveLength(1);
    await ack.close();

    const slow = await serve({
      'GET /api': [{ body: fixture('entsoe-a44-se3-spring-23h.xml'), headers: XML_TYPE, delayMs: SLOW_MS }],
    });
    const timedOut = await fetchEntsoeDayAhead(config(slow.baseUrl), range, { nowMs: 0, http: HTTP });
    expect(!timedOut.ok && timedOut.error.code).toBe('timeout');
    await slow.idle();
    expect(slow.seen('/api').map((q) => q.abortedByClient)).toEqual([true, true, true]);
  });
});

describe('ERCOT over HTTP', () => {
  const range = { fromMs: Date.UTC(2024, 5, 1, 5), toMs: Date.UTC(2024, 5, 2, 5) };
  const config = (baseUrl: string) => ({
    subscriptionKey: 'SUB',
    username: 'u@example.com',
    password: 'pw',
    settlementPoint: 'HB_NORTH',
    baseUrl: `${baseUrl}/api/public-reports`,
    tokenUrl: `${baseUrl}/oauth2/token`,
  });
  const DAM = '/api/public-reports/np4-190-cd/dam_stlmnt_pnt_prices';

  it('logs in, sends both auth headers and follows pages through a 429 and a slow page', async () => {
    const token: Reply = { body: '{"id_token":"ID-TOKEN","expires_in":3600}', headers: JSON_TYPE };
    const s = await serve({
      'POST /oauth2/token': [token],
      [`GET ${DAM}`]: [
        { status: 429, body: '', headers: { 'retry-after': '1' } },
        json('ercot-dam-page1.json'),
        { ...json('ercot-dam-page2.json'), delayMs: SLOW_MS },
        json('ercot-dam-page2.json'),
      ],
    });
    const r = await fetchErcotSpp(config(s.baseUrl), range, { nowMs: 0, http: HTTP });
    if (!r.ok) throw r.error;
    expect(r.value.map((p) => p.priceUsdPerMwh)).toEqual([21.43, 19.87, 18.02, 17.9, 1250, -2.15]);
    const login = s.seen('/oauth2/token');
    expect(login).toHaveLength(1);
    expect(new URLSearchParams(login[0]!.body).get('grant_type')).toBe('password');
    await s.idle();
    const pages = s.seen(DAM);
    expect(pages.map((q) => new URL(q.url, s.baseUrl).searchParams.get('page'))).toEqual([
      '1',
      '1',
      '2',
      '2',
    ]);
    expect(pages[1]!.atMs - pages[0]!.atMs).toBeGreaterThanOrEqual(900);
    expect(pages.map((q) => q.abortedByClient)).toEqual([false, false, true, false]);
    expect(pages[3]!.headers).toMatchObject({
      'ocp-apim-subscription-key': 'SUB',
      authorization: 'Bearer ID-TOKEN',
    });
  });

  it('does not retry a login whose answer is cut off (a password is never replayed)', async () => {
    const s = await serve({
      'POST /oauth2/token': [{ truncate: '{"id_token":"ID-TOKEN","expires_in":3600}', headers: JSON_TYPE }],
    });
    const r = await fetchErcotSpp(config(s.baseUrl), range, { nowMs: 0, http: HTTP });
    expect(!r.ok && r.error.code).toBe('network');
    expect(s.seen('/oauth2/token')).toHaveLength(1);
    expect(s.seen(DAM)).toHaveLength(0);
  });
});
