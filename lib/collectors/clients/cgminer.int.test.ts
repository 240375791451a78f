import { afterAll, describe, expect, it } from 'vitest';
import { type CgBehaviour, type RunningFake, startCgminerFake } from '../../sim/wire/cgminer-fake';
import type { CgQuirk, CgVariant, FakeMiner } from '../../sim/wire/cgminer-replies';
import { newMinerState } from '../../sim/wire/miner-state';
import { type CgSession, pollCgminer } from './cgminer';
import { type CgAction, cgminerAction } from './cgminer-actions';

const running: RunningFake[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
});

async function fake(variant: CgVariant, quirks: CgQuirk[] = [], behaviour: CgBehaviour = {}) {
  const f = await startCgminerFake({
    variant,
    quirks,
    behaviour,
    state: newMinerState(7, 100, 3000, Date.now()),
  });
  running.push(f);
  return { ep: { host: '127.0.0.1', port: f.port }, miner: f.miner as FakeMiner };
}

const poll = (ep: { host: string; port: number }, session: CgSession = {}, timeoutMs = 2000) =>
  pollCgminer(ep, session, performance.now() + timeoutMs, Date.now());

describe('cgminer client ↔ fake miner over loopback', () => {
  it.each([
    ['antminer', 'antminer'],
    ['braiins', 'braiins'],
    ['luxos', 'luxos'],
    ['avalon', 'avalon'],
    ['whatsminer', 'whatsminer'],
    ['cgminer', 'cgminer'],
  ] as const)('%s: identified, hashrate near nameplate, active pool, temps', async (variant, family) => {
    const { ep } = await fake(variant);
    const session: CgSession = {};
    const r = await poll(ep, session);
    if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
    expect(session.firmware?.family).toBe(family);
    expect(r.reading.hashrateThs).toBeGreaterThan(98);
    expect(r.reading.hashrateThs).toBeLessThan(102);
    expect(r.reading.poolUrl).toBe('stratum+tcp://pool.example.com:3333');
    expect(r.reading.status).toBe('ok');
    if (variant !== 'cgminer') expect(r.reading.boardTempC ?? r.reading.chipTempC).toBeGreaterThan(30);
    if (['braiins', 'luxos', 'avalon', 'whatsminer'].includes(variant))
      expect(r.reading.powerW).toBeGreaterThan(2900);
  });

  it.each([
    ['missing_comma', 'antminer'],
    ['bare_nan', 'cgminer'],
    ['string_numbers', 'cgminer'],
    ['invalid_escape', 'whatsminer'],
    ['text_only', 'cgminer'],
  ] as const)('repairs or works around %s', async (quirk, variant) => {
    const { ep } = await fake(variant, [quirk]);
    const session: CgSession = {};
    const r = await poll(ep, session);
    if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
    expect(r.reading.hashrateThs).toBeGreaterThan(98);
    expect(r.reading.acceptedShares).toBeGreaterThan(0);
    if (quirk === 'text_only') expect(session.textMode).toBe(true);
  });

  it('uses summary+pools+… where supported and falls back per command where "+" is refused', async () => {
    const multi = await fake('cgminer');
    const s1: CgSession = {};
    expect((await poll(multi.ep, s1)).ok).toBe(true);
    expect(s1.multi).toBe(true);
    const single = await fake('cgminer', ['no_multi']);
    const s2: CgSession = {};
    const r = await poll(single.ep, s2);
    expect(r.ok && r.flags).toContain('multi_unsupported');
    expect(s2.multi).toBe(false);
    expect(r.ok && r.reading.poolUrl).toBe('stratum+tcp://pool.example.com:3333');
  });

  it.each([
    ['nul', 'NUL then close'],
    ['eof', 'close without NUL'],
    ['nul_keep_open', 'NUL, socket kept open'],
    ['none_keep_open', 'no NUL, socket kept open'],
  ] as const)('reply ends at %s (%s) without waiting for the timeout', async (terminator, _how) => {
    const { ep } = await fake('braiins', [], { terminator, splitChunks: true });
    const started = performance.now();
    const r = await poll(ep, {}, 5000);
    expect(r.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('half-open connection: times out within the per-device budget', async () => {
    const { ep } = await fake('antminer', [], { halfOpen: true });
    const started = performance.now();
    const r = await poll(ep, {}, 300);
    expect(r.ok ? null : r.error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('slow reply inside the budget is fine, outside it is a timeout', async () => {
    const { ep } = await fake('cgminer', [], { delayMs: 150 });
    expect((await poll(ep, {}, 2000)).ok).toBe(true);
    const r = await poll(ep, {}, 100);
    expect(r.ok ? null : r.error.kind).toBe('timeout');
  });

  it('connection closed without a reply, and nothing listening', async () => {
    const { ep } = await fake('cgminer', [], { closeWithoutReply: true });
    const r = await poll(ep);
    expect(r.ok ? null : r.error.kind).toBe('empty');
    const closed = await startCgminerFake({ variant: 'cgminer', state: newMinerState(1, 1, 1, Date.now()) });
    await closed.close();
    const refused = await poll({ host: '127.0.0.1', port: closed.port });
    expect(refused.ok ? null : refused.error.kind).toBe('refused');
  });
});

describe('cgminer write commands obey and refuse like the firmware', () => {
  const act = (
    ep: { host: string; port: number },
    family: Parameters<typeof cgminerAction>[1],
    a: CgAction,
  ) => cgminerAction(ep, family, a, performance.now() + 2000, Date.now() / 1000);

  it('Braiins pause drops the hashrate to zero, resume brings it back', async () => {
    const { ep } = await fake('braiins');
    expect((await act(ep, 'braiins', { action: 'pause' })).ok).toBe(true);
    const paused = await poll(ep);
    expect(paused.ok && paused.reading).toMatchObject({ hashrateThs: 0, status: 'idle' });
    expect((await act(ep, 'braiins', { action: 'resume' })).ok).toBe(true);
    const resumed = await poll(ep);
    expect(resumed.ok && resumed.reading.hashrateThs).toBeGreaterThan(90);
  });

  it('LuxOS: session, power target in watts, pool switch, curtail', async () => {
    const { ep } = await fake('luxos');
    expect(await act(ep, 'luxos', { action: 'setPowerTarget', powerTargetW: 2000 })).toMatchObject({
      ok: true,
    });
    const r = await poll(ep);
    expect(r.ok && r.reading.powerW).toBeGreaterThan(1950);
    expect(r.ok && r.reading.powerW).toBeLessThan(2050);
    expect((await act(ep, 'luxos', { action: 'switchPool', poolIndex: 1 })).ok).toBe(true);
    const switched = await poll(ep);
    expect(switched.ok && switched.reading.poolUrl).toBe('stratum+tcp://backup.example.com:3333');
    expect((await act(ep, 'luxos', { action: 'pause' })).ok).toBe(true);
    const slept = await poll(ep);
    expect(slept.ok && slept.reading.hashrateThs).toBe(0);
  });

  it('Avalon soft-off reports idle; plain cgminer adds and switches to a new pool', async () => {
    const avalon = await fake('avalon');
    expect((await act(avalon.ep, 'avalon', { action: 'pause' })).ok).toBe(true);
    const idle = await poll(avalon.ep);
    expect(idle.ok && idle.reading.status).toBe('idle');
    const cg = await fake('cgminer');
    const pool = { url: 'stratum+tcp://new,pool.example:3333', user: 'acct.w1', password: 'x' };
    expect(await act(cg.ep, 'cgminer', { action: 'switchPool', pool })).toMatchObject({ ok: true });
    const r = await poll(cg.ep);
    expect(r.ok && r.reading.poolUrl).toBe('stratum+tcp://new,pool.example:3333');
  });

  it('stock Antminer refuses with Code 45; Whatsminer needs its API key', async () => {
    const ant = await fake('antminer');
    expect(await act(ant.ep, 'antminer', { action: 'reboot' })).toMatchObject({
      ok: false,
      error: { kind: 'access_denied', code: 45 },
    });
    const wm = await fake('whatsminer');
    expect(await act(wm.ep, 'whatsminer', { action: 'reboot' })).toMatchObject({
      ok: false,
      error: { kind: 'api_key_required' },
    });
  });

  it('restart resets the uptime the miner reports', async () => {
    const { ep, miner } = await fake('cgminer');
    const before = miner.state.bootAtMs;
    expect(await act(ep, 'cgminer', { action: 'reboot' })).toMatchObject({ ok: true, message: 'RESTART' });
    expect(miner.state.bootAtMs).toBeGreaterThan(before);
  });
});
