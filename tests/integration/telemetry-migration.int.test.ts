// The compact-tiers migration on a database with history: raw samples and rollups written in the
// previous layout (sum/min/max/count per metric) must arrive complete, with the same means,
// sample counts and maxima, and the rollup job must carry on from there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDb } from '@/lib/db/client';
import { closeRawConnections, execute, queryRows, raw, sql } from '@/lib/db/raw';
import { applyMigrations, schemaLocation } from '@/lib/db/schema-engine';
import { ROLLUP_METRICS } from '@/lib/telemetry/metrics';
import { MAX_COLUMNS, MEAN_COLUMNS } from '@/lib/telemetry/rollup-columns';
import { drainRollups } from '@/lib/telemetry/rollups';
import { storeSamples } from '@/lib/telemetry/store';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const BEFORE = '20261121055110_init';
const TIERS = [
  ['telemetry_rollup_1m', 60_000],
  ['telemetry_rollup_5m', 300_000],
  ['telemetry_rollup_1h', 3_600_000],
] as const;

type Row = Record<string, unknown>;
const key = (r: Row) => `${r.device_id}@${r.bucket}`;

// The database stands at an older migration while the generated client knows today's schema (later
// migrations add columns, e.g. site.collector_interval_s), so the fixture is written with plain SQL
// over the columns the old layout has, never through the client.
async function createFleetInOldLayout(count: number) {
  const now = new Date().toISOString();
  const [site] = await queryRows<{
    id: number;
  }>(sql`INSERT INTO site (name, timezone, power_capacity_kw, updated_at)
    VALUES ('Migration Site', 'UTC', 500, ${now}) RETURNING id`);
  const [model] = await queryRows<{
    id: number;
  }>(sql`INSERT INTO device_model (vendor, model, class, nominal_hashrate_ths, nominal_power_w, max_temp_c)
    VALUES ('Bitmain', 'Antminer S21', 'asic', 200, 3500, 90) RETURNING id`);
  const devices: { id: number }[] = [];
  for (let i = 0; i < count; i++) {
    const [device] = await queryRows<{
      id: number;
    }>(sql`INSERT INTO device (name, serial, site_id, model_id, updated_at)
      VALUES (${`M-${i}`}, ${`MIG-${i}`}, ${site?.id}, ${model?.id}, ${now}) RETURNING id`);
    if (device) devices.push({ id: Number(device.id) });
  }
  return { devices };
}

