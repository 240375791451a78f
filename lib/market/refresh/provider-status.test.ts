import { describe, expect, it } from 'vitest';
import { featureOfKey, providerHealth, REFRESH_MS } from './provider-status';

const NOW = 1_800_000_000_000;
const MIN = 60_000;

describe('providerHealth', () => {
  it.each([
    ['never refreshed', undefined, true, 'never refreshed'],
    ['fresh', { lastOkAt: NOW - MIN, lastErrorAt: null, lastError: null }, false, null],
    [
      '3 intervals old is still fine',
      { lastOkAt: NOW - 3 * MIN, lastErrorAt: null, lastError: null },
      false,
      null,
    ],
    [
      'older than 3 intervals',
      { lastOkAt: NOW - 3 * MIN - 1, lastErrorAt: null, lastError: null },
      true,
      'no successful refresh',
    ],
    [
      'last attempt failed',
      { lastOkAt: NOW - 2 * MIN, lastErrorAt: NOW - MIN, lastError: 'html: HTML page' },
      true,
      'last refresh failed: html',
    ],
    [
      'an old error before a newer success',
      { lastOkAt: NOW - MIN, lastErrorAt: NOW - 2 * MIN, lastError: 'x' },
      false,
      null,
    ],
  ])('%s', (_name, status, stale, reason) => {
    const h = providerHealth(status, REFRESH_MS.network, NOW);
    expect(h.stale).toBe(stale);
    if (reason) expect(h.reason).toContain(reason);
    else expect(h.reason).toBeNull();
  });

  it.each([
    ['energy:site:3', 'electricity'],
    ['gpu_rates', 'gpu_rates'],
    ['btc_usd', 'btc_usd'],
    ['network', 'network'],
  ])('%s refreshes as %s', (key, feature) => expect(featureOfKey(key)).toBe(feature));
});
