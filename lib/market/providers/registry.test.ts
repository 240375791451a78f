import { describe, expect, it } from 'vitest';
import { getProviderDescriptor, MARKET_PROVIDERS, providerConfigSchema } from './registry';

describe('MARKET_PROVIDERS', () => {
  it('has unique ids and lists every implemented provider', () => {
    const ids = MARKET_PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'sim',
        'mempool',
        'coinbase',
        'kraken',
        'coingecko',
        'fixed',
        'tou',
        'energi-data-service',
        'entsoe',
        'ercot',
        'csv',
        'gpu-table',
      ]),
    );
  });

  it('marks credentials as secrets', () => {
    const secrets = MARKET_PROVIDERS.flatMap((p) =>
      p.configFields.filter((f) => f.type === 'secret').map((f) => `${p.id}.${f.key}`),
    );
    expect(secrets).toEqual([
      'coingecko.demoApiKey',
      'entsoe.securityToken',
      'ercot.subscriptionKey',
      'ercot.password',
    ]);
  });
});

describe('providerConfigSchema', () => {
  it.each([
    ['entsoe', { securityToken: 't', areaEic: '10Y1001A1001A46L', eurUsd: '1.08' }, true],
    ['entsoe', { securityToken: 't', areaEic: 'SE3', eurUsd: 1.08 }, false],
    ['entsoe', { areaEic: '10Y1001A1001A46L', eurUsd: 1.08 }, false],
    ['entsoe', { securityToken: 't', areaEic: '10Y1001A1001A46L', eurUsd: 0 }, false],
    [
      'ercot',
      {
        subscriptionKey: 'k',
        username: 'u',
        password: 'p',
        settlementPoint: 'HB_NORTH',
        market: 'DAY_AHEAD_HOURLY',
      },
      true,
    ],
    ['energi-data-service', { priceArea: 'SE3', eurUsd: 1.1 }, true],
    ['energi-data-service', { priceArea: 'XX', eurUsd: 1.1 }, false],
    ['mempool', {}, true],
    ['mempool', { baseUrl: 'not a url' }, false],
    [
      'tou',
      { schedule: [{ days: [1, 2, 3, 4, 5, 6, 7], fromHour: 0, toHour: 24, priceUsdPerMwh: 40 }] },
      true,
    ],
    ['tou', { schedule: [{ days: [8], fromHour: 0, toHour: 24, priceUsdPerMwh: 40 }] }, false],
  ])('%s %j → valid=%s', (id, config, valid) => {
    const descriptor = getProviderDescriptor(id);
    if (!descriptor) throw new Error(`no provider ${id}`);
    expect(providerConfigSchema(descriptor).safeParse(config).success).toBe(valid);
  });
});
