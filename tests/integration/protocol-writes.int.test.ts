// Firmware write protocols end to end over loopback, through the real path: API request → executor
// → protocol client (with the device's stored, encrypted credentials) → fake device → collector
// poll → confirmation by telemetry. Braiins OS power targets over its gRPC API, Whatsminer API v2
// encrypted writes, Avalon ascset work levels; refusals keep their reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as actionRoute from '@/app/api/v1/actions/[id]/route';
import * as deviceActions from '@/app/api/v1/devices/[id]/actions/route';
import * as credentialsRoute from '@/app/api/v1/devices/[id]/credentials/route';
import * as refreshRoute from '@/app/api/v1/devices/[id]/refresh/route';
import { runActionsTick } from '@/lib/actions/executor';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { Collector } from '@/lib/collectors/scheduler/collector';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { resetServerKeyCache } from '@/lib/secrets/server-key';
import { type BraiinsGrpcFake, startBraiinsGrpcFake } from '@/lib/sim/wire/braiins-grpc-fake';
import { startCgminerFake } from '@/lib/sim/wire/cgminer-fake';
import type { CgVariant } from '@/lib/sim/wire/cgminer-replies';
import { type MinerState, newMinerState } from '@/lib/sim/wire/miner-state';
import { refreshLatest } from '@/lib/telemetry/latest';
import { createPool } from '@/lib/workloads/pools';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

// Fixture devices are Antminer S21 rows (200 TH/s, 3500 W); each fake reports that nameplate.
const FAKES: [string, CgVariant, string | undefined][] = [
  ['braiins', 'braiins', undefined],
  ['braiinsNoLogin', 'braiins', undefined],
  ['whatsminer', 'whatsminer', 'wm-admin-pass'],
  ['whatsminerWrongPass', 'whatsminer', 'wm-admin-pass'],
  ['whatsminerNoPass', 'whatsminer', 'wm-admin-pass'],
  ['avalon', 'avalon', undefined],
  ['antminer', 'antminer', undefined],
];

