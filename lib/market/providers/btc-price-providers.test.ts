import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/fixture';
import { parseCoinbaseSpot } from './coinbase';
import { parseCoingeckoSimplePrice } from './coingecko';
import { parseKrakenTicker } from './kraken';

const NOW = Date.UTC(2026, 10, 15, 12);
const html = fixture('html-error-page.html');
const empty = fixture('empty.txt');

describe.each([
  ['coinbase', parseCoinbaseSpot, 'coinbase-spot.json', 93450.12, NOW],
  ['kraken', parseKrakenTicker, 'kraken-ticker.json', 93461.2, NOW],
  ['coingecko', parseCoingeckoSimplePrice, 'coingecko-simple-price.json', 93448, 1790467200000],
])('%s', (provider, parse, good, price, ts) => {
  it('parses the documented shape', () => {
    const r = parse(fixture(good), NOW);
    expect(r.ok && r.value).toEqual({ series: 'btc_usd', ts, value: price, provider });
  });

  it.each([
    ['an HTML error page', html, 'html'],
    ['an empty body', empty, 'empty'],
    ['invalid JSON', '{"data":', 'bad_json'],
    ['a JSON array', '[]', 'shape'],
  ])('rejects %s', (_n, text, code) => {
    const r = parse(text, NOW);
    expect(!r.ok && r.error.code).toBe(code);
    expect(!r.ok && r.error.provider).toBe(provider);
  });
});

describe('price validation', () => {
  it.each([
    ['Coinbase amount "0"', () => parseCoinbaseSpot(fixture('coinbase-spot-zero.json'), NOW), 'absurd_value'],
    [
      'Coinbase renamed fields',
      () => parseCoinbaseSpot(fixture('coinbase-spot-changed-shape.json'), NOW),
      'shape',
    ],
    [
      'Coinbase non-numeric amount',
      () => parseCoinbaseSpot('{"data":{"amount":"n/a","base":"BTC","currency":"USD"}}', NOW),
      'shape',
    ],
    [
      'Coinbase EUR quote',
      () => parseCoinbaseSpot('{"data":{"amount":"86000","base":"BTC","currency":"EUR"}}', NOW),
      'shape',
    ],
    [
      'Coinbase price above 1e8',
      () => parseCoinbaseSpot('{"data":{"amount":"100000001","base":"BTC","currency":"USD"}}', NOW),
      'absurd_value',
    ],
    [
      'Kraken error array',
      () => parseKrakenTicker(fixture('kraken-ticker-error.json'), NOW),
      'upstream_error',
    ],
    [
      'Kraken negative price',
      () => parseKrakenTicker('{"error":[],"result":{"XXBTZUSD":{"c":["-1.0","0.1"]}}}', NOW),
      'absurd_value',
    ],
    [
      'Kraken two pairs',
      () => parseKrakenTicker('{"error":[],"result":{"A":{"c":["1","1"]},"B":{"c":["1","1"]}}}', NOW),
      'shape',
    ],
    [
      'CoinGecko ms timestamp',
      () => parseCoingeckoSimplePrice(fixture('coingecko-simple-price-ms.json'), NOW),
      'absurd_value',
    ],
    [
      'CoinGecko string price',
      () => parseCoingeckoSimplePrice(fixture('coingecko-simple-price-string.json'), NOW),
      'shape',
    ],
    ['CoinGecko price 0', () => parseCoingeckoSimplePrice('{"bitcoin":{"usd":0}}', NOW), 'absurd_value'],
  ])('rejects %s', (_n, run, code) => {
    const r = run();
    expect(!r.ok && r.error.code).toBe(code);
  });

  it('stamps CoinGecko with now when last_updated_at is absent', () => {
    const r = parseCoingeckoSimplePrice('{"bitcoin":{"usd":91000.5}}', NOW);
    expect(r.ok && r.value.ts).toBe(NOW);
  });
});
