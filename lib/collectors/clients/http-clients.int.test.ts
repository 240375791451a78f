import { afterAll, describe, expect, it } from 'vitest';
import { startAxeosFake } from '../../sim/wire/axeos-fake';
import type { AxeosVersion } from '../../sim/wire/axeos-info';
import type { RunningFake } from '../../sim/wire/cgminer-fake';
import { startDcgmFake } from '../../sim/wire/dcgm-fake';
import { mixedFleetSpecs, startFleet } from '../../sim/wire/fleet';
import { newMinerState } from '../../sim/wire/miner-state';
import { pollCycle } from '../poller';
import { type AxeosSession, axeosAction, pollAxeos } from './axeos';
import { capabilitiesFor } from './capabilities';
import type { DeviceSession } from './collect';
import { pollDcgm } from './dcgm';

const running: RunningFake[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
});

async function axeos(version: AxeosVersion, extra: { networkCheck?: boolean; halfOpen?: boolean } = {}) {
  const f = await startAxeosFake({ version, state: newMinerState(3, 1.1, 20, Date.now()), ...extra });
  running.push(f);
  return { ep: { host: '127.0.0.1', port: f.port }, fake: f.fake };
}

const budget = (ms = 2000) => performance.now() + ms;

describe('AxeOS client ↔ fake Bitaxe over loopback', () => {
  it.each(['2.4', '2.10', '2.15'] as const)('v%s: GH/s → TH/s, pool, shares', async (version) => {
    const { ep } = await axeos(version);
    const session: AxeosSession = {};
    const r = await pollAxeos(ep, session, budget(), Date.now());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.reading.hashrateThs).toBeGreaterThan(1.07);
    expect(r.reading.hashrateThs).toBeLessThan(1.13);
    expect(r.reading.poolUrl).toBe('stratum+tcp://pool.example.com:3333');
    expect(r.details.bestDiff).toBeGreaterThan(4e9);
    expect(session.asic?.frequencyOptionsMhz.length ?? 0).toBe(version === '2.4' ? 0 : 6);
  });

  it('private-network check: 401 reported as such (A6)', async () => {
    const { ep } = await axeos('2.15', { networkCheck: true });
    const r = await pollAxeos(ep, {}, budget(), Date.now());
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'unauthorized_network', code: 401 });
  });

  it('half-open HTTP server times out', async () => {
    const { ep } = await axeos('2.15', { halfOpen: true });
    const r = await pollAxeos(ep, {}, budget(200), Date.now());
    expect(r.ok ? null : r.error.kind).toBe('timeout');
  });

  it('pause/resume, power target by frequency preset, pool switch applied at restart', async () => {
    const { ep } = await axeos('2.15');
    const session: AxeosSession = {};
    const first = await pollAxeos(ep, session, budget(), Date.now());
    expect(first.ok).toBe(true);
    expect(capabilitiesFor({ protocol: 'axeos', firmware: session.firmware }).actions.pause.supported).toBe(
      true,
    );
    expect((await axeosAction(ep, session, { action: 'pause' }, budget())).ok).toBe(true);
    const paused = await pollAxeos(ep, session, budget(), Date.now());
    expect(paused.ok && paused.reading).toMatchObject({ hashrateThs: 0, status: 'curtailed' });
    await axeosAction(ep, session, { action: 'resume' }, budget());
    const resumed = await pollAxeos(ep, session, budget(), Date.now());
    expect(resumed.ok && resumed.reading.status).toBe('ok');
    expect(
      await axeosAction(ep, session, { action: 'setPowerTarget', powerTargetW: 16 }, budget()),
    ).toMatchObject({ ok: true });
    const tuned = await pollAxeos(ep, session, budget(), Date.now());
    expect(tuned.ok && tuned.reading.powerW).toBeLessThanOrEqual(16.5);
    expect(tuned.ok && tuned.details.frequencyMhz).toBe(400);
    const pool = { host: 'solo.ckpool.org', port: 3333, user: 'bc1qexample.w1' };
    expect((await axeosAction(ep, session, { action: 'switchPool', pool }, budget())).ok).toBe(true);
    const switched = await pollAxeos(ep, session, budget(), Date.now());
    expect(switched.ok && switched.reading.poolUrl).toBe('stratum+tcp://solo.ckpool.org:3333');
  });

  it('v2.4 has no pause: capability says so', async () => {
    const { ep } = await axeos('2.4');
    const session: AxeosSession = {};
    await pollAxeos(ep, session, budget(), Date.now());
    expect(capabilitiesFor({ protocol: 'axeos', firmware: session.firmware }).actions.pause).toMatchObject({
      supported: false,
    });
  });
});

describe('dcgm client ↔ fake exporter', () => {
  it.each([false, true])('old namespace %s', async (oldNamespace) => {
    const f = await startDcgmFake({ gpus: 8, oldNamespace, sentinel: true, utilPct: () => 50 });
    running.push(f);
    const r = await pollDcgm({ host: '127.0.0.1', port: f.port }, budget(), Date.now());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.reading).toMatchObject({ gpuUtilPct: 50, powerW: 8 * 410, gpuTempC: 55, status: 'ok' });
    expect(r.reading.gpuMemUsedGb).toBeCloseTo((8 * 40000) / 1024, 2);
  });
});

describe('poll cycle over a mixed fake fleet', () => {
  it('every device of every variant yields a reading', async () => {
    const fleet = await startFleet([...mixedFleetSpecs(21, 8), { kind: 'dcgm', gpus: 4 }]);
    try {
      const sessions = new Map<number, DeviceSession>();
      const targets = fleet.devices.map((d) => ({
        id: d.index + 1,
        protocol: d.protocol,
        host: d.host,
        port: d.port,
      }));
      const outcomes = await pollCycle(targets, { concurrency: 8, timeoutMs: 3000, now: Date.now, sessions });
      const failed = outcomes
        .filter((o) => !o.result.ok)
        .map((o) => `${fleet.devices[o.target.id - 1]!.label}: ${JSON.stringify(o.result)}`);
      expect(failed).toEqual([]);
      expect(sessions.size).toBe(targets.length);
    } finally {
      await fleet.close();
    }
  });
});
