// Scale-out of the collector (issue #9): two collector processes on one PostgreSQL share the
// sites through leases. Every device is polled by exactly one instance per interval (no device
// gets two samples within one interval), both instances take part, and when one is killed with
// SIGKILL its sites are picked up by the other within two intervals: nothing stops being polled.
// A web instance (`next start` with background work) that is stopped with SIGTERM hands its leases
// back on the way out instead of leaving them to expire.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, pgBinDir, startPgCluster } from '../../bench/harness/pg-cluster';
import { getDb } from '../../lib/db/client';
import { closeRawConnections, queryRows, sql } from '../../lib/db/raw';
import { applyMigrations, schemaLocation } from '../../lib/db/schema-engine';
import { resetEnvCache } from '../../lib/env';
import { type Fleet, startFleet } from '../../lib/sim/wire/fleet';
import { buildIfStale } from '../../scripts/build-if-stale';
import { createSmallFleet } from '../helpers/fixtures';
import { startServer } from '../helpers/server';
import { sleep } from './agents';

const INTERVAL_S = 5;
const INTERVAL_MS = INTERVAL_S * 1000;
const SITES = 4;
const PER_SITE = 5;
const binaries = pgBinDir();
if (!binaries) console.warn('[collector-sharding] skipped: PostgreSQL server binaries not found');