describe.each(TEST_PROVIDERS)('telemetry compact-tiers migration on %s', (provider) => {
  let db: TestDb;
  const oldRows = new Map<string, Map<string, Row>>();
  let rawBefore: Row[] = [];
  const end = Date.now() - (Date.now() % 3_600_000);
  const start = end - 3 * 3_600_000;

  beforeAll(async () => {
    db = await createTestDb(provider, { migrationsUpTo: BEFORE });
    const fleet = await createFleetInOldLayout(3);
    // Three hours at 30 s; every fifth ASIC sample carries power only (a PDU reading), so the
    // per-metric counts differ from the sample counts.
    const samples = [];
    for (let ts = start; ts < end; ts += 30_000) {
      for (const [i, d] of fleet.devices.entries()) {
        const t = ts + i * 1000;
        const step = (ts - start) / 30_000;
        if (i === fleet.devices.length - 1)
          samples.push({
            deviceId: d.id,
            ts: t,
            powerW: 9000 + (step % 7) * 11.3,
            gpuUtilPct: (step % 100) + 0.4,
            gpuTempC: 61.37 + (step % 5),
            gpuMemUsedGb: 40.125,
          });
        else if (step % 5 === 0) samples.push({ deviceId: d.id, ts: t, powerW: 3391.7 });
        else
          samples.push({
            deviceId: d.id,
            ts: t,
            hashrateThs: 190.123 + (step % 9) * 0.37,
            powerW: 3400.4 + (step % 3),
            chipTempC: 70.15 + (step % 4) * 0.1,
            boardTempC: 58.2,
            inletTempC: 24.96,
            fanRpm: 5120 + (step % 2),
            status: 'ok' as const,
            poolUrl: 'stratum+tcp://pool.example.net:3333',
          });
      }
    }
    await storeSamples(samples);
    await execute(sql`DELETE FROM rollup_dirty`);
    // What the previous rollup job stored: sum, min, max and count per metric, from raw.
    const aggregates = ROLLUP_METRICS.map(
      (m) => `SUM(${m.column}), MIN(${m.column}), MAX(${m.column}), COUNT(${m.column})`,
    ).join(', ');
    const columns = ROLLUP_METRICS.map(
      (m) => `${m.column}_sum, ${m.column}_min, ${m.column}_max, ${m.column}_n`,
    ).join(', ');
    for (const [table, size] of TIERS) {
      await execute(sql`INSERT INTO ${raw(table)} (device_id, bucket, samples, ${raw(columns)})
        SELECT device_id, ts - (ts % ${size}), COUNT(*), ${raw(aggregates)} FROM telemetry_sample GROUP BY 1, 2`);
      const rows = await queryRows(sql`SELECT * FROM ${raw(table)}`);
      oldRows.set(table, new Map(rows.map((r) => [key(r), r])));
    }
    rawBefore = await queryRows(sql`SELECT * FROM telemetry_sample ORDER BY ts, device_id`);
    // The migration replaces tables: no pooled connection may hold a lock or a cached plan on them.
    await closeRawConnections();
    await disconnectDb();
    expect(await applyMigrations(schemaLocation(provider), db.url)).toContainEqual(
      expect.stringMatching(/_telemetry_compact_tiers$/),
    );
  });

  afterAll(async () => {
    await db.cleanup();
  });

  it('keeps every raw sample unchanged', async () => {
    const after = await queryRows(sql`SELECT * FROM telemetry_sample ORDER BY ts, device_id`);
    expect(after.length).toBe(rawBefore.length);
    expect(after).toEqual(rawBefore);
  });

  it('carries every rollup bucket over with its sample count, means, counts and maxima', async () => {
    for (const [table] of TIERS) {
      const before = oldRows.get(table)!;
      const after = await queryRows(sql`SELECT * FROM ${raw(table)}`);
      expect(after.length).toBe(before.size);
      for (const row of after) {
        const old = before.get(key(row))!;
        expect(old, key(row)).toBeDefined();
        expect(Number(row.samples)).toBe(Number(old.samples));
        for (const c of MEAN_COLUMNS) {
          const n = Number(old[`${c.source}_n`]);
          const stored = row[c.column];
          if (n === 0) {
            expect(stored).toBeNull();
            continue;
          }
          const mean = Number(old[`${c.source}_sum`]) / n;
          const scale = c.scale ?? 1;
          expect(Math.abs(Number(stored) / scale - mean)).toBeLessThanOrEqual(
            c.scale ? 0.5 / scale + 1e-9 : 1e-9,
          );
          expect(Number(row[c.count!] ?? row.samples)).toBe(n);
        }
        for (const c of MAX_COLUMNS) {
          const max = old[`${c.source}_max`];
          expect(row[c.column] == null ? null : Number(row[c.column])).toBe(
            max == null ? null : Math.round(Number(max) * 100),
          );
        }
      }
      expect(after.some((r) => r.hashrate_ths_n != null)).toBe(true);
    }
  });

  it('stores raw and device rollups WITHOUT ROWID on SQLite', async () => {
    if (provider !== 'sqlite') return;
    const tables = await queryRows<{ name: string; sql: string }>(
      sql`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name LIKE 'telemetry_%' ORDER BY name`,
    );
    expect(tables.map((t) => t.name)).toEqual([
      'telemetry_rollup_1h',
      'telemetry_rollup_1m',
      'telemetry_rollup_5m',
      'telemetry_sample',
    ]);
    for (const t of tables) expect(t.sql, t.name).toMatch(/WITHOUT ROWID\s*$/);
  });

  it('rolls up on the migrated tables: a recomputed hour matches the carried-over one', async () => {
    const hour = end - 3_600_000;
    const carried = await queryRows(
      sql`SELECT * FROM telemetry_rollup_1h WHERE bucket = ${hour} ORDER BY device_id`,
    );
    await execute(sql`INSERT INTO rollup_dirty (tier, bucket) VALUES ('5m', ${hour})`);
    await drainRollups(Number.POSITIVE_INFINITY);
    const recomputed = await queryRows(
      sql`SELECT * FROM telemetry_rollup_1h WHERE bucket = ${hour} ORDER BY device_id`,
    );
    expect(recomputed.length).toBe(carried.length);
    for (const [i, row] of recomputed.entries()) {
      const old = carried[i]!;
      expect(Number(row.samples)).toBe(Number(old.samples));
      for (const c of [...MEAN_COLUMNS, ...MAX_COLUMNS]) {
        const a = row[c.column];
        const b = old[c.column];
        if (a == null || b == null) expect(a).toBe(b);
        else expect(Math.abs(Number(a) - Number(b))).toBeLessThanOrEqual(c.scale ? 1 : 1e-9);
      }
    }
  });
});
