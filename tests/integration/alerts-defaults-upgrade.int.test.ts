// The built-in rules on SQLite and PostgreSQL: a new install gets all of them once; an upgraded
// install gets the defaults added since (e.g. "Pool down") once; a default the operator deleted
// stays deleted, on a new install as on one seeded by the first release (its setting held only
// the seeding time).
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import * as ruleRoute from '@/app/api/v1/alert-rules/[id]/route';
import { DEFAULT_RULES, seedDefaultRules } from '@/lib/alerts/defaults';
import { getDb } from '@/lib/db/client';
import { call, tokenFor } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const KEY = 'alerts.defaultsSeeded';

describe.each(TEST_PROVIDERS)('default rules seeding on %s', (provider) => {
  let db: TestDb | null = null;
  let admin = '';
  const builtins = async () =>
    (
      await getDb().alertRule.findMany({ where: { builtin: { not: null } }, orderBy: { builtin: 'asc' } })
    ).map((r) => r.builtin);
  const remove = async (builtin: string) => {
    const rule = await getDb().alertRule.findUniqueOrThrow({ where: { builtin } });
    const res = await call(ruleRoute.DELETE, {
      method: 'DELETE',
      token: admin,
      params: { id: String(rule.id) },
    });
    expect(res.status).toBeLessThan(300);
  };
  const all = DEFAULT_RULES.map((r) => r.builtin).sort();

  beforeEach(async () => {
    await db?.cleanup();
    db = await createTestDb(provider);
    admin = await tokenFor('admin');
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('a new install gets every default once, and a deleted one stays deleted', async () => {
    expect(await seedDefaultRules(Date.now())).toBe(DEFAULT_RULES.length);
    expect(await seedDefaultRules(Date.now())).toBe(0);
    expect(await builtins()).toEqual(all);
    await remove('pool-down');
    expect(await seedDefaultRules(Date.now())).toBe(0);
    expect(await builtins()).toEqual(all.filter((b) => b !== 'pool-down'));
  });

  it('an install seeded by the first release gets "Pool down" once; what the operator deleted stays deleted', async () => {
    // The first release's state: its six defaults, one deleted since, and the setting holding the time.
    await seedDefaultRules(Date.now());
    await getDb().alertRule.delete({ where: { builtin: 'pool-down' } });
    await remove('fan-failure');
    await getDb().setting.update({
      where: { key: KEY },
      data: { value: JSON.stringify('2026-12-01T22:30:00.000Z') },
    });

    expect(await seedDefaultRules(Date.now())).toBe(1);
    expect(await seedDefaultRules(Date.now())).toBe(0);
    expect(await builtins()).toEqual(all.filter((b) => b !== 'fan-failure'));
    const rule = await getDb().alertRule.findUniqueOrThrow({ where: { builtin: 'pool-down' } });
    expect(rule).toMatchObject({ metric: 'poolDown', forS: 120, severity: 'critical', enabled: true });
    const setting = JSON.parse((await getDb().setting.findUniqueOrThrow({ where: { key: KEY } })).value);
    expect(setting.firstSeededAt).toBe('2026-12-01T22:30:00.000Z');
    expect([...setting.builtins].sort()).toEqual(all);

    // Deleted after the upgrade: not brought back by the next start either.
    await remove('pool-down');
    expect(await seedDefaultRules(Date.now())).toBe(0);
    expect(await builtins()).toEqual(all.filter((b) => b !== 'fan-failure' && b !== 'pool-down'));
  });

  it('two instances starting at once seed one set', async () => {
    const counts = await Promise.all([seedDefaultRules(Date.now()), seedDefaultRules(Date.now())]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(DEFAULT_RULES.length);
    expect(await builtins()).toEqual(all);
  });
});
