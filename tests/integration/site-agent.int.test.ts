// The site agent end to end on loopback: fake miners ← agent (the same poll loop as the server's
// collector) → real route handlers behind a real HTTP server → ingest → the device API. The server
// goes away and comes back, answers are lost after commit, the agent process is killed with its
// backlog on disk — and every sample arrives exactly once (counted in the database).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as agentDevices from '@/app/api/v1/agent/sites/[id]/devices/route';
import * as agentPolls from '@/app/api/v1/agent/sites/[id]/polls/route';
import * as deviceRoute from '@/app/api/v1/devices/[id]/route';
import * as telemetry from '@/app/api/v1/telemetry/route';
import { refreshNow } from '@/lib/actions/refresh';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { SiteAgent } from '@/lib/collectors/agent/agent';
import { DiskBuffer } from '@/lib/collectors/agent/buffer';
import { Collector } from '@/lib/collectors/scheduler/collector';
import { getDb } from '@/lib/db/client';
import { join, queryRows, sql } from '@/lib/db/raw';
import { startAxeosFake } from '@/lib/sim/wire/axeos-fake';
import { startCgminerFake } from '@/lib/sim/wire/cgminer-fake';
import { newMinerState } from '@/lib/sim/wire/miner-state';
import { refreshLatest } from '@/lib/telemetry/latest';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { type RouteTable, startRouteServer } from '../helpers/route-server';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

type Key = string;
const keyOf = (s: Record<string, unknown>): Key => `${Number(s.deviceId)}@${Number(s.ts)}`;

