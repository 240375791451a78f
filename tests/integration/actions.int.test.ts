// Remote actions end to end over loopback: API request → executor claims and sends through the
// real protocol clients to fake miners → the collector polls them → the telemetry confirms the
// change. Refusals (stock Antminer Code 45, Whatsminer API key) come back as `refused` with their
// reason; bulk actions are staggered; two executors never send one action twice.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as batchRoute from '@/app/api/v1/action-batches/[id]/route';
import * as actionRoute from '@/app/api/v1/actions/[id]/route';
import * as actionsRoute from '@/app/api/v1/actions/route';
import * as deviceActions from '@/app/api/v1/devices/[id]/actions/route';
import * as credentialsRoute from '@/app/api/v1/devices/[id]/credentials/route';
import * as refreshRoute from '@/app/api/v1/devices/[id]/refresh/route';
import * as deviceRoute from '@/app/api/v1/devices/[id]/route';
import { runActionsTick } from '@/lib/actions/executor';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { Collector } from '@/lib/collectors/scheduler/collector';
import { getDb } from '@/lib/db/client';
import { queryRows, sql } from '@/lib/db/raw';
import { getEnv, resetEnvCache } from '@/lib/env';
import { readDeviceCredentials } from '@/lib/inventory/credentials';
import { rotateSecret } from '@/lib/secrets/rotate';
import { resetServerKeyCache } from '@/lib/secrets/server-key';
import { startAxeosFake } from '@/lib/sim/wire/axeos-fake';
import { startCgminerFake } from '@/lib/sim/wire/cgminer-fake';
import { type MinerState, newMinerState } from '@/lib/sim/wire/miner-state';
import { refreshLatest } from '@/lib/telemetry/latest';
import { createWebhook } from '@/lib/webhooks/endpoints';
import { createPool } from '@/lib/workloads/pools';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

