import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../../tests/helpers/test-db';
import { getDb } from './client';
import { execute, queryOne, queryRows, sql, withRawTransaction } from './raw';

describe.each(TEST_PROVIDERS)('raw SQL on %s', (provider) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(provider);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('binds parameters and returns numbers for integer columns', async () => {
    await execute(
      sql`INSERT INTO setting (key, value, updated_at) VALUES (${'a'}, ${'{"x":1}'}, ${new Date()})`,
    );
    const row = await queryOne<{ n: number }>(sql`SELECT COUNT(*) AS n FROM setting WHERE key = ${'a'}`);
    expect(row?.n).toBe(1);
    expect(typeof row?.n).toBe('number');
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      withRawTransaction(async (client) => {
        await execute(
          sql`INSERT INTO setting (key, value, updated_at) VALUES (${'b'}, ${'1'}, ${new Date()})`,
          client,
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await queryRows(sql`SELECT key FROM setting WHERE key = ${'b'}`);
    expect(rows).toHaveLength(0);
  });

  it('serves the ORM and raw SQL from the same database', async () => {
    const site = await getDb().site.create({
      data: { name: `raw-${provider}`, timezone: 'UTC', powerCapacityKw: 100 },
    });
    const row = await queryOne<{ name: string }>(sql`SELECT name FROM site WHERE id = ${site.id}`);
    expect(row?.name).toBe(`raw-${provider}`);
  });

  it('enforces foreign keys', async () => {
    await expect(
      getDb().rack.create({ data: { siteId: 999_999, name: 'x', rows: 1, columns: 1 } }),
    ).rejects.toThrow();
  });
});
