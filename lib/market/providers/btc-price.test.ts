import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/fixture';
import { type BtcPriceAnswer, fetchMedianBtcUsd, median, medianBtcUsd } from './btc-price';
import type { FetchLike } from './http';
import { ProviderError } from './result';

const NOW = Date.UTC(2026, 10, 15, 12);
const good = (provider: string, usd: number): BtcPriceAnswer => ({
  provider,
  result: { ok: true, value: { series: 'btc_usd', ts: NOW, value: usd, provider } },
});
const bad = (provider: string): BtcPriceAnswer => ({
  provider,
  result: { ok: false, error: new ProviderError('timeout', 'slow', { provider }) },
});

describe('median', () => {
  it.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[100, 100, 1e7], 100],
  ])('median(%j) = %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('lies between min and max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 9 }),
        (xs) => {
          const m = median(xs);
          return m >= Math.min(...xs) && m <= Math.max(...xs);
        },
      ),
    );
  });
});

describe('medianBtcUsd', () => {
  it('takes the median of the answers and names who answered', () => {
    const r = medianBtcUsd([good('coinbase', 93_450), bad('kraken'), good('coingecko', 93_470)], NOW);
    if (!r.ok) throw new Error('expected ok');
    expect(r.point).toEqual({
      series: 'btc_usd',
      ts: NOW,
      value: 93_460,
      provider: 'median(coinbase,coingecko)',
    });
    expect(r.answered.map((a) => a.provider)).toEqual(['coinbase', 'coingecko']);
    expect(r.failed.map((f) => f.provider)).toEqual(['kraken']);
    expect(r.spreadPct).toBeCloseTo((20 / 93_460) * 100, 6);
  });

  it('shrugs off one wild provider when three answer', () => {
    const r = medianBtcUsd([good('a', 93_000), good('b', 9_300), good('c', 93_100)], NOW);
    expect(r.ok && r.point.value).toBe(93_000);
  });

  it('fails when nobody answered', () => {
    const r = medianBtcUsd([bad('a'), bad('b')], NOW);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.failed).toHaveLength(2);
  });
});

describe('fetchMedianBtcUsd', () => {
  it('asks Coinbase, Kraken and CoinGecko and survives one HTML answer', async () => {
    const bodies: Record<string, string> = {
      'api.coinbase.com': fixture('coinbase-spot.json'),
      'api.kraken.com': fixture('html-error-page.html'),
      'api.coingecko.com': fixture('coingecko-simple-price.json'),
    };
    const fetch: FetchLike = async (url) => ({
      status: 200,
      headers: new Headers(),
      text: async () => bodies[new URL(url).host] ?? '',
    });
    const r = await fetchMedianBtcUsd({ nowMs: NOW, http: { fetch, retries: 0 } });
    if (!r.ok) throw new Error('expected ok');
    expect(r.point.value).toBe((93450.12 + 93448) / 2);
    expect(r.failed.map((f) => [f.provider, f.error.code])).toEqual([['kraken', 'html']]);
  });
});