describe.each(TEST_PROVIDERS)('remote actions on %s', (provider) => {
  let db: TestDb;
  let operator: string;
  let viewer: string;
  let fleet: Awaited<ReturnType<typeof createSmallFleet>>;
  const closers: (() => Promise<void>)[] = [];
  const states: Record<string, MinerState> = {};
  const ids: Record<string, number> = {};
  let collector: Collector;
  let hookId: number;
  const saved = { sim: process.env.SWITCHYARD_SIMULATOR, secret: process.env.SWITCHYARD_SECRET };

  const act = (id: number, body: unknown, token = operator) =>
    call(deviceActions.POST, { method: 'POST', token, params: { id: String(id) }, body });
  const getAction = (id: number) => call(actionRoute.GET, { token: viewer, params: { id: String(id) } });

  /** What the operator's "refresh now" does, then one collector tick and the latest-state job. */
  async function pollNow(deviceId: number) {
    const r = await call(refreshRoute.POST, {
      method: 'POST',
      token: operator,
      params: { id: String(deviceId) },
    });
    expect(r.status).toBe(200);
    await collector.tick(Date.now());
    await refreshLatest();
  }

  beforeAll(async () => {
    // Real wire: the built-in simulator must not stand in for these devices.
    process.env.SWITCHYARD_SIMULATOR = 'off';
    if (provider === 'postgresql') process.env.SWITCHYARD_SECRET = 'integration-test-secret-0123456789abcdef';
    else delete process.env.SWITCHYARD_SECRET;
    resetEnvCache();
    resetServerKeyCache();
    db = await createTestDb(provider);
    fleet = await createSmallFleet(6);
    operator = await tokenFor('operator');
    viewer = await tokenFor('viewer');
    const t0 = Date.now();
    const fakes = [
      ['braiins', 'cgminer'],
      ['luxos', 'cgminer'],
      ['antminer', 'cgminer'],
      ['whatsminer', 'cgminer'],
      ['axeos', 'axeos'],
      ['braiins2', 'cgminer'],
    ] as const;
    for (const [i, [name, protocol]] of fakes.entries()) {
      const state = newMinerState(
        i + 1,
        protocol === 'axeos' ? 1.2 : 200,
        protocol === 'axeos' ? 18 : 3500,
        t0,
      );
      states[name] = state;
      const running =
        protocol === 'axeos'
          ? await startAxeosFake({ version: '2.15', state })
          : await startCgminerFake({
              variant:
                name === 'braiins2' ? 'braiins' : (name as 'braiins' | 'luxos' | 'antminer' | 'whatsminer'),
              state,
            });
      closers.push(running.close);
      const device = fleet.devices[i]!;
      ids[name] = device.id;
      await getDb().device.update({
        where: { id: device.id },
        data: { protocol, host: '127.0.0.1', port: running.port },
      });
    }
    // The AxeOS device is a micro miner (Bitaxe-class nameplate).
    const micro = await getDb().deviceModel.create({
      data: {
        vendor: 'Bitaxe',
        model: 'Gamma 601',
        class: 'micro',
        nominalHashrateThs: 1.2,
        nominalPowerW: 18,
        maxTempC: 70,
      },
    });
    await getDb().device.update({ where: { id: ids.axeos }, data: { modelId: micro.id } });
    hookId = (
      await createWebhook(SYSTEM_ACTOR, {
        name: 'actions',
        url: 'http://127.0.0.1:9/actions',
        events: ['action.confirmed', 'action.failed'],
        enabled: true,
      })
    ).id;
    collector = new Collector({ intervalMs: 30_000, concurrency: 8, timeoutMs: 2_000, sharded: false });
    await collector.tick(Date.now());
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await db.cleanup();
    process.env.SWITCHYARD_SIMULATOR = saved.sim;
    if (saved.secret === undefined) delete process.env.SWITCHYARD_SECRET;
    else process.env.SWITCHYARD_SECRET = saved.secret;
    resetEnvCache();
    resetServerKeyCache();
  });

  it('pauses a Braiins miner over the wire and confirms it from telemetry, then resumes it', async () => {
    const res = await act(ids.braiins!, { action: 'pause' });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ id: expect.any(Number), status: 'pending', simulated: false });
    const id = res.json.id as number;

    expect(await runActionsTick(Date.now(), { instanceId: 'a' })).toMatchObject({ sent: 1 });
    expect(states.braiins!.paused).toBe(true);
    expect((await getAction(id)).json).toMatchObject({
      status: 'pending',
      phase: 'sent',
      deviceId: ids.braiins,
    });

    await pollNow(ids.braiins!);
    expect(await runActionsTick(Date.now(), { instanceId: 'a' })).toMatchObject({ confirmed: 1 });
    const done = (await getAction(id)).json;
    expect(done).toMatchObject({
      status: 'confirmed',
      action: 'pause',
      reason: expect.stringContaining('hashrate 0'),
    });
    expect(Date.parse(done.endedAt)).toBeGreaterThanOrEqual(Date.parse(done.sentAt));

    const resume = await act(ids.braiins!, { action: 'resume' });
    await runActionsTick(Date.now());
    expect(states.braiins!.paused).toBe(false);
    await pollNow(ids.braiins!);
    await runActionsTick(Date.now());
    expect((await getAction(resume.json.id)).json.status).toBe('confirmed');

    const audit = await getDb().auditEvent.findMany({
      where: { target: `device:${ids.braiins}` },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['device.action.request', 'device.action.confirmed', 'device.refresh']),
    );
    expect(audit.find((a) => a.action === 'device.action.confirmed')!.actorName).toBe('token:test-operator');
    const confirmed = await getDb().webhookOutbox.findMany({
      where: { endpointId: hookId, eventType: 'action.confirmed' },
    });
    expect(confirmed.map((e) => JSON.parse(e.payload).data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actionId: id,
          deviceId: ids.braiins,
          action: 'pause',
          status: 'confirmed',
        }),
      ]),
    );
  });

  it('sets a LuxOS power target and switches its pool, each confirmed by what the miner then reports', async () => {
    const pool = await createPool(SYSTEM_ACTOR, {
      name: 'new pool',
      urls: ['stratum+tcp://new-pool.example:3333'],
      workerTemplate: 'acct.{serial}',
      feePct: 2,
      payoutScheme: 'fpps',
    });
    const power = await act(ids.luxos!, { action: 'setPowerTarget', powerTargetW: 2800 });
    const switched = await act(ids.luxos!, { action: 'switchPool', poolId: pool.id });
    expect(switched.status).toBe(202);
    // One send per device at a time (LuxOS has one session): the pool switch goes on the next tick.
    expect(await runActionsTick(Date.now())).toMatchObject({ sent: 1 });
    expect(await runActionsTick(Date.now())).toMatchObject({ sent: 1 });
    expect(states.luxos!.powerTargetW).toBe(2800);
    expect(states.luxos!.pools[states.luxos!.activePool]).toMatchObject({
      url: 'stratum+tcp://new-pool.example:3333',
      user: expect.stringMatching(/^acct\./),
    });
    await pollNow(ids.luxos!);
    await runActionsTick(Date.now());
    expect((await getAction(power.json.id)).json).toMatchObject({
      status: 'confirmed',
      params: { powerTargetW: 2800 },
    });
    expect((await getAction(switched.json.id)).json).toMatchObject({
      status: 'confirmed',
      reason: 'active pool is stratum+tcp://new-pool.example:3333',
    });
  });

  it('pauses an AxeOS device through its HTTP API', async () => {
    const res = await act(ids.axeos!, { action: 'pause' });
    await runActionsTick(Date.now());
    expect(states.axeos!.paused).toBe(true);
    await pollNow(ids.axeos!);
    await runActionsTick(Date.now());
    expect((await getAction(res.json.id)).json.status).toBe('confirmed');
  });

  it('reports stock Antminer (Code 45) and Whatsminer (API key) refusals as refused, with the reason', async () => {
    const a = await act(ids.antminer!, { action: 'reboot' });
    const w = await act(ids.whatsminer!, { action: 'pause' });
    await runActionsTick(Date.now());
    expect((await getAction(a.json.id)).json).toMatchObject({
      status: 'refused',
      reasonKind: 'write_refused',
      reason: expect.stringContaining('Code 45'),
    });
    expect((await getAction(w.json.id)).json).toMatchObject({
      status: 'refused',
      reasonKind: 'api_key_required',
    });
    expect(states.antminer!.restarts).toBe(0);
    const caps = await call(deviceActions.GET, { token: viewer, params: { id: String(ids.antminer) } });
    expect(caps.json.capabilities).toMatchObject({
      simulated: false,
      identified: 'antminer',
      actions: { reboot: { supported: false, reason: 'write_refused' } },
    });
    expect(caps.json.data[0]).toMatchObject({ id: a.json.id, status: 'refused' });
    // Each outcome was committed with its webhook event.
    const failed = (
      await getDb().webhookOutbox.findMany({ where: { endpointId: hookId, eventType: 'action.failed' } })
    )
      .map((e) => JSON.parse(e.payload).data)
      .filter((d) => d.actionId === a.json.id || d.actionId === w.json.id);
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actionId: a.json.id,
          deviceId: ids.antminer,
          status: 'refused',
          reasonKind: 'write_refused',
        }),
        expect.objectContaining({ actionId: w.json.id, deviceId: ids.whatsminer, status: 'refused' }),
      ]),
    );
  });

  it('times out an action the telemetry never confirms', async () => {
    const res = await act(ids.braiins2!, { action: 'setPowerTarget', powerTargetW: 2000 });
    await runActionsTick(Date.now());
    // Braiins power targets go through its gRPC API with the miner login; none is stored here,
    // so it is refused before anything is sent (tests/integration/protocol-writes covers the rest).
    expect((await getAction(res.json.id)).json).toMatchObject({
      status: 'refused',
      reasonKind: 'credentials_required',
    });

    const pause = await act(ids.braiins2!, { action: 'pause' });
    await runActionsTick(Date.now());
    states.braiins2!.paused = false; // someone resumed it by hand before the next poll
    await pollNow(ids.braiins2!);
    const timeoutMs = getEnv().ACTION_CONFIRM_TIMEOUT_S * 1000;
    await runActionsTick(Date.now());
    expect((await getAction(pause.json.id)).json.status).toBe('pending');
    await runActionsTick(Date.now() + timeoutMs + 1_000);
    expect((await getAction(pause.json.id)).json).toMatchObject({
      status: 'timed_out',
      reason: expect.stringContaining('does not show the change'),
    });
  });

  it('staggers a bulk action by batch size and interval, and two executors send each action once', async () => {
    const deviceIds = [ids.braiins!, ids.luxos!, ids.braiins2!];
    const before = deviceIds.map((id) => states[Object.keys(ids).find((k) => ids[k] === id)!]!.restarts);
    const res = await call(actionsRoute.POST, {
      method: 'POST',
      token: operator,
      body: { deviceIds, action: 'reboot', batchSize: 2, intervalS: 60, expectedCount: 3 },
    });
    expect(res.status).toBe(202);
    const { batchId, total } = res.json;
    expect(total).toBe(3);
    const now = Date.now();
    const [x, y] = await Promise.all([
      runActionsTick(now, { instanceId: 'x' }),
      runActionsTick(now, { instanceId: 'y' }),
    ]);
    expect(x.sent + y.sent).toBe(2);
    const restarts = () =>
      deviceIds.map((id) => states[Object.keys(ids).find((k) => ids[k] === id)!]!.restarts);
    expect(restarts().map((r, i) => r - before[i]!)).toEqual([1, 1, 0]);
    const progress = await call(batchRoute.GET, { token: viewer, params: { id: batchId } });
    expect(progress.json).toMatchObject({ total: 3, done: 0, finished: false, counts: { pending: 3 } });

    await Promise.all([
      runActionsTick(now + 60_000, { instanceId: 'x' }),
      runActionsTick(now + 60_000, { instanceId: 'y' }),
    ]);
    expect(restarts().map((r, i) => r - before[i]!)).toEqual([1, 1, 1]);
    for (const id of deviceIds) await pollNow(id);
    await runActionsTick(Date.now());
    const list = await call(actionsRoute.GET, { token: viewer, path: `/api/v1/actions?batchId=${batchId}` });
    expect(list.json.batch).toMatchObject({ done: 3, finished: true, counts: { confirmed: 3 } });
    expect(list.json.data).toHaveLength(3);
  });

  it('never widens a filter to the whole fleet and checks the confirmed count', async () => {
    const bulk = (body: unknown) => call(actionsRoute.POST, { method: 'POST', token: operator, body });
    expect((await bulk({ filter: {}, action: 'reboot' })).status).toBe(400);
    const wrong = await bulk({ filter: { siteId: fleet.site.id }, action: 'reboot', expectedCount: 2 });
    expect(wrong.status).toBe(409);
    expect(wrong.json.error.details.count).toBe(fleet.devices.length + 1);
    expect(
      (await bulk({ filter: { siteId: fleet.site.id, q: 'no-such-device' }, action: 'reboot' })).status,
    ).toBe(400);
    expect((await bulk({ deviceIds: [ids.braiins], action: 'pause', filter: { siteId: 1 } })).status).toBe(
      400,
    );
    const viewerTry = await call(actionsRoute.POST, {
      method: 'POST',
      token: viewer,
      body: { deviceIds: [ids.braiins], action: 'pause' },
    });
    expect(viewerTry.status).toBe(403);
    expect(await getDb().actionBatch.count({ where: { action: 'pause' } })).toBe(0);
  });

  it('stores device credentials encrypted and write-only', async () => {
    const put = await call(credentialsRoute.PUT, {
      method: 'PUT',
      token: operator,
      params: { id: String(ids.whatsminer) },
      body: { username: 'admin', password: 'hunter2-miner-pass', apiKey: 'wm-key-123' },
    });
    expect(put.json).toEqual({ hasCredentials: true });
    const device = await call(deviceRoute.GET, { token: viewer, params: { id: String(ids.whatsminer) } });
    expect(device.json.hasCredentials).toBe(true);
    expect(JSON.stringify(device.json)).not.toContain('hunter2');
    const rows = await queryRows(sql`SELECT ciphertext FROM device_credential`);
    expect(String(rows[0]!.ciphertext)).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(String(rows[0]!.ciphertext)).not.toContain('hunter2');
    expect(await readDeviceCredentials(ids.whatsminer!)).toEqual({
      username: 'admin',
      password: 'hunter2-miner-pass',
      apiKey: 'wm-key-123',
    });
    const audit = await getDb().auditEvent.findFirst({ where: { action: 'device.credentials.set' } });
    expect(audit!.details).not.toContain('hunter2');
    if (provider === 'sqlite') {
      const keyFile = path.join(path.dirname(getEnv().db.filePath!), 'secret.key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    }
    // Rotation: a new key, every value re-sealed with it, the old key gone; the values still open.
    const before = String((await queryRows(sql`SELECT ciphertext FROM device_credential`))[0]!.ciphertext);
    if (provider === 'postgresql') {
      process.env.SWITCHYARD_SECRET_PREVIOUS = process.env.SWITCHYARD_SECRET;
      process.env.SWITCHYARD_SECRET = 'integration-test-secret-rotated-0123456789';
      resetEnvCache();
    }
    expect((await rotateSecret()).reencrypted).toBe(1);
    delete process.env.SWITCHYARD_SECRET_PREVIOUS;
    resetServerKeyCache();
    const after = String((await queryRows(sql`SELECT ciphertext FROM device_credential`))[0]!.ciphertext);
    expect(after.split(':')[1]).not.toBe(before.split(':')[1]);
    expect((await readDeviceCredentials(ids.whatsminer!))?.password).toBe('hunter2-miner-pass');
    if (provider === 'sqlite')
      expect(existsSync(path.join(path.dirname(getEnv().db.filePath!), 'secret.key.previous'))).toBe(false);

    const del = await call(credentialsRoute.DELETE, {
      method: 'DELETE',
      token: operator,
      params: { id: String(ids.whatsminer) },
    });
    expect(del.json).toEqual({ hasCredentials: false });
    expect(
      (await call(deviceRoute.GET, { token: viewer, params: { id: String(ids.whatsminer) } })).json
        .hasCredentials,
    ).toBe(false);
  });
});
