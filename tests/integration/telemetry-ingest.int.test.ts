import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as telemetry from '@/app/api/v1/telemetry/route';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { queryOne, queryRows, sql } from '@/lib/db/raw';
import { getFleetNow } from '@/lib/telemetry/fleet-now';
import { refreshLatest } from '@/lib/telemetry/latest';
import type { TelemetrySample } from '@/lib/telemetry/metrics';
import { getRackHeatmap } from '@/lib/telemetry/rack-heatmap';
import { drainRollups } from '@/lib/telemetry/rollups';
import { getDeviceSeries, getTotalsSeries } from '@/lib/telemetry/series';
import { getStatusHistory } from '@/lib/telemetry/status-history';
import { evaluateStatuses } from '@/lib/telemetry/status-job';
import { storeSamples } from '@/lib/telemetry/store';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const count = async (table: string) =>
  Number((await queryOne<{ n: number }>(sql`SELECT COUNT(*) AS n FROM ${sql([table])}`))?.n);

describe.each(TEST_PROVIDERS)('telemetry ingest on %s', (provider) => {
  let db: TestDb;
  let agent: string;
  let viewer: string;
  let fleet: Awaited<ReturnType<typeof createSmallFleet>>;
  const now = Date.now();
  const t0 = now - 10 * 60_000;

  const batch = (offsetMs: number) =>
    fleet.devices.map((d, i) => ({
      deviceId: d.id,
      ts: t0 + offsetMs,
      hashrateThs: 190 + i,
      powerW: 3400,
      chipTempC: 70 + i / 10,
    }));

  beforeAll(async () => {
    db = await createTestDb(provider);
    fleet = await createSmallFleet(10);
    agent = await tokenFor('operator', 'agent');
    viewer = await tokenFor('viewer', 'viewer');
  });
  afterAll(async () => {
    await db.cleanup();
  });

  const post = (body: unknown, token = agent) => call(telemetry.POST, { method: 'POST', token, body });

  it('accepts a batch and reports a replay as duplicates, storing nothing twice', async () => {
    const first = await post({ samples: batch(0) });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ accepted: 10, duplicates: 0, rejected: [] });
    const replay = await post({ samples: batch(0) });
    expect(replay.json).toEqual({ accepted: 0, duplicates: 10, rejected: [] });
    expect(await count('telemetry_sample')).toBe(10);
  });

  it('stores the valid samples of a mixed batch and lists the rejected ones by index', async () => {
    const samples = [
      ...batch(30_000).slice(0, 3),
      { deviceId: fleet.devices[0]!.id, ts: t0 + 31_000, hashrateThs: '190' },
      { serial: 'NOPE', ts: t0 + 31_000, powerW: 1 },
      { deviceId: fleet.devices[1]!.id, ts: new Date(now + 3_600_000).toISOString(), powerW: 1 },
      { deviceId: fleet.devices[1]!.id, ts: 1_700_000_000, powerW: 1 },
      { deviceId: fleet.devices[1]!.id, ts: t0 + 32_000, hashrateThs: 'INFINITY' },
      { deviceId: fleet.devices[1]!.id, ts: t0 + 33_000, temperature: 50 },
      { serial: fleet.devices[2]!.serial, ts: new Date(t0 + 34_000).toISOString(), powerW: 3300 },
    ];
    // JSON.stringify turns Infinity into null; send the literal 1e999, which JSON.parse reads as Infinity.
    const text = JSON.stringify({ samples }).replace('"INFINITY"', '1e999');
    const res = await call(telemetry.POST, {
      method: 'POST',
      token: agent,
      rawBody: text,
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(4);
    expect(res.json.rejected.map((r: { index: number }) => r.index)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(res.json.rejected[0].error).toMatch(/hashrateThs must be a number/);
    expect(res.json.rejected[1].error).toMatch(/unknown device/);
    expect(res.json.rejected[2].error).toMatch(/future/);
    expect(res.json.rejected[3].error).toMatch(/epoch seconds/);
    expect(res.json.rejected[4].error).toMatch(/finite/);
    expect(res.json.rejected[5].error).toMatch(/unknown field "temperature"/);
  });

  it('fails a batch with no valid sample and stores nothing', async () => {
    const before = await count('telemetry_sample');
    const res = await post({ samples: [{ deviceId: fleet.devices[0]!.id, ts: 'yesterday' }] });
    expect(res.status).toBe(400);
    expect(res.json.error.details.rejected).toHaveLength(1);
    expect(await count('telemetry_sample')).toBe(before);
  });

  it('refuses bad bodies with clear 4xx', async () => {
    const gz = gzipSync(JSON.stringify({ samples: batch(60_000) }));
    const ok = await call(telemetry.POST, {
      method: 'POST',
      token: agent,
      rawBody: gz,
      contentType: 'application/json',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.accepted).toBe(10);
    const broken = await call(telemetry.POST, {
      method: 'POST',
      token: agent,
      rawBody: gz.subarray(0, 20),
      contentType: 'application/json',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(broken.status).toBe(400);
    const wrongType = await call(telemetry.POST, {
      method: 'POST',
      token: agent,
      rawBody: 'a,b',
      contentType: 'text/csv',
    });
    expect(wrongType.status).toBe(415);
    const notJson = await call(telemetry.POST, {
      method: 'POST',
      token: agent,
      rawBody: '{"samples": [',
      contentType: 'application/json',
    });
    expect(notJson.status).toBe(400);
    const tooMany = await post({ samples: Array.from({ length: 10_001 }, () => ({})) });
    expect(tooMany.status).toBe(413);
    expect((await post({ samples: [] })).status).toBe(400);
    expect((await post([1, 2])).status).toBe(400);
    expect((await post({ samples: batch(90_000) }, viewer)).status).toBe(403);
  });

  it('keeps the newest sample as latest state, even when an older one arrives later', async () => {
    const id = fleet.devices[0]!.id;
    await post({ samples: [{ deviceId: id, ts: now - 20_000, hashrateThs: 150 }] });
    await post({ samples: [{ deviceId: id, ts: now - 40_000, hashrateThs: 10 }] });
    await refreshLatest(now);
    const latest = await queryOne<{ ts: number; hashrate_ths: number }>(
      sql`SELECT ts, hashrate_ths FROM device_latest WHERE device_id = ${id}`,
    );
    expect(Number(latest?.ts)).toBe(now - 20_000);
    expect(latest?.hashrate_ths).toBe(150);
  });

  it('catches late samples for the latest state through the closed-minute rollup', async () => {
    // A device with no samples yet: its only sample is older than refreshLatest's look-back, so
    // only the closed 1-minute rollup can put it into device_latest.
    const late = await getDb().device.create({
      data: {
        name: 'Late-A0',
        serial: 'Late-A0',
        siteId: fleet.site.id,
        modelId: fleet.devices[0]!.modelId,
        protocol: 'cgminer',
      },
    });
    const lateTs = now - 60_000 * 30;
    expect(await storeSamples([{ deviceId: late.id, ts: lateTs, hashrateThs: 77 }])).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    const latestOf = () =>
      queryOne<{ ts: number; hashrate_ths: number }>(
        sql`SELECT ts, hashrate_ths FROM device_latest WHERE device_id = ${late.id}`,
      );
    await refreshLatest(now);
    expect(await latestOf()).toBeUndefined();
    await drainRollups(now);
    const after = await latestOf();
    expect(Number(after?.ts)).toBe(lateTs);
    expect(after?.hashrate_ths).toBe(77);
  });

  it('rolls raw samples up per device (sample count, mean, max) and per site', async () => {
    await drainRollups(Number.POSITIVE_INFINITY);
    type Agg = { device_id: number; n: number; hn: number; s: number; mx: number | null };
    const rawAgg = await queryRows<Agg>(sql`
      SELECT device_id, COUNT(*) AS n, COUNT(hashrate_ths) AS hn, SUM(hashrate_ths) AS s, MAX(chip_temp_c) AS mx
      FROM telemetry_sample GROUP BY device_id ORDER BY device_id`);
    // Some samples carry power only: the per-metric count keeps the hourly mean exact anyway.
    const rollAgg = await queryRows<Agg>(sql`
      SELECT device_id, SUM(samples) AS n,
             SUM(CASE WHEN hashrate_ths IS NOT NULL THEN COALESCE(hashrate_ths_n, samples) END) AS hn,
             SUM(hashrate_ths * COALESCE(hashrate_ths_n, samples)) AS s, MAX(chip_temp_c_max_x100) AS mx
      FROM telemetry_rollup_1h GROUP BY device_id ORDER BY device_id`);
    expect(rollAgg.map((r) => [Number(r.device_id), Number(r.n), Number(r.hn ?? 0)])).toEqual(
      rawAgg.map((r) => [Number(r.device_id), Number(r.n), Number(r.hn)]),
    );
    expect(rawAgg.some((r) => Number(r.hn) < Number(r.n))).toBe(true);
    for (const [i, r] of rollAgg.entries()) {
      const expected = rawAgg[i]!;
      expect(Number(r.s ?? 0)).toBeCloseTo(Number(expected.s ?? 0), 6);
      expect(r.mx == null ? null : Number(r.mx) / 100).toBe(
        expected.mx == null ? null : Math.round(Number(expected.mx) * 100) / 100,
      );
    }
    expect(await count('rollup_dirty')).toBe(0);
    const site5m = await queryRows<{ bucket: number; h: number }>(
      sql`SELECT bucket, hashrate_ths_sum AS h FROM site_rollup WHERE tier = '5m' ORDER BY bucket`,
    );
    const dev5m = await queryRows<{ bucket: number; h: number }>(sql`
      SELECT bucket, SUM(hashrate_ths) AS h FROM telemetry_rollup_5m WHERE hashrate_ths IS NOT NULL GROUP BY bucket ORDER BY bucket`);
    expect(site5m.map((r) => Number(r.bucket))).toEqual(dev5m.map((r) => Number(r.bucket)));
    for (const [i, r] of site5m.entries()) expect(Number(r.h)).toBeCloseTo(Number(dev5m[i]!.h), 6);
  });
});

describe.each(TEST_PROVIDERS)('telemetry views on %s', (provider) => {
  let db: TestDb;
  let fleet: Awaited<ReturnType<typeof createSmallFleet>>;
  const now = Date.now() - (Date.now() % 60_000) + 30_000;

  beforeAll(async () => {
    db = await createTestDb(provider);
    fleet = await createSmallFleet(6, 'Views');
    const samples: TelemetrySample[] = [];
    for (let t = now - 3 * 3_600_000; t <= now - 10_000; t += 30_000) {
      for (const [i, d] of fleet.devices.entries()) {
        // Device 0 runs at 50 %: degraded. Device 1 stops reporting 10 minutes ago: offline.
        if (i === 1 && t > now - 600_000) continue;
        samples.push({
          deviceId: d.id,
          ts: t,
          hashrateThs: i === 0 ? 100 : 200,
          powerW: 3500,
          chipTempC: 70,
        });
      }
      samples.push({
        deviceId: fleet.gpuNode.id,
        ts: t,
        powerW: 8000,
        gpuUtilPct: 80,
        gpuTempC: 70,
        gpuMemUsedGb: 500,
      });
    }
    await storeSamples(samples);
    await drainRollups(now);
    await refreshLatest(now);
    await evaluateStatuses(now);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('derives statuses from data and records the changes', async () => {
    const rows = await queryRows<{ id: number; status: string }>(
      sql`SELECT id, status FROM device ORDER BY id`,
    );
    const status = new Map(rows.map((r) => [Number(r.id), r.status]));
    expect(status.get(fleet.devices[0]!.id)).toBe('degraded');
    expect(status.get(fleet.devices[1]!.id)).toBe('offline');
    expect(status.get(fleet.devices[2]!.id)).toBe('online');
    expect(status.get(fleet.gpuNode.id)).toBe('online');
    const history = await getStatusHistory(SYSTEM_ACTOR, fleet.devices[0]!.id, { from: 0, to: now + 1 });
    expect(history[0]).toMatchObject({ fromStatus: 'offline', toStatus: 'degraded' });
  });

  it('summarises the fleet from latest state', async () => {
    const summary = await getFleetNow(SYSTEM_ACTOR, undefined, now);
    expect(summary.devices).toBe(7);
    expect(summary.reporting).toBe(6);
    expect(summary.hashrateThs).toBeCloseTo(100 + 4 * 200, 6);
    expect(summary.efficiencyJPerTh).toBeCloseTo((5 * 3500) / 900, 6);
    expect(summary.statusCounts).toMatchObject({ degraded: 1, offline: 1, online: 5 });
  });

  it('serves device and site series from rollups with gap-filled buckets', async () => {
    const device = await getDeviceSeries(SYSTEM_ACTOR, fleet.devices[2]!.id, {
      from: now - 3_600_000,
      to: now,
      now,
    });
    expect(device.source).toBe('1m');
    expect(device.points.length).toBeGreaterThanOrEqual(60);
    const filled = device.points.filter((p) => p.hashrateThs !== null);
    expect(filled.length).toBeGreaterThanOrEqual(58);
    for (const p of filled) expect(p.hashrateThs).toBeCloseTo(200, 6);

    const site = await getTotalsSeries(
      SYSTEM_ACTOR,
      { from: now - 2 * 3_600_000, to: now - 3_600_000, now },
      fleet.site.id,
    );
    const points = site.points.filter((p) => p.hashrateThs !== null);
    expect(points.length).toBe(61);
    for (const p of points) {
      expect(p.hashrateThs).toBeCloseTo(100 + 5 * 200, 6);
      // Utilisation averages the GPU devices only; temperature averages every device reporting one.
      expect(p.gpuUtilPct).toBeCloseTo(80, 6);
      expect(p.tempC).toBeCloseTo(70, 6);
    }

    const week = await getTotalsSeries(SYSTEM_ACTOR, { from: now - 7 * 86_400_000, to: now, now });
    expect(week.source).toBe('1h');
    expect(week.points.length).toBeLessThanOrEqual(1500);
  });

  it('lists the rack heatmap with hashrate versus nominal', async () => {
    const racks = await getRackHeatmap(SYSTEM_ACTOR, fleet.site.id);
    const cell = racks[0]!.cells.find((c) => c.deviceId === fleet.devices[0]!.id);
    expect(cell?.hashratePct).toBeCloseTo(50, 6);
  });
});
