// Provider secrets in the market settings are sealed with the server secret: the database row holds
// no plain text, the API says only whether one is set, plain values from older versions are sealed
// by the migration step, and `secrets:rotate` re-seals them so they stay readable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as settingsRoute from '@/app/api/v1/settings/market/route';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { readMarketSettings, sealPlaintextMarketSecrets } from '@/lib/market/settings/market-settings';
import { isEnvelope } from '@/lib/secrets/envelope';
import { rotateSecret } from '@/lib/secrets/rotate';
import { resetServerKeyCache } from '@/lib/secrets/server-key';
import { call, tokenFor } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const rawRow = async () =>
  (await getDb().setting.findUniqueOrThrow({ where: { key: 'market.settings' } })).value;

const FIRST = 'market-secrets-test-first-server-secret-1234567890';

function useSecrets(current: string | undefined, previous?: string) {
  if (current) process.env.SWITCHYARD_SECRET = current;
  else delete process.env.SWITCHYARD_SECRET;
  if (previous) process.env.SWITCHYARD_SECRET_PREVIOUS = previous;
  else delete process.env.SWITCHYARD_SECRET_PREVIOUS;
  resetEnvCache();
  resetServerKeyCache();
}

describe.each(TEST_PROVIDERS)('market provider secrets at rest (%s)', (provider) => {
  let db: TestDb;
  let admin: string;
  const saved = { secret: process.env.SWITCHYARD_SECRET, previous: process.env.SWITCHYARD_SECRET_PREVIOUS };

  beforeAll(async () => {
    // An environment secret on both providers, so the rotation below is the SWITCHYARD_SECRET kind.
    useSecrets(FIRST);
    db = await createTestDb(provider);
    admin = await tokenFor('admin');
  });
  afterAll(async () => {
    useSecrets(saved.secret, saved.previous);
    await db.cleanup();
  });

  it('stores API keys sealed, never in the row or a response, and reads them back for the jobs', async () => {
    const res = await call(settingsRoute.PUT, {
      method: 'PUT',
      token: admin,
      body: {
        config: {
          coingecko: { demoApiKey: 'CG-plain-demo-key-123' },
          entsoe: { securityToken: 'entsoe-token-456' },
          ercot: { username: 'ops', password: 'ercot-password-789' },
        },
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.config.coingecko.demoApiKey).toEqual({ secret: true, set: true });
    const row = await rawRow();
    for (const plain of ['CG-plain-demo-key-123', 'entsoe-token-456', 'ercot-password-789'])
      expect(row).not.toContain(plain);
    const stored = JSON.parse(row).config;
    expect(isEnvelope(stored.coingecko.demoApiKey)).toBe(true);
    expect(isEnvelope(stored.ercot.password)).toBe(true);
    expect(stored.ercot.username).toBe('ops'); // not a secret: stays readable in the row
    const settings = await readMarketSettings();
    expect(settings.config.coingecko?.demoApiKey).toBe('CG-plain-demo-key-123');
    expect(settings.config.entsoe?.securityToken).toBe('entsoe-token-456');
    const get = await call(settingsRoute.GET, { token: admin });
    expect(JSON.stringify(get.json)).not.toContain('CG-plain-demo-key-123');
    expect(JSON.stringify(get.json)).not.toContain('v1:');
    // A sealed value moved to another field does not open there (the aad binds it to its place).
    const moved = JSON.parse(row);
    moved.config.entsoe.securityToken = moved.config.coingecko.demoApiKey;
    await getDb().setting.update({
      where: { key: 'market.settings' },
      data: { value: JSON.stringify(moved) },
    });
    expect((await readMarketSettings()).config.entsoe?.securityToken).toBeUndefined();
    await getDb().setting.update({ where: { key: 'market.settings' }, data: { value: row } });
  });

  it('an unrelated change keeps the secrets; a null clears one', async () => {
    await call(settingsRoute.PUT, { method: 'PUT', token: admin, body: { network: 'mempool' } });
    expect((await readMarketSettings()).config.coingecko?.demoApiKey).toBe('CG-plain-demo-key-123');
    await call(settingsRoute.PUT, {
      method: 'PUT',
      token: admin,
      body: { config: { entsoe: { securityToken: null } } },
    });
    expect((await readMarketSettings()).config.entsoe).toBeUndefined();
  });

  it('seals plain-text values an older version stored, keeping them readable', async () => {
    const legacy = JSON.parse(await rawRow());
    legacy.config.entsoe = { securityToken: 'legacy-plain-token' };
    await getDb().setting.update({
      where: { key: 'market.settings' },
      data: { value: JSON.stringify(legacy) },
    });
    // Read before the migration: still usable.
    expect((await readMarketSettings()).config.entsoe?.securityToken).toBe('legacy-plain-token');
    expect(await sealPlaintextMarketSecrets()).toBe(1);
    expect(await rawRow()).not.toContain('legacy-plain-token');
    expect((await readMarketSettings()).config.entsoe?.securityToken).toBe('legacy-plain-token');
    expect(await sealPlaintextMarketSecrets()).toBe(0);
  });

  it('secrets:rotate re-seals them with the new key (and seals any plain one); they stay readable', async () => {
    const legacy = JSON.parse(await rawRow());
    legacy.config.entsoe = { securityToken: 'plain-again' };
    await getDb().setting.update({
      where: { key: 'market.settings' },
      data: { value: JSON.stringify(legacy) },
    });
    const before = await rawRow();
    useSecrets('market-secrets-test-second-server-secret-0987654321', FIRST);
    const result = await rotateSecret();
    expect(result.reencrypted).toBeGreaterThanOrEqual(3);
    const after = await rawRow();
    expect(after).not.toBe(before);
    expect(after).not.toContain('plain-again');
    const sealed = JSON.parse(after).config;
    expect(sealed.coingecko.demoApiKey.split(':')[1]).not.toBe(
      JSON.parse(before).config.coingecko.demoApiKey.split(':')[1],
    );
    // The old key is gone: the values open with the new one alone.
    useSecrets('market-secrets-test-second-server-secret-0987654321');
    const settings = await readMarketSettings();
    expect(settings.config.coingecko?.demoApiKey).toBe('CG-plain-demo-key-123');
    expect(settings.config.ercot?.password).toBe('ercot-password-789');
    expect(settings.config.entsoe?.securityToken).toBe('plain-again');
    // And a second rotation finds nothing left to do.
    useSecrets(
      'market-secrets-test-second-server-secret-0987654321',
      'market-secrets-test-second-server-secret-0987654321',
    );
    expect((await rotateSecret()).reencrypted).toBe(0);
  });
});