function startCollector(url: string, id: string): { child: ChildProcess; output: () => string } {
  let output = '';
  // One process (no tsx CLI wrapper), so SIGKILL really kills the instance.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/collector.ts', '--id', id], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      COLLECTOR_INTERVAL_S: String(INTERVAL_S),
      COLLECTOR_TIMEOUT_MS: '2000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

type Sample = { device_id: number; ts: number };

async function samplesSince(from: number): Promise<Map<number, number[]>> {
  const rows = await queryRows<Sample>(
    sql`SELECT device_id, ts FROM telemetry_sample WHERE ts >= ${from} ORDER BY device_id, ts`,
  );
  const byDevice = new Map<number, number[]>();
  for (const r of rows)
    byDevice.set(Number(r.device_id), [...(byDevice.get(Number(r.device_id)) ?? []), Number(r.ts)]);
  return byDevice;
}

describe.skipIf(!binaries)('collector sharded across two processes on PostgreSQL', () => {
  let cluster: PgCluster;
  let fakes: Fleet;
  let deviceIds: number[] = [];
  const collectors: ReturnType<typeof startCollector>[] = [];

  beforeAll(async () => {
    // The second case runs `next start`: build first (minutes when sources changed), before any clock starts.
    buildIfStale(process.cwd());
    const started = await startPgCluster('collector-sharding');
    if (!started) throw new Error('PostgreSQL cluster did not start');
    cluster = started;
    await applyMigrations(schemaLocation('postgresql'), cluster.url);
    process.env.DATABASE_URL = cluster.url;
    resetEnvCache();
    fakes = await startFleet(
      Array.from({ length: SITES * PER_SITE }, () => ({
        kind: 'cgminer' as const,
        variant: 'luxos' as const,
      })),
    );
    for (let s = 0; s < SITES; s++) {
      const { devices } = await createSmallFleet(PER_SITE, `Shard ${s}`);
      for (const [i, d] of devices.entries()) {
        const fake = fakes.devices[s * PER_SITE + i]!;
        await getDb().device.update({ where: { id: d.id }, data: { host: fake.host, port: fake.port } });
        deviceIds.push(d.id);
      }
    }
    // The fixture's GPU nodes have no endpoint: not polled.
    deviceIds = deviceIds.sort((a, b) => a - b);
  }, 900_000);
  afterAll(async () => {
    for (const c of collectors) c.child.kill('SIGKILL');
    await fakes?.close();
    await getDb().$disconnect();
    await closeRawConnections();
    await cluster?.destroy();
  });

  it('shares the sites, polls each device once per interval, and survives an instance dying', async () => {
    collectors.push(startCollector(cluster.url, 'a'), startCollector(cluster.url, 'b'));
    const t0 = Date.now();
    // Start-up (tsx), the first poll spread over one interval, then five steady intervals.
    await sleep(8 * INTERVAL_MS);
    const diag = () => collectors.map((c) => c.output()).join('\n---\n');
    const leases = await queryRows<{ owner: string; n: number }>(
      sql`SELECT owner, COUNT(*) AS n FROM collector_lease GROUP BY owner ORDER BY owner`,
    );
    expect(
      leases.map((l) => [l.owner, Number(l.n)]),
      diag(),
    ).toEqual([
      ['a', SITES / 2],
      ['b', SITES / 2],
    ]);
    const steadyFrom = t0 + 3 * INTERVAL_MS;
    const steady = await samplesSince(steadyFrom);
    expect(
      [...steady.keys()].sort((a, b) => a - b),
      diag(),
    ).toEqual(deviceIds);
    for (const [id, ts] of steady) {
      // Exactly one poll per interval: never two samples of a device within half an interval...
      for (let i = 1; i < ts.length; i++)
        expect(ts[i]! - ts[i - 1]!, `device ${id}`).toBeGreaterThan(INTERVAL_MS / 2);
      // ...and none missed: about one sample per interval of the window.
      expect(ts.length, `device ${id}`).toBeGreaterThanOrEqual(
        Math.floor((Date.now() - steadyFrom) / INTERVAL_MS) - 1,
      );
    }
    const polledBy = await queryRows<{ polled_by: string }>(
      sql`SELECT DISTINCT polled_by FROM collector_state`,
    );
    expect(polledBy.map((r) => r.polled_by).sort()).toEqual(['a', 'b']);

    // Kill one instance without letting it release anything.
    collectors[0]!.child.kill('SIGKILL');
    const killedAt = Date.now();
    await sleep(2 * INTERVAL_MS + 2_000);
    const owners = await queryRows<{ owner: string }>(sql`SELECT DISTINCT owner FROM collector_lease`);
    expect(
      owners.map((o) => o.owner),
      diag(),
    ).toEqual(['b']);
    // Within two intervals of the kill every device has been polled again, by the survivor.
    const after = await samplesSince(killedAt + INTERVAL_MS);
    expect(
      [...after.keys()].sort((a, b) => a - b),
      diag(),
    ).toEqual(deviceIds);
    await sleep(3 * INTERVAL_MS);
    const all = await samplesSince(t0);
    for (const [id, ts] of all) {
      for (let i = 1; i < ts.length; i++)
        expect(ts[i]! - ts[i - 1]!, `device ${id}`).toBeGreaterThan(INTERVAL_MS / 2);
      const last = ts[ts.length - 1]!;
      expect(Date.now() - last, `device ${id} still polled`).toBeLessThan(2 * INTERVAL_MS);
    }
  });

  it('a web instance stopped with SIGTERM releases its site leases and its instance row', async () => {
    const before = await queryRows<{ id: string }>(sql`SELECT id FROM collector_instance`);
    const web = await startServer({
      databaseUrl: cluster.url,
      env: {
        SWITCHYARD_JOBS: 'on',
        SWITCHYARD_COLLECTOR: 'on',
        COLLECTOR_INTERVAL_S: String(INTERVAL_S),
        COLLECTOR_TIMEOUT_MS: '2000',
      },
      startTimeoutMs: 120_000,
    });
    const known = new Set(before.map((r) => r.id));
    const webOwned = async () => {
      const rows = await queryRows<{ owner: string; n: number }>(
        sql`SELECT owner, COUNT(*) AS n FROM collector_lease WHERE owner <> '' GROUP BY owner`,
      );
      return rows.filter((r) => !known.has(r.owner));
    };
    // The survivor of the first case and the web instance split the sites.
    const deadline = Date.now() + 6 * INTERVAL_MS;
    while ((await webOwned()).length === 0 && Date.now() < deadline) await sleep(500);
    const held = await webOwned();
    expect(held.length, web.output()).toBe(1);
    const webId = held[0]!.owner;

    const exit = await web.stop(15_000);
    expect(exit.signal, `not stopped by SIGTERM in time:\n${web.output()}`).not.toBe('SIGKILL');
    const leases = await queryRows<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM collector_lease WHERE owner = ${webId}`,
    );
    expect(Number(leases[0]!.n), web.output()).toBe(0);
    const instances = await queryRows<{ id: string }>(
      sql`SELECT id FROM collector_instance WHERE id = ${webId}`,
    );
    expect(instances, web.output()).toEqual([]);
  }, 240_000);
});
