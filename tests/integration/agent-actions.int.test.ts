// Remote actions through the site agent, on loopback: an operator requests an action over the API
// → the in-process executor leaves the agent's device alone → the agent claims it, sends it to the
// fake miner with the server's send code, reports the send → the agent's telemetry confirms it.
// Claims answered into the void, results that cannot be delivered, an agent restarted in between:
// every action is sent exactly once (counted by the fake miner) and still confirmed.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as actionRoute from '@/app/api/v1/actions/[id]/route';
import * as agentClaim from '@/app/api/v1/agent/sites/[id]/actions/claim/route';
import * as agentResults from '@/app/api/v1/agent/sites/[id]/actions/results/route';
import * as agentDevices from '@/app/api/v1/agent/sites/[id]/devices/route';
import * as agentPolls from '@/app/api/v1/agent/sites/[id]/polls/route';
import * as deviceActions from '@/app/api/v1/devices/[id]/actions/route';
import * as credentialsRoute from '@/app/api/v1/devices/[id]/credentials/route';
import * as telemetry from '@/app/api/v1/telemetry/route';
import { claimAgentActions } from '@/lib/actions/agent-exchange';
import { runActionsTick } from '@/lib/actions/executor';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { SiteAgent } from '@/lib/collectors/agent/agent';
import { getDb } from '@/lib/db/client';
import { execute, sql } from '@/lib/db/raw';
import { resetEnvCache } from '@/lib/env';
import { startAxeosFake } from '@/lib/sim/wire/axeos-fake';
import { startCgminerFake } from '@/lib/sim/wire/cgminer-fake';
import { type MinerState, newMinerState } from '@/lib/sim/wire/miner-state';
import { refreshLatest } from '@/lib/telemetry/latest';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { type RouteTable, startRouteServer } from '../helpers/route-server';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