describe.each(TEST_PROVIDERS)('firmware write protocols on %s', (provider) => {
  let db: TestDb;
  let operator: string;
  let viewer: string;
  let collector: Collector;
  let grpc: BraiinsGrpcFake;
  const closers: (() => Promise<void>)[] = [];
  const states: Record<string, MinerState> = {};
  const ids: Record<string, number> = {};
  const saved = {
    sim: process.env.SWITCHYARD_SIMULATOR,
    secret: process.env.SWITCHYARD_SECRET,
    grpcPort: process.env.BRAIINS_GRPC_PORT,
  };

  const act = (name: string, body: unknown) =>
    call(deviceActions.POST, { method: 'POST', token: operator, params: { id: String(ids[name]) }, body });
  const getAction = async (id: number) =>
    (await call(actionRoute.GET, { token: viewer, params: { id: String(id) } })).json;
  const setCredentials = (name: string, body: unknown) =>
    call(credentialsRoute.PUT, { method: 'PUT', token: operator, params: { id: String(ids[name]) }, body });
  const capabilities = async (name: string) =>
    (await call(deviceActions.GET, { token: viewer, params: { id: String(ids[name]) } })).json.capabilities;

  async function pollNow(name: string) {
    const r = await call(refreshRoute.POST, {
      method: 'POST',
      token: operator,
      params: { id: String(ids[name]) },
    });
    expect(r.status).toBe(200);
    await collector.tick(Date.now());
    await refreshLatest();
  }

  /** Request → send tick → poll → judge tick; returns the action as the API then shows it. */
  async function runToEnd(name: string, body: unknown) {
    const res = await act(name, body);
    expect(res.status).toBe(202);
    await runActionsTick(Date.now());
    const sent = await getAction(res.json.id);
    if (sent.status !== 'pending') return sent;
    expect(sent.phase).toBe('sent');
    await pollNow(name);
    await runActionsTick(Date.now());
    return getAction(res.json.id);
  }

  beforeAll(async () => {
    process.env.SWITCHYARD_SIMULATOR = 'off';
    if (provider === 'postgresql') process.env.SWITCHYARD_SECRET = 'integration-test-secret-0123456789abcdef';
    else delete process.env.SWITCHYARD_SECRET;
    db = await createTestDb(provider);
    const fleet = await createSmallFleet(FAKES.length);
    operator = await tokenFor('operator');
    viewer = await tokenFor('viewer');
    for (const [i, [name, variant, adminPassword]] of FAKES.entries()) {
      const state = newMinerState(i + 1, 200, 3500, Date.now());
      states[name] = state;
      const fake = await startCgminerFake({ variant, state, whatsminerAdminPassword: adminPassword });
      closers.push(fake.close);
      ids[name] = fleet.devices[i]!.id;
      await getDb().device.update({
        where: { id: ids[name] },
        data: { protocol: 'cgminer', host: '127.0.0.1', port: fake.port },
      });
    }
    // One Braiins OS gRPC peer for the `braiins` miner; every Braiins host is asked on this port.
    grpc = await startBraiinsGrpcFake({ state: states.braiins!, username: 'root', password: 'bos-pass' });
    closers.push(grpc.close);
    process.env.BRAIINS_GRPC_PORT = String(grpc.port);
    resetEnvCache();
    resetServerKeyCache();
    collector = new Collector({ intervalMs: 30_000, concurrency: 8, timeoutMs: 2_000, sharded: false });
    await collector.tick(Date.now());
  });

  afterAll(async () => {
    for (const close of closers) await close();
    await db.cleanup();
    for (const [key, value] of [
      ['SWITCHYARD_SIMULATOR', saved.sim],
      ['SWITCHYARD_SECRET', saved.secret],
      ['BRAIINS_GRPC_PORT', saved.grpcPort],
    ] as const)
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    resetEnvCache();
    resetServerKeyCache();
  });

  it('Braiins: without a stored login the power target is refused (credentials_required), nothing sent', async () => {
    expect((await capabilities('braiinsNoLogin')).actions.setPowerTarget).toMatchObject({
      supported: false,
      reason: 'credentials_required',
    });
    const done = await runToEnd('braiinsNoLogin', { action: 'setPowerTarget', powerTargetW: 2400 });
    expect(done).toMatchObject({
      status: 'refused',
      reasonKind: 'credentials_required',
      reason: expect.stringContaining('gRPC'),
    });
    expect(grpc.calls).toHaveLength(0);
  });

  it('Braiins: sets the power target over gRPC with the stored login; telemetry confirms it (±15 %)', async () => {
    expect((await setCredentials('braiins', { username: 'root', password: 'bos-pass' })).status).toBe(200);
    expect((await capabilities('braiins')).actions.setPowerTarget).toMatchObject({
      supported: true,
      via: expect.stringContaining('SetPowerTarget'),
    });
    const done = await runToEnd('braiins', { action: 'setPowerTarget', powerTargetW: 2400 });
    expect(done).toMatchObject({
      status: 'confirmed',
      params: { powerTargetW: 2400 },
      reason: expect.stringMatching(/^power \d+ W, target 2400 W$/),
    });
    expect(states.braiins!.powerTargetW).toBe(2400);
    expect(grpc.calls.map((c) => [c.path.split('/').pop(), c.authorized])).toEqual([
      ['Login', true],
      ['SetPowerTarget', true],
    ]);
  });

  it('Braiins: a wrong stored password is refused by the miner (credentials_rejected)', async () => {
    await setCredentials('braiins', { username: 'root', password: 'stale' });
    const done = await runToEnd('braiins', { action: 'setPowerTarget', powerTargetW: 2000 });
    expect(done).toMatchObject({ status: 'refused', reasonKind: 'credentials_rejected' });
    expect(states.braiins!.powerTargetW).toBe(2400);
  });

  it('Whatsminer: no stored password keeps the api_key_required refusal, with the reason', async () => {
    const caps = await capabilities('whatsminerNoPass');
    expect(caps.actions.pause).toMatchObject({ supported: false, reason: 'api_key_required' });
    const done = await runToEnd('whatsminerNoPass', { action: 'pause' });
    expect(done).toMatchObject({
      status: 'refused',
      reasonKind: 'api_key_required',
      reason: expect.stringContaining('admin password'),
    });
    expect(states.whatsminerNoPass!.paused).toBe(false);
  });

  it('Whatsminer: power target, pool switch, pause and resume through the encrypted API, each confirmed', async () => {
    await setCredentials('whatsminer', { password: 'wm-admin-pass' });
    const caps = await capabilities('whatsminer');
    expect(caps.identified).toBe('whatsminer');
    for (const a of ['reboot', 'pause', 'resume', 'switchPool', 'setPowerTarget'])
      expect(caps.actions[a]).toMatchObject({ supported: true, via: expect.stringContaining('encrypted') });

    const power = await runToEnd('whatsminer', { action: 'setPowerTarget', powerTargetW: 3000 });
    expect(power).toMatchObject({ status: 'confirmed', reason: expect.stringContaining('target 3000 W') });
    expect(states.whatsminer!.powerTargetW).toBe(3000);

    const pool = await createPool(SYSTEM_ACTOR, {
      name: `wm pool ${provider}`,
      urls: ['stratum+tcp://wm-pool.example:3333'],
      workerTemplate: 'acct.{serial}',
      feePct: 2,
      payoutScheme: 'fpps',
    });
    const switched = await runToEnd('whatsminer', { action: 'switchPool', poolId: pool.id });
    expect(switched).toMatchObject({
      status: 'confirmed',
      reason: 'active pool is stratum+tcp://wm-pool.example:3333',
    });

    const pause = await runToEnd('whatsminer', { action: 'pause' });
    expect(pause).toMatchObject({ status: 'confirmed', reason: expect.stringContaining('hashrate 0') });
    const resume = await runToEnd('whatsminer', { action: 'resume' });
    expect(resume).toMatchObject({ status: 'confirmed', reason: expect.stringContaining('hashing again') });
  });

  it('Whatsminer: a wrong stored password is answered Code 135 and refused as credentials_rejected', async () => {
    await setCredentials('whatsminerWrongPass', { password: 'not-the-password' });
    const done = await runToEnd('whatsminerWrongPass', { action: 'setPowerTarget', powerTargetW: 3000 });
    expect(done).toMatchObject({
      status: 'refused',
      reasonKind: 'credentials_rejected',
      reason: expect.stringContaining('Code 135'),
    });
    expect(states.whatsminerWrongPass!.powerTargetW).toBe(3500);
  });

  it('Avalon: the power target becomes the nearest ascset work level; telemetry confirms it', async () => {
    const done = await runToEnd('avalon', { action: 'setPowerTarget', powerTargetW: 2625 });
    expect(done).toMatchObject({ status: 'confirmed', reason: expect.stringContaining('target 2625 W') });
    expect(states.avalon!.powerTargetW).toBe(2625); // level 1 = 75 % of 3500 W
  });

  it('NerdMiner: push-only (no local API) in its capabilities, and every action refused as push_only', async () => {
    const model = await getDb().deviceModel.create({
      data: {
        vendor: 'BitMaker',
        model: 'NerdMiner v2',
        class: 'micro',
        nominalHashrateThs: 7.8e-8,
        nominalPowerW: 1,
        maxTempC: 80,
      },
    });
    const site = await getDb().site.findFirstOrThrow();
    const nerd = await getDb().device.create({
      data: {
        name: 'nerd',
        serial: `NERD-${provider}`,
        siteId: site.id,
        modelId: model.id,
        protocol: 'push',
      },
    });
    ids.nerd = nerd.id;
    const caps = await capabilities('nerd');
    expect(caps).toMatchObject({ pushOnly: true, simulated: false });
    expect(caps.actions.reboot).toMatchObject({
      supported: false,
      reason: 'push_only',
      message: expect.stringContaining('NerdMiner has no local API'),
    });
    const res = await act('nerd', { action: 'reboot' });
    await runActionsTick(Date.now());
    expect(await getAction(res.json.id)).toMatchObject({ status: 'refused', reasonKind: 'push_only' });
  });

  it('stock Antminer: power targets stay refused as write_refused (Code 45 firmware)', async () => {
    await setCredentials('antminer', { username: 'root', password: 'root' });
    const done = await runToEnd('antminer', { action: 'setPowerTarget', powerTargetW: 3000 });
    expect(done).toMatchObject({ status: 'refused', reasonKind: 'write_refused' });
    expect(states.antminer!.powerTargetW).toBe(3500);
  });
});
