// Write protocols against their fakes over loopback: Braiins OS gRPC power targets, Whatsminer
// API v2 encrypted commands, Avalon work levels. Each write is then seen in what the miner's
// cgminer API reports on the next poll, as the collector would read it.
import { afterAll, describe, expect, it } from 'vitest';
import { startBraiinsGrpcFake } from '../../sim/wire/braiins-grpc-fake';
import { type RunningFake, startCgminerFake } from '../../sim/wire/cgminer-fake';
import type { CgVariant } from '../../sim/wire/cgminer-replies';
import { newMinerState } from '../../sim/wire/miner-state';
import { encodeSetPowerTargetRequest, GRPC_STATUS, SET_POWER_TARGET_PATH } from '../protocols/braiins-grpc';
import { braiinsSetPowerTarget } from './braiins-grpc';
import { pollCgminer } from './cgminer';
import { type CgAction, cgminerAction } from './cgminer-actions';
import { grpcUnary } from './grpc';
import { whatsminerAction } from './whatsminer-writes';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

const ep = (port: number) => ({ host: '127.0.0.1', port });
const deadline = () => performance.now() + 3000;

async function miner(variant: CgVariant, nominalPowerW: number, whatsminerAdminPassword?: string) {
  const state = newMinerState(11, 100, nominalPowerW, Date.now());
  const fake: RunningFake = await startCgminerFake({ variant, state, whatsminerAdminPassword });
  closers.push(fake.close);
  return { state, ep: ep(fake.port) };
}

async function polledPowerW(e: { host: string; port: number }) {
  const r = await pollCgminer(e, {}, deadline(), Date.now());
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.reading;
}

describe('Braiins OS gRPC power target', () => {
  async function braiins(opts: { tokenInHeaderOnly?: boolean } = {}) {
    const m = await miner('braiins', 3000);
    const grpc = await startBraiinsGrpcFake({ state: m.state, username: 'root', password: 'pw', ...opts });
    closers.push(grpc.close);
    return { ...m, grpc };
  }

  it('logs in, sets the target, and the cgminer API then reports power near it', async () => {
    const b = await braiins();
    const r = await braiinsSetPowerTarget(
      ep(b.grpc.port),
      { username: 'root', password: 'pw' },
      2400,
      deadline(),
    );
    expect(r).toEqual({ ok: true, message: expect.stringContaining('2400 W') });
    expect(b.state.powerTargetW).toBe(2400);
    expect(b.grpc.calls.map((c) => [c.path.split('/').pop(), c.authorized])).toEqual([
      ['Login', true],
      ['SetPowerTarget', true],
    ]);
    const reading = await polledPowerW(b.ep);
    expect(Math.abs(reading.powerW! - 2400)).toBeLessThan(2400 * 0.15);
  });

  it('works with old firmware that returns the token only in the authorization header', async () => {
    const b = await braiins({ tokenInHeaderOnly: true });
    const r = await braiinsSetPowerTarget(
      ep(b.grpc.port),
      { username: 'root', password: 'pw' },
      2700,
      deadline(),
    );
    expect(r.ok).toBe(true);
    expect(b.state.powerTargetW).toBe(2700);
  });

  it('the fake enforces the token: a call without one, or with an expired one, is UNAUTHENTICATED', async () => {
    const b = await braiins();
    const bare = await grpcUnary(ep(b.grpc.port), SET_POWER_TARGET_PATH, encodeSetPowerTargetRequest(2000), {
      timeoutMs: 2000,
    });
    expect(bare).toMatchObject({ ok: true, status: GRPC_STATUS.UNAUTHENTICATED });
    const forged = await grpcUnary(
      ep(b.grpc.port),
      SET_POWER_TARGET_PATH,
      encodeSetPowerTargetRequest(2000),
      {
        timeoutMs: 2000,
        metadata: { authorization: 'tok11x1' },
      },
    );
    expect(forged).toMatchObject({ ok: true, status: GRPC_STATUS.UNAUTHENTICATED });
    expect(b.state.powerTargetW).toBe(3000);
  });

  it.each([
    ['a wrong password', { username: 'root', password: 'nope' }, 2400, 'credentials_rejected'],
    ['a target outside the tuner range', { username: 'root', password: 'pw' }, 90_000, 'device_error'],
  ])('reports %s with its kind', async (_name, login, w, kind) => {
    const b = await braiins();
    const r = await braiinsSetPowerTarget(ep(b.grpc.port), login, w, deadline());
    expect(r).toMatchObject({ ok: false, error: { kind } });
    expect(b.state.powerTargetW).toBe(3000);
  });

  it('a closed gRPC port is a transport error, not a refusal', async () => {
    const b = await braiins();
    await b.grpc.close();
    const r = await braiinsSetPowerTarget(
      ep(b.grpc.port),
      { username: 'root', password: 'pw' },
      2400,
      deadline(),
    );
    expect(r).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });

  it('through the cgminer action path: no stored login is credentials_required', async () => {
    const b = await braiins();
    const a: CgAction = { action: 'setPowerTarget', powerTargetW: 2500 };
    expect(await cgminerAction(b.ep, 'braiins', a, deadline(), Date.now() / 1000, {})).toMatchObject({
      ok: false,
      error: { kind: 'credentials_required' },
    });
    const r = await cgminerAction(b.ep, 'braiins', a, deadline(), Date.now() / 1000, {
      credentials: { username: 'root', password: 'pw' },
      braiinsGrpcPort: b.grpc.port,
    });
    expect(r.ok).toBe(true);
    expect(b.state.powerTargetW).toBe(2500);
  });
});

