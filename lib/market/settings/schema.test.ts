import { describe, expect, it } from 'vitest';
import {
  applySettingsUpdate,
  changedKeys,
  DEFAULT_MARKET_SETTINGS,
  MarketSettingsUpdateSchema,
  maskSettings,
  PROVIDER_CONFIG_FIELDS,
  parseStoredSettings,
} from './schema';

describe('market settings', () => {
  it('derives provider-level fields from the registry (locations stay per site)', () => {
    expect(Object.keys(PROVIDER_CONFIG_FIELDS).sort()).toEqual([
      'coinbase',
      'coingecko',
      'energi-data-service',
      'entsoe',
      'ercot',
      'kraken',
      'mempool',
    ]);
    expect(PROVIDER_CONFIG_FIELDS.ercot!.map((f) => f.key)).toEqual([
      'subscriptionKey',
      'username',
      'password',
      'baseUrl',
      'tokenUrl',
    ]);
    expect(PROVIDER_CONFIG_FIELDS.entsoe!.map((f) => f.key)).toEqual(['securityToken', 'baseUrl']);
    expect(PROVIDER_CONFIG_FIELDS['energi-data-service']!.map((f) => f.key)).toEqual(['baseUrl']);
  });

  it.each([[null], ['not json'], ['{"network":"carrier-pigeon","btcUsd":42}']])(
    'falls back per field on a damaged stored value %j',
    (stored) => {
      const s = parseStoredSettings(stored);
      expect(s.network).toBe('sim');
      expect(s.btcUsd).toBe('sim');
    },
  );

  it('sets, keeps and clears secrets; never echoes them', () => {
    let s = applySettingsUpdate(DEFAULT_MARKET_SETTINGS, {
      network: 'mempool',
      config: { entsoe: { securityToken: 'tok-123' }, ercot: { username: 'me', password: 'pw' } },
    });
    s = applySettingsUpdate(s, { config: { ercot: { password: null } } });
    expect(s.config).toEqual({ entsoe: { securityToken: 'tok-123' }, ercot: { username: 'me' } });
    const view = maskSettings(s, 1.08);
    expect(view.network).toBe('mempool');
    expect(view.config.entsoe!.securityToken).toEqual({ secret: true, set: true });
    expect(view.config.ercot!.password).toEqual({ secret: true, set: false });
    expect(view.config.ercot!.username).toEqual({ secret: false, value: 'me' });
    expect(JSON.stringify(view)).not.toContain('tok-123');
    expect(view.eurUsd).toBe(1.08);
    expect(view.eurUsdSource).toBe('environment');
  });

  it.each([
    [{ network: 'nope' }, 'network'],
    [{ config: { sim: { seed: '1' } } }, 'config.sim'],
    [{ config: { entsoe: { areaEic: 'x' } } }, 'config.entsoe.areaEic'],
    [{ config: { mempool: { baseUrl: 'ftp://x' } } }, 'config.mempool.baseUrl'],
    [{ eurUsd: 0 }, 'eurUsd'],
    [{ surprise: 1 }, ''],
  ])('rejects %j naming %s', (body, path) => {
    const parsed = MarketSettingsUpdateSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('lists changed keys for the audit log without values', () => {
    expect(changedKeys({ btcUsd: 'median', config: { entsoe: { securityToken: 'secret' } } })).toEqual([
      'btcUsd',
      'config.entsoe.securityToken',
    ]);
  });
});
