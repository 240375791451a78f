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

describe('SQLite: the raw connection and the ORM share one write lock', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
  });
  afterAll(async () => {
    await db.cleanup();
  });

  /** The longest a 20 ms timer ran late while `work` ran: the event loop's worst stall. */
  async function worstStallMs(work: Promise<unknown>): Promise<number> {
    let worst = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - 20);
      last = now;
    }, 20);
    try {
      await work;
    } finally {
      clearInterval(timer);
    }
    return worst;
  }

  it('an ORM write waits for an open raw transaction without stalling the loop, then lands', async () => {
    const t0 = new Date();
    const raw = withRawTransaction(async (client) => {
      await execute(
        sql`INSERT INTO setting (key, value, updated_at) VALUES (${'lock-raw'}, ${'1'}, ${t0})`,
        client,
      );
      // Holds the write lock across an await, as a bulk assignment or action claim does.
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const orm = getDb().setting.upsert({
      where: { key: 'lock-orm' },
      create: { key: 'lock-orm', value: '2' },
      update: { value: '2' },
    });
    // Before the shared lock: SQLite's busy handler spun on this thread for its 10 s timeout and
    // the upsert failed with "Operation has timed out".
    const stall = await worstStallMs(Promise.all([raw, orm]));
    expect(stall).toBeLessThan(1_000);
    const keys = await queryRows<{ key: string }>(
      sql`SELECT key FROM setting WHERE key IN (${'lock-raw'}, ${'lock-orm'}) ORDER BY key`,
    );
    expect(keys.map((k) => k.key)).toEqual(['lock-orm', 'lock-raw']);
  });

  it('a raw write waits for an open ORM transaction the same way', async () => {
    const orm = getDb().$transaction(async (tx) => {
      await tx.setting.create({ data: { key: 'lock-tx', value: '1' } });
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const raw = execute(
      sql`INSERT INTO setting (key, value, updated_at) VALUES (${'lock-after'}, ${'1'}, ${new Date()})`,
    );
    const stall = await worstStallMs(Promise.all([orm, raw]));
    expect(stall).toBeLessThan(1_000);
    const n = await queryOne<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM setting WHERE key IN (${'lock-tx'}, ${'lock-after'})`,
    );
    expect(n?.n).toBe(2);
  });
});
