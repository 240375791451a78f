// End to end over loopback: fake miners → collector → the real ingest function → the device API
// shows the hashrate, the pool and each poll's outcome. Malformed and dead devices are marked in
// error with their reason and backed off; nothing crashes the cycle.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deviceRoute from '@/app/api/v1/devices/[id]/route';
import { Collector } from '@/lib/collectors/scheduler/collector';
import { getDb } from '@/lib/db/client';
import { queryRows, sql } from '@/lib/db/raw';
import { startCgminerFake } from '@/lib/sim/wire/cgminer-fake';
import { startDcgmFake } from '@/lib/sim/wire/dcgm-fake';
import { newMinerState } from '@/lib/sim/wire/miner-state';
import { refreshLatest } from '@/lib/telemetry/latest';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const INTERVAL_MS = 30_000;

/** A "miner" whose API answers with bytes no parser can make sense of. */
async function startGarbageServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((s) => {
    s.once('data', () => s.end(Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0x53, 0x54, 0x00])));
    s.on('error', () => s.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((done) => server.close(() => done())) };
}

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

describe.each(TEST_PROVIDERS)('collector on %s', (provider) => {
  let db: TestDb;
  let viewer: string;
  let fleet: Awaited<ReturnType<typeof createSmallFleet>>;
  const closers: (() => Promise<void>)[] = [];
  const t0 = Date.now();

  const getDevice = (id: number, token: string | undefined = viewer) =>
    call(deviceRoute.GET, { token, params: { id: String(id) } });

  beforeAll(async () => {
    db = await createTestDb(provider);
    fleet = await createSmallFleet(5);
    viewer = await tokenFor('viewer');
    const miner = await startCgminerFake({ variant: 'luxos', state: newMinerState(7, 104, 3068, t0) });
    const garbage = await startGarbageServer();
    const dcgm = await startDcgmFake({ gpus: 8 });
    closers.push(miner.close, garbage.close, dcgm.close);
    const [healthy, malformed, dead, pushOnly] = fleet.devices;
    const endpoints = [
      [healthy!.id, 'cgminer', miner.port],
      [malformed!.id, 'cgminer', garbage.port],
      [dead!.id, 'cgminer', await closedPort()],
      [fleet.gpuNode.id, 'dcgm', dcgm.port],
    ] as const;
    for (const [id, protocol, port] of endpoints) {
      await getDb().device.update({ where: { id }, data: { protocol, host: '127.0.0.1', port } });
    }
    await getDb().device.update({
      where: { id: pushOnly!.id },
      data: { protocol: 'push', host: '127.0.0.1' },
    });
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await db.cleanup();
  });

  it('polls over the wire, ingests the readings and shows them with each poll outcome', async () => {
    const collector = new Collector({
      intervalMs: INTERVAL_MS,
      concurrency: 4,
      timeoutMs: 2_000,
      sharded: false,
    });
    // First tick: every polled device gets a first poll spread over one interval; one interval later all are due.
    await collector.tick(t0);
    const report = await collector.tick(t0 + INTERVAL_MS);
    expect(report).toMatchObject({ polled: 4, ok: 2, failed: 2 });
    await refreshLatest();

    const [healthy, malformed, dead, pushOnly, cgNoEndpoint] = fleet.devices;
    const ok = await getDevice(healthy!.id);
    expect(ok.status).toBe(200);
    expect(ok.json.hashrateThs).toBeGreaterThan(95);
    expect(ok.json.hashrateThs).toBeLessThan(115);
    expect(ok.json.powerW).toBeGreaterThan(2900);
    expect(ok.json.tempC).toBeGreaterThan(0);
    expect(ok.json.poolUrl).toBe('stratum+tcp://pool.example.com:3333');
    expect(ok.json.collector).toMatchObject({ lastError: null, lastErrorAt: null, consecutiveFailures: 0 });
    expect(Date.parse(ok.json.collector.lastOkAt)).toBeGreaterThanOrEqual(t0 + INTERVAL_MS);
    expect(Date.parse(ok.json.collector.nextPollAt)).toBe(
      (await queryRows(sql`SELECT next_poll_at FROM collector_state WHERE device_id = ${healthy!.id}`)).map(
        (r) => Number(r.next_poll_at),
      )[0],
    );

    const gpu = await getDevice(fleet.gpuNode.id);
    expect(gpu.json.gpuUtilPct).not.toBeNull();
    expect(gpu.json.collector.lastOkAt).not.toBeNull();

    const bad = await getDevice(malformed!.id);
    expect(bad.json.collector.lastOkAt).toBeNull();
    expect(bad.json.collector.lastError).toEqual(expect.any(String));
    expect(bad.json.collector.lastErrorKind).not.toBe('refused');
    expect(bad.json.hashrateThs).toBeNull();

    const gone = await getDevice(dead!.id);
    expect(gone.json.collector).toMatchObject({
      lastErrorKind: 'refused',
      consecutiveFailures: 1,
      lastOkAt: null,
    });

    // Push devices are not polled even with a host; a polled protocol without an endpoint is not either.
    expect((await getDevice(pushOnly!.id)).json.collector).toBeNull();
    expect((await getDevice(cgNoEndpoint!.id)).json.collector).toMatchObject({
      nextPollAt: null,
      lastOkAt: null,
    });
  });

  it('backs off a dead device while the healthy ones keep their cadence', async () => {
    const collector = new Collector({
      intervalMs: INTERVAL_MS,
      concurrency: 4,
      timeoutMs: 2_000,
      sharded: false,
    });
    const dead = fleet.devices[2]!;
    const before = await getDevice(dead.id);
    const firstRetry =
      Date.parse(before.json.collector.nextPollAt) - Date.parse(before.json.collector.lastErrorAt);
    expect(firstRetry).toBeGreaterThanOrEqual(INTERVAL_MS);
    expect(firstRetry).toBeLessThanOrEqual(INTERVAL_MS * 1.1);

    const report = await collector.tick(t0 + 3 * INTERVAL_MS);
    expect(report.polled).toBe(4);
    const after = await getDevice(dead.id);
    expect(after.json.collector.consecutiveFailures).toBe(2);
    const secondRetry =
      Date.parse(after.json.collector.nextPollAt) - Date.parse(after.json.collector.lastErrorAt);
    expect(secondRetry).toBeGreaterThanOrEqual(2 * INTERVAL_MS);
    expect(secondRetry).toBeLessThanOrEqual(2 * INTERVAL_MS * 1.1);

    // One interval later the healthy devices are due again; the failing ones, backed off, are not.
    const next = await collector.tick(t0 + 5 * INTERVAL_MS - 1);
    expect(next).toMatchObject({ polled: 2, ok: 2 });
    const late = await collector.tick(t0 + 6 * INTERVAL_MS + 2_000);
    expect(late).toMatchObject({ polled: 4, ok: 2, failed: 2 });
    const samples = await queryRows(
      sql`SELECT COUNT(*) AS n FROM telemetry_sample WHERE device_id = ${fleet.devices[0]!.id}`,
    );
    expect(Number(samples[0]!.n)).toBe(4);
  });

  it('keeps the device API behind authentication', async () => {
    const anonymous = await call(deviceRoute.GET, { params: { id: String(fleet.devices[0]!.id) } });
    expect(anonymous.status).toBe(401);
  });
});