describe.each(TEST_PROVIDERS)('remote actions through the site agent on %s', (provider) => {
  let db: TestDb;
  let operator: string;
  let viewer: string;
  let tenantToken: string;
  let fleet: Awaited<ReturnType<typeof createSmallFleet>>;
  let server: Awaited<ReturnType<typeof startRouteServer>> | null = null;
  let port = 0;
  let dir: string;
  const states: Record<string, MinerState> = {};
  const ids: Record<string, number> = {};
  const closers: (() => Promise<void>)[] = [];
  const saved = process.env.SWITCHYARD_SIMULATOR;
  /** Claims to commit and then answer with a 502 (the answer lost on the way back). */
  let loseClaimAnswers = 0;
  /** Result reports to refuse with a 503 before they reach the handler (the server is away). */
  let refuseResults = 0;

  const routes: RouteTable = {
    '/api/v1/agent/sites/[id]/devices': { GET: agentDevices.GET },
    '/api/v1/agent/sites/[id]/polls': { POST: agentPolls.POST },
    '/api/v1/agent/sites/[id]/actions/claim': {
      POST: async (req, ctx) => {
        const res = await agentClaim.POST(req, ctx);
        if (res.ok && loseClaimAnswers > 0) {
          loseClaimAnswers -= 1;
          return new Response('upstream reset', { status: 502 });
        }
        return res;
      },
    },
    '/api/v1/agent/sites/[id]/actions/results': {
      POST: async (req, ctx) => {
        if (refuseResults > 0) {
          refuseResults -= 1;
          return new Response('unavailable', { status: 503 });
        }
        return agentResults.POST(req, ctx);
      },
    },
    '/api/v1/telemetry': { POST: telemetry.POST },
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
  const newAgent = (name: string, token = operator) =>
    new SiteAgent({
      server: url(),
      token,
      siteId: fleet.site.id,
      name,
      bufferPath: path.join(dir, `${name}.db`),
      maxBufferBytes: 1_048_576,
      timeoutMs: 2_000,
      serverTimeoutMs: 5_000,
      backoff: { baseMs: 50, maxMs: 200 },
    });
  const act = (id: number, body: unknown, token = operator) =>
    call(deviceActions.POST, { method: 'POST', token, params: { id: String(id) }, body });
  const getAction = async (id: number) =>
    (await call(actionRoute.GET, { token: viewer, params: { id: String(id) } })).json;
  /** The agent's next poll cycle delivered, the latest state refreshed, the executor's confirmation pass. */
  const agentTelemetryThenJudge = async (agent: SiteAgent) => {
    await agent.pollOnce();
    await agent.flush();
    await refreshLatest();
    return runActionsTick(Date.now(), { instanceId: 'server' });
  };

  /**
   * A real agent process. `env` overrides its environment: without a database URL of its own, and
   * with one that cannot be opened, any read of the server's database in the agent would fail.
   */
  const spawnAgent = (name: string, buffer: string, env: Record<string, string | undefined> = {}) => {
    const lines: string[] = [];
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/agent.ts',
        '--server',
        url(),
        '--site',
        String(fleet.site.id),
        '--name',
        name,
        '--buffer',
        path.join(dir, buffer),
        '--interval-s',
        '1',
        '--action-interval-s',
        '0.5',
        '--timeout-ms',
        '2000',
      ],
      {
        env: { ...process.env, SWITCHYARD_AGENT_TOKEN: operator, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const collect = (chunk: Buffer) => lines.push(...chunk.toString().split('\n'));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const waitFor = async (what: string, done: () => boolean | Promise<boolean>) => {
      const deadline = Date.now() + 60_000;
      while (!(await done())) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`agent process: ${what} did not happen\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    return { child, lines, waitFor };
  };
  const stopAgent = async (child: ChildProcess) => {
    child.kill('SIGTERM');
    await new Promise<void>((resolve) =>
      child.exitCode !== null ? resolve() : child.once('close', () => resolve()),
    );
  };

  beforeAll(async () => {
    process.env.SWITCHYARD_SIMULATOR = 'off';
    resetEnvCache();
    db = await createTestDb(provider);
    dir = mkdtempSync(path.join(os.tmpdir(), 'agent-actions-'));
    fleet = await createSmallFleet(5, `Agent actions site ${provider}`);
    operator = await tokenFor('operator');
    viewer = await tokenFor('viewer');
    const tenant = await getDb().tenant.create({ data: { name: `Agent actions tenant ${provider}` } });
    tenantToken = (
      await createApiToken(SYSTEM_ACTOR, { name: 'tenant agent', role: 'operator', tenantId: tenant.id })
    ).token;
    const now = Date.now();
    const fakes = [
      ['braiins', 'cgminer', 200, 3500],
      ['luxos', 'cgminer', 200, 3500],
      ['braiins2', 'cgminer', 200, 3500],
      ['axeos', 'axeos', 1.2, 18],
    ] as const;
    for (const [i, [name, protocol, ths, w]] of fakes.entries()) {
      const state = newMinerState(i + 1, ths, w, now);
      states[name] = state;
      const running =
        protocol === 'axeos'
          ? await startAxeosFake({ version: '2.15', state })
          : await startCgminerFake({ variant: name === 'luxos' ? 'luxos' : 'braiins', state });
      closers.push(running.close);
      ids[name] = fleet.devices[i]!.id;
      await getDb().device.update({
        where: { id: ids[name] },
        data: { protocol, host: '127.0.0.1', port: running.port },
      });
    }
    // The AxeOS device belongs to the hosting client; the fifth device is push-only.
    await getDb().device.update({ where: { id: ids.axeos }, data: { tenantId: tenant.id } });
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
    await getDb().device.update({ where: { id: fleet.devices[4]!.id }, data: { protocol: 'push' } });
    await serverUp();
  });
  afterAll(async () => {
    await serverDown();
    for (const close of closers) await close();
    rmSync(dir, { recursive: true, force: true });
    await db.cleanup();
    process.env.SWITCHYARD_SIMULATOR = saved;
    resetEnvCache();
  });

  it('sends an action on an agent-polled device through the agent, confirmed by the agent’s telemetry', async () => {
    const agent = newAgent('lan-a');
    await agent.refreshDevices();
    // The agent's first report leases it the site's devices.
    expect(await agent.pollOnce()).toMatchObject({ devices: 4, ok: 4 });
    await agent.flush();

    const res = await act(ids.braiins!, { action: 'pause' });
    expect(res.status).toBe(202);
    // The server's executor does not send to a device its agent holds.
    expect(await runActionsTick(Date.now(), { instanceId: 'server' })).toMatchObject({ sent: 0 });
    expect(states.braiins!.paused).toBe(false);
    expect(await getAction(res.json.id)).toMatchObject({ status: 'pending', phase: 'queued' });

    expect(await agent.runActionsOnce()).toEqual({ reported: 1, claimed: 1, sent: 1, error: null });
    expect(states.braiins!.paused).toBe(true);
    expect(await getAction(res.json.id)).toMatchObject({ status: 'pending', phase: 'sent' });

    expect(await agentTelemetryThenJudge(agent)).toMatchObject({ confirmed: 1 });
    expect(await getAction(res.json.id)).toMatchObject({
      status: 'confirmed',
      reason: expect.stringContaining('hashrate 0'),
    });
    const audit = await getDb().auditEvent.findMany({ where: { target: `device:${ids.braiins}` } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['device.action.request', 'device.action.confirmed']),
    );
    // Nothing left in the journal once the server has the outcome.
    expect(agent.buffer.unreportedActions()).toEqual([]);
    agent.close();
  });

  it('sends each action once when two agents and the server executor race for it', async () => {
    const a = newAgent('lan-a');
    const b = newAgent('lan-b');
    // No lease on these two: the executor may send too, and all three race for each action.
    await execute(sql`DELETE FROM collector_state WHERE device_id IN (${ids.luxos!}, ${ids.braiins2!})`);
    const before = [states.luxos!.restarts, states.braiins2!.restarts];
    const r1 = await act(ids.luxos!, { action: 'reboot' });
    const r2 = await act(ids.braiins2!, { action: 'reboot' });
    const [ra, rb, rs] = await Promise.all([
      a.runActionsOnce(),
      b.runActionsOnce(),
      runActionsTick(Date.now(), { instanceId: 'server' }),
    ]);
    expect(ra.sent + rb.sent + rs.sent).toBe(2);
    expect([states.luxos!.restarts - before[0]!, states.braiins2!.restarts - before[1]!]).toEqual([1, 1]);
    // Again: nobody sends them a second time.
    await Promise.all([a.runActionsOnce(), b.runActionsOnce(), runActionsTick(Date.now())]);
    expect([states.luxos!.restarts - before[0]!, states.braiins2!.restarts - before[1]!]).toEqual([1, 1]);
    await agentTelemetryThenJudge(a);
    expect((await getAction(r1.json.id)).status).toBe('confirmed');
    expect((await getAction(r2.json.id)).status).toBe('confirmed');
    a.close();
    b.close();
  });

  it('loses nothing when a claim answer is lost, results cannot be delivered and the agent restarts', async () => {
    let agent = newAgent('lan-c');
    await agent.refreshDevices();
    await agent.pollOnce();
    await agent.flush();
    const before = states.braiins2!.restarts;
    const res = await act(ids.braiins2!, { action: 'reboot' });

    // 1. The server claims it for the agent, the answer never arrives: nothing is sent.
    loseClaimAnswers = 1;
    expect((await agent.runActionsOnce()).error).toMatch(/claim failed: HTTP 502/);
    expect(states.braiins2!.restarts).toBe(before);
    expect(await getAction(res.json.id)).toMatchObject({ phase: 'sending' });
    // The claim holds: the server's executor does not take it over meanwhile.
    await runActionsTick(Date.now() + 60_000, { instanceId: 'server' });
    expect(await getAction(res.json.id)).toMatchObject({ status: 'pending', phase: 'sending' });

    // 2. The next claim repeats it; the agent sends it, but the server is away for the result.
    refuseResults = 1;
    const second = await agent.runActionsOnce();
    expect(second).toMatchObject({ claimed: 1, sent: 1, error: expect.stringMatching(/HTTP 503/) });
    expect(states.braiins2!.restarts).toBe(before + 1);
    expect(agent.buffer.unreportedActions()).toHaveLength(1);

    // 3. The agent restarts while the server is down; the outcome waits on disk.
    agent.close();
    await serverDown();
    agent = newAgent('lan-c');
    expect((await agent.runActionsOnce()).error).toMatch(/unreachable/);
    await serverUp();
    expect(await agent.runActionsOnce()).toMatchObject({ reported: 1, claimed: 0, sent: 0, error: null });
    expect(agent.buffer.unreportedActions()).toEqual([]);
    expect(states.braiins2!.restarts).toBe(before + 1);

    expect(await agentTelemetryThenJudge(agent)).toMatchObject({ confirmed: 1 });
    expect(await getAction(res.json.id)).toMatchObject({ status: 'confirmed' });

    // 4. An agent stopped mid-send reports the action failed, never sends it again.
    const pause = await act(ids.braiins2!, { action: 'pause' });
    await agent.refreshDevices();
    const claimed = await call(agentClaim.POST, {
      method: 'POST',
      token: operator,
      params: { id: String(fleet.site.id) },
      body: { agent: 'lan-c' },
    });
    expect(claimed.json.actions.map((a: { id: number }) => a.id)).toEqual([pause.json.id]);
    agent.buffer.startAction(pause.json.id, Date.now()); // the send began, then the process died
    agent.close();
    agent = newAgent('lan-c');
    expect(await agent.runActionsOnce()).toMatchObject({ reported: 1, claimed: 0, sent: 0, error: null });
    expect(states.braiins2!.paused).toBe(false);
    expect(await getAction(pause.json.id)).toMatchObject({
      status: 'failed',
      reasonKind: 'abandoned',
      reason: expect.stringContaining('not re-sent'),
    });
    agent.close();
  });

  it('lets an agent token claim and report only actions of its own site and tenant', async () => {
    const tenantAgent = newAgent('tenant-lan', tenantToken);
    const staffDevice = await act(ids.luxos!, { action: 'pause' });
    const tenantDevice = await act(ids.axeos!, { action: 'pause' });
    const claim = (token: string, agent: string) =>
      call(agentClaim.POST, {
        method: 'POST',
        token,
        params: { id: String(fleet.site.id) },
        body: { agent },
      });
    const tenantClaim = await claim(tenantToken, 'tenant-lan');
    expect(tenantClaim.status).toBe(200);
    expect(tenantClaim.json.actions.map((a: { id: number }) => a.id)).toEqual([tenantDevice.json.id]);
    expect((await claim(viewer, 'viewer-lan')).status).toBe(403);

    // The tenant's token reporting on the staff device's action, or another agent on the tenant's: not recorded.
    const report = (token: string, agent: string, id: number) =>
      call(agentResults.POST, {
        method: 'POST',
        token,
        params: { id: String(fleet.site.id) },
        body: { agent, results: [{ id, at: Date.now(), outcome: { kind: 'sent', message: 'forged' } }] },
      });
    const staffClaim = await claim(operator, 'lan-d');
    expect(staffClaim.json.actions.map((a: { id: number }) => a.id)).toEqual([staffDevice.json.id]);
    expect((await report(tenantToken, 'lan-d', staffDevice.json.id)).json.results).toEqual([
      { id: staffDevice.json.id, recorded: false, reason: 'not an action of this site' },
    ]);
    expect((await report(operator, 'someone-else', tenantDevice.json.id)).json.results).toEqual([
      { id: tenantDevice.json.id, recorded: false, reason: 'not claimed by this agent' },
    ]);
    expect((await report(viewer, 'lan-d', staffDevice.json.id)).status).toBe(403);
    expect(await getAction(staffDevice.json.id)).toMatchObject({ phase: 'sending', reason: null });

    // The tenant's own agent sends and reports its claim.
    expect(await tenantAgent.runActionsOnce()).toMatchObject({ reported: 1, sent: 1, error: null });
    expect(states.axeos!.paused).toBe(true);
    expect(await getAction(tenantDevice.json.id)).toMatchObject({ phase: 'sent' });
    tenantAgent.close();
  });

  it('a real agent process executes an action requested over the API, confirmed by its telemetry', async () => {
    // The previous test left a claim of 'lan-d' on the LuxOS pause: let it go, so the agent process
    // (a new claimant) gets a fresh action.
    await execute(
      sql`UPDATE device_action SET status = 'failed', ended_at = ${Date.now()} WHERE status = 'pending'`,
    );
    const { child, lines, waitFor } = spawnAgent('proc-agent', 'proc.db');
    try {
      await waitFor('a first poll cycle', () => lines.some((l) => / cycle \d+: devices 4 ok/.test(l)));
      const target = states.luxos!.powerTargetW === 2600 ? 2700 : 2600;
      const res = await act(ids.luxos!, { action: 'setPowerTarget', powerTargetW: target });
      expect(res.status).toBe(202);
      await waitFor('the power target on the miner', () => states.luxos!.powerTargetW === target);
      await waitFor('the confirmation', async () => {
        await refreshLatest();
        await runActionsTick(Date.now(), { instanceId: 'server' });
        return (await getAction(res.json.id)).status === 'confirmed';
      });
      expect(await getAction(res.json.id)).toMatchObject({
        status: 'confirmed',
        reason: expect.stringContaining(`target ${target} W`),
      });
      expect(lines.some((l) => new RegExp(`action ${res.json.id} setPowerTarget .* sent`).test(l))).toBe(
        true,
      );
    } finally {
      await stopAgent(child);
    }
  });

  it('an agent process without the server’s database sends with the credentials and nameplate of its claim answer', async () => {
    await execute(
      sql`UPDATE device_action SET status = 'failed', ended_at = ${Date.now()} WHERE status = 'pending'`,
    );
    // A Whatsminer whose writes need the stored admin password, an Avalon whose power target needs
    // the model's nameplate (2800 W here, not the fake's own 3500 W).
    const now = Date.now();
    const wmState = newMinerState(21, 200, 3500, now);
    const avState = newMinerState(22, 100, 2800, now);
    const wm = await startCgminerFake({
      variant: 'whatsminer',
      state: wmState,
      whatsminerAdminPassword: 'wm-secret',
    });
    const av = await startCgminerFake({ variant: 'avalon', state: avState });
    closers.push(wm.close, av.close);
    const avalonModel = await getDb().deviceModel.create({
      data: {
        vendor: 'Canaan',
        model: 'A1366',
        class: 'asic',
        nominalHashrateThs: 100,
        nominalPowerW: 2800,
        maxTempC: 85,
      },
    });
    const wmDevice = await getDb().device.update({
      where: { id: fleet.devices[4]!.id },
      data: { protocol: 'cgminer', host: '127.0.0.1', port: wm.port },
    });
    const avDevice = await getDb().device.create({
      data: {
        name: `avalon-${provider}`,
        serial: `avalon-${provider}-${now}`,
        siteId: fleet.site.id,
        modelId: avalonModel.id,
        protocol: 'cgminer',
        host: '127.0.0.1',
        port: av.port,
      },
    });
    const put = await call(credentialsRoute.PUT, {
      method: 'PUT',
      token: operator,
      params: { id: String(wmDevice.id) },
      body: { password: 'wm-secret' },
    });
    expect(put.status).toBe(200);

    // The claim answer carries the write context: decrypted credentials to an API token only.
    const wmAction = await act(wmDevice.id, { action: 'setPowerTarget', powerTargetW: 3000 });
    const claimBody = { agent: 'ctx-check' };
    const claimed = await call(agentClaim.POST, {
      method: 'POST',
      token: operator,
      params: { id: String(fleet.site.id) },
      body: claimBody,
    });
    expect(claimed.json.actions).toEqual([
      expect.objectContaining({
        id: wmAction.json.id,
        context: expect.objectContaining({
          credentials: { password: 'wm-secret' },
          nominalPowerW: expect.any(Number),
        }),
      }),
    ]);
    const released = await getDb().auditEvent.findMany({ where: { action: 'device.credentials.released' } });
    expect(released.map((a) => JSON.parse(String(a.details)))).toEqual([
      expect.objectContaining({ agent: 'ctx-check', deviceIds: [wmDevice.id] }),
    ]);
    expect(JSON.stringify(released)).not.toContain('wm-secret');
    // A signed-in person (not a token) claiming gets the same action with the credentials withheld.
    const person = {
      kind: 'user' as const,
      id: 1,
      name: 'someone',
      role: 'operator' as const,
      tenantId: null,
    };
    const asPerson = await claimAgentActions(person, fleet.site.id, { agent: 'ctx-check', limit: 10 });
    expect(asPerson.actions[0]?.context).toMatchObject({ credentials: null, credentialsWithheld: true });
    // Give the claim back, so the agent process below claims it afresh.
    await execute(
      sql`UPDATE device_action SET phase = 'queued', claimed_by = NULL, claimed_until = NULL WHERE id = ${wmAction.json.id}`,
    );
    const avAction = await act(avDevice.id, { action: 'setPowerTarget', powerTargetW: 2100 });

    const { child, lines, waitFor } = spawnAgent('ctx-agent', 'ctx.db', {
      DATABASE_URL: 'file:/nonexistent-switchyard-agent-dir/none.db',
      TEST_DATABASE_URL: undefined,
      SWITCHYARD_SECRET: 'not-the-server-secret-0123456789abcdef',
    });
    try {
      await waitFor('the Whatsminer power target', () => wmState.powerTargetW === 3000);
      // Level 1 of the Avalon is 75 % of its nameplate: 2100 W of the model's 2800 W.
      await waitFor('the Avalon work level', () => avState.powerTargetW === 2100);
      await waitFor('both sends reported', async () =>
        [wmAction.json.id, avAction.json.id].every((id) =>
          lines.some((l) => new RegExp(`action ${id} setPowerTarget .* sent`).test(l)),
        ),
      );
      for (const id of [wmAction.json.id, avAction.json.id])
        await waitFor(`action ${id} recorded as sent`, async () => (await getAction(id)).phase === 'sent');
    } finally {
      await stopAgent(child);
    }
  });
});
