// Site leases of the scale-out collector on PostgreSQL, with time passed in: fair shares between
// live instances, take-over of a dead instance's sites after its leases expire, clean hand-over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdSiteLeases, releaseSiteLeases } from '@/lib/collectors/scheduler/leases';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const TTL = 30_000;

describe.each(TEST_PROVIDERS.filter((p) => p === 'postgresql'))('collector site leases on %s', (provider) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(provider);
    for (let i = 0; i < 5; i++) await createSmallFleet(1, `Lease site ${i}`);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('shares sites fairly, takes over a dead instance’s sites after expiry, and hands over on release', async () => {
    const t = 1_800_000_000_000;
    const hold = (id: string, now: number) => holdSiteLeases({ instanceId: id, now, ttlMs: TTL });
    expect(await hold('a', t)).toHaveLength(5);
    // b joins: a live peer makes a's fair share 3; a gives back the surplus, b claims it.
    expect(await hold('b', t + 1_000)).toHaveLength(0);
    expect(await hold('a', t + 2_000)).toHaveLength(3);
    const b = await hold('b', t + 3_000);
    expect(b).toHaveLength(2);
    const a = await hold('a', t + 4_000);
    expect(new Set([...a, ...b]).size).toBe(5);
    // a dies (no more heartbeats): once its leases expire, b holds everything.
    expect(await hold('b', t + 4_000 + TTL - 1_000)).toHaveLength(2);
    expect(await hold('b', t + 4_000 + TTL + 1)).toHaveLength(5);
    // A clean stop hands over at once.
    await releaseSiteLeases('b');
    expect(await hold('c', t + 4_000 + TTL + 2)).toHaveLength(5);
  });
});