describe('Whatsminer API v2 encrypted writes', () => {
  it.each<[string, CgAction, (s: ReturnType<typeof newMinerState>) => unknown, unknown]>([
    ['power target', { action: 'setPowerTarget', powerTargetW: 3100 }, (s) => s.powerTargetW, 3100],
    ['pause (power_off)', { action: 'pause' }, (s) => s.paused, true],
    ['reboot (restart_btminer)', { action: 'reboot' }, (s) => s.restarts, 1],
    [
      'pool switch (update_pools)',
      {
        action: 'switchPool',
        pool: { url: 'stratum+tcp://new.example:3333', user: 'acct.w1', password: 'x' },
      },
      (s) => s.pools[s.activePool]?.url,
      'stratum+tcp://new.example:3333',
    ],
  ])('%s is decrypted and obeyed by the fake', async (_name, a, read, expected) => {
    const m = await miner('whatsminer', 3400, 'admin-secret');
    const r = await whatsminerAction(m.ep, 'admin-secret', a, deadline());
    expect(r).toEqual({ ok: true, message: expect.stringContaining('API command OK') });
    expect(read(m.state)).toEqual(expected);
  });

  it('resume after pause shows the hashrate back in the next summary', async () => {
    const m = await miner('whatsminer', 3400, 'admin-secret');
    expect((await whatsminerAction(m.ep, 'admin-secret', { action: 'pause' }, deadline())).ok).toBe(true);
    expect((await polledPowerW(m.ep)).hashrateThs).toBe(0);
    expect((await whatsminerAction(m.ep, 'admin-secret', { action: 'resume' }, deadline())).ok).toBe(true);
    expect((await polledPowerW(m.ep)).hashrateThs).toBeGreaterThan(90);
  });

  it('a wrong admin password cannot produce a valid ciphertext: Code 135, credentials_rejected', async () => {
    const m = await miner('whatsminer', 3400, 'admin-secret');
    const r = await whatsminerAction(m.ep, 'guess', { action: 'pause' }, deadline());
    expect(r).toMatchObject({ ok: false, error: { kind: 'credentials_rejected', code: 135 } });
    expect(m.state.paused).toBe(false);
  });

  it('API writes not enabled on the miner: Code 45 (access_denied)', async () => {
    const m = await miner('whatsminer', 3400);
    const r = await whatsminerAction(m.ep, 'admin-secret', { action: 'pause' }, deadline());
    expect(r).toMatchObject({ ok: false, error: { kind: 'access_denied', code: 45 } });
  });

  it('no stored password: api_key_required before anything is sent', async () => {
    const m = await miner('whatsminer', 3400, 'admin-secret');
    const r = await cgminerAction(m.ep, 'whatsminer', { action: 'pause' }, deadline(), 0, {
      credentials: null,
    });
    expect(r).toMatchObject({ ok: false, error: { kind: 'api_key_required' } });
    expect(m.state.paused).toBe(false);
  });
});

describe('Avalon ascset work level', () => {
  it('sets the nearest work level and the estats WALLPOWER follows it', async () => {
    const m = await miner('avalon', 3600);
    const r = await cgminerAction(
      m.ep,
      'avalon',
      { action: 'setPowerTarget', powerTargetW: 2700 },
      deadline(),
      Date.now() / 1000,
      { nominalPowerW: 3600 },
    );
    expect(r).toEqual({ ok: true, message: expect.stringContaining('work level 1') });
    const reading = await polledPowerW(m.ep);
    expect(Math.abs(reading.powerW! - 2700)).toBeLessThan(2700 * 0.15);
  });

  it('plain cgminer does not support ascset power targets; stock Antminer answers Code 45', async () => {
    const plain = await miner('cgminer', 1350);
    expect(
      await cgminerAction(
        plain.ep,
        'cgminer',
        { action: 'setPowerTarget', powerTargetW: 1000 },
        deadline(),
        0,
      ),
    ).toMatchObject({ ok: false, error: { kind: 'not_supported' } });
    const stock = await miner('antminer', 3250);
    expect(await cgminerAction(stock.ep, 'antminer', { action: 'reboot' }, deadline(), 0)).toMatchObject({
      ok: false,
      error: { kind: 'access_denied', code: 45 },
    });
  });
});