describe.each(TEST_PROVIDERS)('site agent on %s', (provider) => {
  let db: TestDb;
  let operator: string;
  let viewer: string;
  let tenantToken: string;
  let fleet: Awaited<ReturnType<typeof createSmallFleet>>;
  let polled: number[];
  let tenantDevice: number;
  let server: Awaited<ReturnType<typeof startRouteServer>> | null = null;
  let port = 0;
  let dir: string;
  /** Telemetry answers to spoil after the server committed them (a reply lost on the way back). */
  let loseAnswers = 0;
  const closers: (() => Promise<void>)[] = [];

  const routes: RouteTable = {
    '/api/v1/agent/sites/[id]/devices': { GET: agentDevices.GET },
    '/api/v1/agent/sites/[id]/polls': { POST: agentPolls.POST },
    '/api/v1/telemetry': {
      POST: async (req, ctx) => {
        const res = await telemetry.POST(req, ctx);
        if (res.ok && loseAnswers > 0) {
          loseAnswers -= 1;
          return new Response('upstream reset', { status: 502 });
        }
        return res;
      },
    },
  };
  const serverUp = async () => {
    server = await startRouteServer(routes, port);
    port = server.port;
  };
  const serverDown = async () => {
    await server?.close();
    server = null;
  };
  const url = () => `http://127.0.0.1:${port}`;
  const stored = async (): Promise<Set<Key>> =>
    new Set(
      (
        await queryRows(sql`SELECT device_id, ts FROM telemetry_sample WHERE device_id IN (${join(polled)})`)
      ).map((r) => keyOf({ deviceId: r.device_id, ts: r.ts })),
    );
  const storedCount = async () =>
    Number(
      (
        await queryRows(sql`SELECT COUNT(*) AS n FROM telemetry_sample WHERE device_id IN (${join(polled)})`)
      )[0]!.n,
    );
  const newAgent = (name: string, extra: Partial<ConstructorParameters<typeof SiteAgent>[0]> = {}) =>
    new SiteAgent({
      server: url(),
      token: operator,
      siteId: fleet.site.id,
      name,
      bufferPath: path.join(dir, `${name}.db`),
      maxBufferBytes: 1_048_576,
      timeoutMs: 2_000,
      serverTimeoutMs: 5_000,
      backoff: { baseMs: 50, maxMs: 200 },
      ...extra,
    });

  beforeAll(async () => {
    db = await createTestDb(provider);
    dir = mkdtempSync(path.join(os.tmpdir(), 'site-agent-'));
    fleet = await createSmallFleet(4, `Agent site ${provider}`);
    operator = await tokenFor('operator');
    viewer = await tokenFor('viewer');
    const tenant = await getDb().tenant.create({ data: { name: `Agent tenant ${provider}` } });
    tenantToken = (
      await createApiToken(SYSTEM_ACTOR, { name: 'tenant agent', role: 'operator', tenantId: tenant.id })
    ).token;
    const now = Date.now();
    const cg1 = await startCgminerFake({ variant: 'antminer', state: newMinerState(1, 110, 3250, now) });
    const cg2 = await startCgminerFake({ variant: 'braiins', state: newMinerState(2, 200, 3500, now) });
    const axe = await startAxeosFake({ version: '2.15', state: newMinerState(3, 1.2, 15, now) });
    closers.push(cg1.close, cg2.close, axe.close);
    const [a, b, c, pushOnly] = fleet.devices;
    const endpoints = [
      [a!.id, 'cgminer', cg1.port],
      [b!.id, 'cgminer', cg2.port],
      [c!.id, 'axeos', axe.port],
    ] as const;
    for (const [id, protocol, p] of endpoints)
      await getDb().device.update({ where: { id }, data: { protocol, host: '127.0.0.1', port: p } });
    await getDb().device.update({ where: { id: c!.id }, data: { tenantId: tenant.id } });
    await getDb().device.update({
      where: { id: pushOnly!.id },
      data: { protocol: 'push', host: '127.0.0.1' },
    });
    polled = endpoints.map(([id]) => id);
    tenantDevice = c!.id;
    await serverUp();
  });
  afterAll(async () => {
    await serverDown();
    for (const close of closers) await close();
    rmSync(dir, { recursive: true, force: true });
    await db.cleanup();
  });

  it('lists only the polled devices of the site the token may see', async () => {
    const staff = await call(agentDevices.GET, { token: operator, params: { id: String(fleet.site.id) } });
    expect(staff.status).toBe(200);
    expect(staff.json.devices.map((d: { id: number }) => d.id)).toEqual(polled);
    expect(staff.json.intervalS).toBeGreaterThan(0);
    const tenant = await call(agentDevices.GET, {
      token: tenantToken,
      params: { id: String(fleet.site.id) },
    });
    expect(tenant.json.devices.map((d: { id: number }) => d.id)).toEqual([tenantDevice]);
    // A tenant's report about another tenant's machine is ignored, not stored.
    const report = await call(agentPolls.POST, {
      method: 'POST',
      token: tenantToken,
      params: { id: String(fleet.site.id) },
      body: { agent: 'tenant-agent', outcomes: [{ deviceId: polled[0], ok: true, at: Date.now() }] },
    });
    expect(report.json).toMatchObject({ recorded: 0, ignored: 1 });
    const byViewer = await call(agentPolls.POST, {
      method: 'POST',
      token: viewer,
      params: { id: String(fleet.site.id) },
      body: { agent: 'viewer-agent', outcomes: [] },
    });
    expect(byViewer.status).toBe(403);
  });

  it('polls the fake miners and the device API shows their hashrate, with the agent as collector', async () => {
    const agent = newAgent('rack-a');
    expect(await agent.refreshDevices()).toBe(true);
    expect(await agent.pollOnce()).toEqual({ devices: 3, ok: 3, failed: 0 });
    await agent.flush();
    expect(agent.buffer.stats()).toMatchObject({ samples: 0, droppedSamples: 0 });
    expect(agent.cycleLine({ devices: 3, ok: 3, failed: 0 })).toMatch(
      /cycle 1: devices 3 ok, 0 failed · sent 3 · rejected 0 · dropped 0 \(total 0\) · backlog 0 samples.*server ok/,
    );
    await refreshLatest();
    const res = await call(deviceRoute.GET, { token: viewer, params: { id: String(polled[0]) } });
    expect(res.json.hashrateThs).toBeGreaterThan(90);
    expect(res.json.collector).toMatchObject({ source: 'agent', agent: 'rack-a', lastError: null });
    expect(Date.parse(res.json.collector.lastOkAt)).toBeGreaterThan(Date.now() - 60_000);
    // The lease: the server's collector is not due to poll the device for a while.
    expect(Date.parse(res.json.collector.nextPollAt)).toBeGreaterThan(Date.now() + 60_000);
    // "Refresh now" leaves a leased device to its agent instead of handing it to the server.
    const leaseEnd = Date.parse(res.json.collector.nextPollAt);
    expect(await refreshNow(SYSTEM_ACTOR, [polled[0]!], Date.now())).toMatchObject({
      notPolled: [polled[0]],
    });
    const again = await call(deviceRoute.GET, { token: viewer, params: { id: String(polled[0]) } });
    expect(Date.parse(again.json.collector.nextPollAt)).toBe(leaseEnd);
    const axe = await call(deviceRoute.GET, { token: viewer, params: { id: String(tenantDevice) } });
    expect(axe.json.hashrateThs).toBeGreaterThan(0.5);
    // The swarm view's facts come from the agent's report too.
    const facts = await queryRows(
      sql`SELECT firmware, best_diff_all_time FROM collector_state WHERE device_id = ${tenantDevice}`,
    );
    expect(String(facts[0]!.firmware)).toMatch(/^AxeOS /);
    expect(Number(facts[0]!.best_diff_all_time)).toBeGreaterThan(0);
    agent.close();
  });

  it('keeps polling through a server outage and delivers the backlog once, even when answers are lost', async () => {
    const agent = newAgent('rack-b');
    await agent.refreshDevices();
    const before = await storedCount();
    await serverDown();
    for (let i = 0; i < 3; i++) {
      expect(await agent.pollOnce()).toMatchObject({ ok: 3 });
      await agent.flush();
    }
    expect(agent.buffer.stats()).toMatchObject({ samples: 9, batches: 3 });
    expect(agent.cycleLine({ devices: 3, ok: 3, failed: 0 })).toMatch(
      /sent 0 .*backlog 9 samples in 3 batches.* · server unreachable \(ECONNREFUSED\), retry in/,
    );
    const produced = agent.buffer.peek(1_000).samples.map(keyOf);
    expect((await stored()).has(produced[0]!)).toBe(false);

    await serverUp();
    loseAnswers = 1; // the server commits the backlog, the reply never reaches the agent
    await agent.flush();
    expect(agent.buffer.stats().samples).toBe(9);
    await agent.flush();
    expect(agent.buffer.stats().samples).toBe(0);
    expect(agent.cycleLine({ devices: 3, ok: 3, failed: 0 })).toMatch(/sent 0 \(\+9 already stored\)/);
    const after = await stored();
    for (const k of produced) expect(after.has(k)).toBe(true);
    expect(await storedCount()).toBe(before + 9);
    agent.close();
  });

  it('drops the oldest batches when the buffer is full, counts them and says so', async () => {
    const logs: string[] = [];
    const agent = newAgent('rack-c', { maxBufferBytes: 1_600, log: (l) => logs.push(l) });
    await agent.refreshDevices();
    const before = await storedCount();
    await serverDown();
    const kept: string[][] = [];
    for (let i = 0; i < 4; i++) {
      await agent.pollOnce();
      await agent.flush();
      kept.push(agent.buffer.peek(1_000).samples.map(keyOf));
    }
    // Each cycle is one batch of 3 samples (about 700 bytes): two fit, the two oldest went.
    expect(agent.buffer.stats()).toMatchObject({
      batches: 2,
      samples: 6,
      droppedSamples: 6,
      droppedBatches: 2,
    });
    expect(logs.filter((l) => /buffer full .* dropped the 3 oldest samples/.test(l))).toHaveLength(2);
    expect(agent.cycleLine({ devices: 3, ok: 3, failed: 0 })).toMatch(
      /dropped 6 \(total 6\) · backlog 6 samples/,
    );
    await serverUp();
    await agent.flush();
    expect(await storedCount()).toBe(before + 6);
    const now = await stored();
    for (const k of kept.at(-1)!) expect(now.has(k)).toBe(true);
    expect(now.has(kept[0]![0]!)).toBe(false);
    agent.close();
  });

  it('delivers a backlog left on disk by an agent killed during an outage, restarted before the server', async () => {
    const bufferPath = path.join(dir, 'process.db');
    const lines: string[] = [];
    const start = () => {
      const child = spawn(
        process.execPath,
        // tsx as a loader, not its CLI: the CLI runs the script in a grandchild a SIGKILL would miss.
        [
          '--import',
          'tsx',
          'scripts/agent.ts',
          '--server',
          url(),
          '--site',
          String(fleet.site.id),
          '--name',
          'proc-agent',
          '--buffer',
          bufferPath,
          '--interval-s',
          '1',
          '--timeout-ms',
          '2000',
        ],
        { env: { ...process.env, SWITCHYARD_AGENT_TOKEN: operator }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let rest = '';
      const onData = (chunk: Buffer) => {
        rest += chunk.toString();
        const parts = rest.split('\n');
        rest = parts.pop() ?? '';
        lines.push(...parts);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      return child;
    };
    const cycles = (from: number) =>
      lines.slice(from).flatMap((l) => {
        const m = / cycle \d+: devices (\d+) ok.* backlog (\d+) samples/.exec(l);
        return m ? [{ ok: Number(m[1]), backlog: Number(m[2]) }] : [];
      });
    const waitFor = async (what: string, done: () => boolean | Promise<boolean>, child: ChildProcess) => {
      const deadline = Date.now() + 60_000;
      while (!(await done())) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`agent: ${what} did not happen\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    // 'close', not 'exit': the last lines of a killed agent may still be in its pipe at 'exit'.
    const exited = (child: ChildProcess) =>
      new Promise<void>((resolve) =>
        child.stdout!.closed && child.stderr!.closed ? resolve() : child.once('close', () => resolve()),
      );

    // Run 1: fetches its device list, sends, then the server goes away and the backlog grows.
    const first = start();
    await waitFor('a first delivery', () => cycles(0).some((c) => c.ok === 3), first);
    await serverDown();
    await waitFor('a backlog', () => cycles(0).some((c) => c.backlog >= 6), first);
    first.kill('SIGKILL');
    await exited(first);
    const atKill = await stored();
    const onDisk = DiskBuffer.open(bufferPath, { maxBytes: 1_048_576 });
    const left = onDisk.peek(100_000).samples.map(keyOf);
    onDisk.close();
    expect(left.length).toBeGreaterThanOrEqual(6);

    // Run 2 starts while the server is still down: it polls the device list it cached on disk.
    const mark = lines.length;
    const second = start();
    await waitFor(
      'polling from the cached list',
      () => cycles(mark).some((c) => c.backlog > left.length),
      second,
    );
    await serverUp();
    await waitFor(
      'the backlog delivered',
      async () => {
        const now = await stored();
        // A cycle line counts the batch it just polled; the backlog is gone when only that is left.
        return left.every((k) => now.has(k)) && cycles(mark).at(-1)!.backlog <= polled.length;
      },
      second,
    );
    second.kill('SIGTERM');
    await exited(second);
    expect(second.exitCode).toBe(0);

    const after = await stored();
    for (const k of left) expect(after.has(k)).toBe(true);
    const reopened = DiskBuffer.open(bufferPath, { maxBytes: 1_048_576 });
    const remaining = reopened.stats().samples;
    reopened.close();
    // Every sample run 2 polled is stored or still buffered, and none twice: the row count adds up.
    const run2 = cycles(mark).reduce((n, c) => n + c.ok, 0);
    // A batch in flight when the server went away may be both stored and left on disk (the reply
    // was lost): the union counts it once, as the server does.
    const beforeRun2 = new Set([...atKill, ...left]).size;
    expect(await storedCount()).toBe(beforeRun2 + run2 - remaining);
    expect(lines.some((l) => /server back after/.test(l))).toBe(true);
  });

  it('keeps the server collector off leased devices and gives them back when the agent falls silent', async () => {
    const collector = new Collector({ intervalMs: 30_000, concurrency: 4, timeoutMs: 2_000, sharded: false });
    const now = Date.now();
    await collector.tick(now);
    const during = await collector.tick(now + 31_000);
    expect(during.polled).toBe(0);
    const later = await collector.tick(now + 200_000);
    expect(later.polled).toBe(3);
    const res = await call(deviceRoute.GET, { token: viewer, params: { id: String(polled[0]) } });
    expect(res.json.collector).toMatchObject({ source: 'server', agent: null });
    // The agent reports again: it has the devices back.
    const agent = newAgent('rack-a');
    await agent.refreshDevices();
    await agent.pollOnce();
    agent.close();
    const back = await call(deviceRoute.GET, { token: viewer, params: { id: String(polled[0]) } });
    expect(back.json.collector).toMatchObject({ source: 'agent', agent: 'rack-a' });
  });
});
