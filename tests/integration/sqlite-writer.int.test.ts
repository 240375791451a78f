// The SQLite ingest writer thread (lib/telemetry/sqlite-writer.ts): concurrent batches share
// transactions, yet each batch keeps its own outcome — accepted and duplicate counts, and a
// failing batch fails alone without taking the others of its group down. Jobs' statement lists
// (rollups) run there too: off the event loop, all or nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, queryOne, queryRows, sql, withRawTransaction } from '@/lib/db/raw';
import type { TelemetrySample } from '@/lib/telemetry/metrics';
import { executeInTransaction, storeSamples } from '@/lib/telemetry/store';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, type TestDb } from '../helpers/test-db';

describe('SQLite writer thread', () => {
  let db: TestDb;
  let ids: number[];
  const t0 = Date.now() - 60 * 60_000;
  const batch = (round: number): TelemetrySample[] =>
    ids.map((deviceId, i) => ({ deviceId, ts: t0 + round * 30_000 + i, powerW: 3000 + round, status: 'ok' }));
  const rows = async () =>
    Number((await queryOne<{ n: number }>(sql`SELECT COUNT(*) AS n FROM telemetry_sample`))?.n);

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    ids = (await createSmallFleet(20)).devices.map((d) => d.id);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('reports accepted and duplicate counts per batch when concurrent batches overlap', async () => {
    const results = await Promise.all([
      storeSamples(batch(1)),
      storeSamples(batch(2)),
      storeSamples(batch(1)),
      storeSamples(batch(3)),
    ]);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(3 * ids.length);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(ids.length);
    expect(results[1]).toEqual({ accepted: ids.length, duplicates: 0 });
    expect(await rows()).toBe(3 * ids.length);
  });

  it('fails a bad batch alone and stores the batches committed with it', async () => {
    const before = await rows();
    const bad = [...batch(11), { deviceId: null, ts: t0 } as unknown as TelemetrySample];
    const outcomes = await Promise.allSettled([
      storeSamples(batch(10)),
      storeSamples(bad),
      storeSamples(batch(12)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await rows()).toBe(before + 2 * ids.length);
    const stored = await queryRows<{ ts: number }>(
      sql`SELECT ts FROM telemetry_sample WHERE ts >= ${t0 + 11 * 30_000} AND ts < ${t0 + 12 * 30_000}`,
    );
    expect(stored).toHaveLength(0);
  });

  it('lets a main-connection write in while batches keep arriving', async () => {
    // Ten batches every turn of the event loop, not waiting for the ones before, for at most
    // 20,000 batches: the thread always has posted work, so a writing session that held the lock for as
    // long as batches arrive would keep the write below waiting until the stream ends.
    const limit = 20_000;
    let sent = 0;
    let written = false;
    const stored: Promise<unknown>[] = [];
    const stream = (async () => {
      while (!written && sent < limit) {
        for (let k = 0; k < 10; k++) stored.push(storeSamples(batch(100 + sent++)));
        await new Promise((r) => setImmediate(r));
      }
    })();
    while (sent < 20) await new Promise((r) => setTimeout(r, 5));
    await withRawTransaction(async () => {
      await execute(sql`INSERT INTO rollup_dirty (tier, bucket) VALUES ('5m', ${t0}) ON CONFLICT DO NOTHING`);
    });
    const sentWhenWritten = sent;
    written = true;
    await stream;
    await Promise.all(stored);
    expect(sentWhenWritten).toBeLessThan(limit);
    const count = await queryOne<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM telemetry_sample WHERE ts >= ${t0 + 100 * 30_000} AND ts < ${t0 + (100 + sent) * 30_000}`,
    );
    expect(Number(count?.n)).toBe(sent * ids.length);
  });

  it('keeps values, status and pool URL exactly as sent', async () => {
    const sample: TelemetrySample = {
      deviceId: ids[0]!,
      ts: t0 + 20 * 30_000,
      hashrateThs: 7e-8,
      chipTempC: -12.25,
      acceptedShares: 2 ** 52,
      status: 'curtailed',
      poolUrl: 'stratum+tcp://pool.example.net:3333',
    };
    await storeSamples([sample]);
    const row = await queryOne(sql`SELECT * FROM telemetry_sample WHERE ts = ${sample.ts}`);
    expect(row).toMatchObject({
      device_id: sample.deviceId,
      hashrate_ths: 7e-8,
      chip_temp_c: -12.25,
      accepted_shares: 2 ** 52,
      power_w: null,
      status: 'curtailed',
      pool_url: sample.poolUrl,
    });
  });

  it("runs a job's statements off the event loop, in one transaction", async () => {
    // A statement of ~1 M generated rows: on the main connection it would hold the event loop for
    // its whole run, so not one setImmediate turn would pass before it ends.
    const heavy = sql`INSERT INTO rollup_dirty (tier, bucket)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
      SELECT 'x', i FROM n`;
    let turns = 0;
    let done = false;
    const job = executeInTransaction([heavy]).finally(() => {
      done = true;
    });
    while (!done) {
      await new Promise((r) => setImmediate(r));
      turns++;
    }
    await job;
    expect(turns).toBeGreaterThan(10);
    const n = await queryOne<{ n: number }>(sql`SELECT COUNT(*) AS n FROM rollup_dirty WHERE tier = 'x'`);
    expect(Number(n?.n)).toBe(1_000_000);
    await execute(sql`DELETE FROM rollup_dirty WHERE tier = 'x'`);
  });

  it('rolls a failing job back whole and frees the lock for the next write', async () => {
    const first = sql`INSERT INTO rollup_dirty (tier, bucket) VALUES ('y', 1)`;
    const broken = sql`INSERT INTO no_such_table (x) VALUES (1)`;
    await expect(executeInTransaction([first, broken])).rejects.toThrow(/no_such_table/);
    expect(await queryOne(sql`SELECT * FROM rollup_dirty WHERE tier = 'y'`)).toBeUndefined();
    await storeSamples(batch(30));
    await executeInTransaction([first]);
    expect(await queryOne(sql`SELECT bucket FROM rollup_dirty WHERE tier = 'y'`)).toEqual({ bucket: 1 });
  });
});
