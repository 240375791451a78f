import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEVICE_MODELS, findDeviceModel } from '../inventory/catalogue';
import { NUMERIC_METRICS, REPORTED_STATUSES } from '../telemetry/metrics';
import { counterEpochStart } from './counters';
import { faultStateAt } from './faults';
import { faultClassOf, type SimMode } from './sim-device';
import { simulateSample } from './telemetry-model';
import { defaultMode, type FleetMember, simDevice, simFleet } from './test-fleet';

const SEED = 42;
const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 4, 12);
const fleet = simFleet(SEED);
const byModel = (key: string) => fleet.filter((m) => `${m.spec.vendor} ${m.spec.model}` === key);

function sample(member: FleetMember, ts: number, mode: SimMode = defaultMode(member, SEED, ts), extra = {}) {
  return simulateSample({
    device: simDevice(member, mode, extra),
    site: member.site,
    ts,
    seed: SEED,
    intervalMs: 30_000,
  });
}

/** First instant (5-min steps, up to `days`) at which some member of `members` has the fault. */
function findFault(members: FleetMember[], kind: 'overheat' | 'degraded' | 'xid', days = 5) {
  for (let ts = T0; ts < T0 + days * DAY_MS; ts += 300_000) {
    for (const m of members) {
      const state = faultStateAt(SEED, m.id, faultClassOf(m.spec), ts);
      if (state[kind] && !state.offline) return { member: m, ts };
    }
  }
  throw new Error(`no ${kind} episode found`);
}

describe('simulateSample', () => {
  it('is a pure function of (seed, device, time): order of generation does not matter', () => {
    const picks = fleet.filter((_, i) => i % 37 === 0);
    const times = [0, 1, 2, 3].map((h) => T0 + h * 3_600_000 + 12_345);
    const forward = times.flatMap((ts) => picks.map((m) => sample(m, ts)));
    const backward = [...times].reverse().flatMap((ts) => [...picks].reverse().map((m) => sample(m, ts)));
    expect(backward.reverse()).toEqual(forward);
    expect(forward.filter(Boolean).length).toBeGreaterThan(forward.length * 0.9);
  });

  it('changes with the seed', () => {
    const m = byModel('Bitmain Antminer S21')[0]!;
    const other = simulateSample({
      device: simDevice(m, 'mining'),
      site: m.site,
      ts: T0,
      seed: 7,
      intervalMs: 30_000,
    });
    expect(other?.hashrateThs).not.toBe(sample(m, T0)?.hashrateThs);
  });

  it('stays inside the ingest validator bounds and physical ranges for any model, mode and time', () => {
    const bounds = new Map<string, { min: number; max: number }>(NUMERIC_METRICS.map((m) => [m.key, m]));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(...DEVICE_MODELS),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom<SimMode>('mining', 'ai', 'idle', 'curtailed', 'maintenance'),
        fc.option(fc.double({ min: 0.3, max: 1.3, noNaN: true }), { nil: undefined }),
        (seed, spec, id, ts, mode, targetShare) => {
          const member = { id, spec, site: fleet[0]!.site };
          const extra = targetShare ? { powerTargetW: spec.nominalPowerW * targetShare } : {};
          const s = simulateSample({
            device: simDevice(member, mode, extra),
            site: member.site,
            ts,
            seed,
            intervalMs: 30_000,
          });
          if (!s) return;
          expect(REPORTED_STATUSES).toContain(s.status);
          for (const [key, value] of Object.entries(s)) {
            const b = bounds.get(key);
            if (!b) continue;
            expect(Number.isFinite(value), key).toBe(true);
            expect(value as number, key).toBeGreaterThanOrEqual(b.min);
            expect(value as number, key).toBeLessThanOrEqual(b.max);
          }
          expect(s.powerW).toBeLessThanOrEqual(spec.nominalPowerW * 1.3);
          for (const t of [s.chipTempC, s.boardTempC, s.gpuTempC]) {
            if (t !== undefined) expect(t).toBeLessThan(spec.maxTempC + 20);
            if (t !== undefined) expect(t).toBeGreaterThan(-30);
          }
          if (s.gpuMemUsedGb !== undefined)
            expect(s.gpuMemUsedGb).toBeLessThanOrEqual(spec.gpuMemoryGb! * spec.gpuCount!);
          if (spec.class === 'gpu') expect(s.hashrateThs).toBeUndefined();
        },
      ),
      { numRuns: 400 },
    );
  });

  describe('fleet statistics over one day', () => {
    const stats = {
      samples: 0,
      offline: 0,
      asic: 0,
      degraded: 0,
      hashThs: 0,
      nominalThs: 0,
      healthyRatio: [] as number[],
    };
    for (let ts = T0; ts < T0 + DAY_MS; ts += 20 * 60_000) {
      for (const m of fleet) {
        const s = sample(m, ts);
        stats.samples++;
        if (!s) stats.offline++;
        if (m.spec.class !== 'asic') continue;
        const nominal = m.spec.nominalHashrateThs!;
        stats.asic++;
        stats.nominalThs += nominal;
        stats.hashThs += s?.hashrateThs ?? 0;
        const state = faultStateAt(SEED, m.id, 'asic', ts);
        if (state.degraded && !state.offline) stats.degraded++;
        if (s && !state.degraded && !state.overheat) stats.healthyRatio.push(s.hashrateThs! / nominal);
      }
    }

    it('keeps 1–3 % of the fleet offline', () => {
      expect(stats.offline / stats.samples).toBeGreaterThan(0.01);
      expect(stats.offline / stats.samples).toBeLessThan(0.03);
    });

    it('has 0.5–3.5 % of ASICs running on two of three hashboards', () => {
      expect(stats.degraded / stats.asic).toBeGreaterThan(0.005);
      expect(stats.degraded / stats.asic).toBeLessThan(0.035);
    });

    it('delivers nominal hashrate minus the fault share', () => {
      // Designed losses: ~2 % offline plus a third of the ~1.75 % degraded.
      const expected = 1 - 0.02 - 0.0175 / 3;
      expect(stats.hashThs / stats.nominalThs).toBeGreaterThan(expected - 0.02);
      expect(stats.hashThs / stats.nominalThs).toBeLessThan(expected + 0.02);
      const mean = stats.healthyRatio.reduce((a, b) => a + b, 0) / stats.healthyRatio.length;
      expect(Math.abs(mean - 1)).toBeLessThan(0.01);
      expect(Math.min(...stats.healthyRatio)).toBeGreaterThan(0.93);
      expect(Math.max(...stats.healthyRatio)).toBeLessThan(1.07);
    });
  });

  it.each(['Bitmain Antminer S21 XP', 'Bitaxe Bitaxe Gamma'])(
    '%s overheats past maxTempC and throttles',
    (key) => {
      const { member, ts } = findFault(byModel(key), 'overheat', 30);
      const s = sample(member, ts, 'mining')!;
      expect(s.chipTempC).toBeGreaterThan(member.spec.maxTempC);
      expect(s.hashrateThs).toBeLessThan(member.spec.nominalHashrateThs! * 0.7);
      expect(s.fanRpm).toBeGreaterThan(5500);
    },
  );

  it('keeps healthy chips below maxTempC', () => {
    for (const m of fleet.filter((x) => x.spec.class !== 'gpu')) {
      const ts = T0 + 15 * 3_600_000;
      const s = sample(m, ts);
      if (!s || faultStateAt(SEED, m.id, faultClassOf(m.spec), ts).overheat) continue;
      if (s.chipTempC !== undefined) expect(s.chipTempC).toBeLessThan(m.spec.maxTempC);
    }
  });

  it('drops to about two thirds of nominal with a dead hashboard', () => {
    const { member, ts } = findFault(
      fleet.filter((m) => m.spec.class === 'asic'),
      'degraded',
    );
    const s = sample(member, ts, 'mining')!;
    expect(s.status).toBe('ok');
    expect(s.hashrateThs! / member.spec.nominalHashrateThs!).toBeGreaterThan(0.6);
    expect(s.hashrateThs! / member.spec.nominalHashrateThs!).toBeLessThan(0.72);
    expect(s.powerW! / member.spec.nominalPowerW).toBeLessThan(0.75);
  });

  it.each(['Bitmain Antminer S21', 'Bitaxe Bitaxe Gamma', 'NVIDIA DGX H100'])(
    'curtails %s to ~zero',
    (key) => {
      const m = byModel(key).find((x) => sample(x, T0, 'curtailed'))!;
      const s = sample(m, T0, 'curtailed')!;
      expect(s.status).toBe('curtailed');
      expect(s.hashrateThs ?? 0).toBe(0);
      expect(s.gpuUtilPct ?? 0).toBe(0);
      const maxShare = m.spec.class === 'micro' ? 0.2 : 0.05;
      expect(s.powerW! / m.spec.nominalPowerW).toBeLessThan(maxShare);
      expect(s.acceptedShares).toBeUndefined();
    },
  );

  it('reports maintenance without work', () => {
    const ts = T0 + 3_600_000;
    const m = byModel('Bitmain Antminer S21').find((x) => !faultStateAt(SEED, x.id, 'asic', ts).offline)!;
    expect(sample(m, ts, 'maintenance')).toMatchObject({ status: 'maintenance', hashrateThs: 0, powerW: 0 });
  });

  it('gives a NerdMiner a tiny but positive hashrate and no sensors', () => {
    for (const m of byModel('BitMaker NerdMiner v2')) {
      const s = sample(m, T0 + 600_000);
      if (!s) continue;
      expect(s.hashrateThs).toBeGreaterThan(0);
      expect(s.hashrateThs).toBeLessThan(1e-6);
      expect(s.chipTempC).toBeUndefined();
      expect(s.fanRpm).toBeUndefined();
    }
  });

  it('gives AxeOS devices AxeOS-like readings', () => {
    const micros = fleet.filter((m) => m.spec.class === 'micro' && m.spec.vendor !== 'BitMaker');
    for (const m of micros) {
      const ts = T0 + 8 * 3_600_000;
      const state = faultStateAt(SEED, m.id, 'micro', ts);
      const s = sample(m, ts);
      if (!s || state.overheat) continue;
      expect(s.hashrateThs).toBeGreaterThan(0.4);
      expect(s.hashrateThs).toBeLessThan(5.5);
      expect(s.chipTempC).toBeGreaterThanOrEqual(45);
      expect(s.chipTempC).toBeLessThanOrEqual(68);
      expect(s.fanRpm).toBeGreaterThanOrEqual(2800);
      expect(s.fanRpm).toBeLessThanOrEqual(5200);
    }
  });

  it('follows a power target along the model profile', () => {
    const m = byModel('Bitmain Antminer S21')[0]!;
    const ts = [0, 1, 2, 3, 4, 5]
      .map((h) => T0 + h * 3_600_000)
      .find((t) => {
        const f = faultStateAt(SEED, m.id, 'asic', t);
        return !f.offline && !f.degraded && !f.overheat;
      })!;
    const tuned = sample(m, ts, 'mining', { powerTargetW: 2625 })!;
    const full = sample(m, ts, 'mining')!;
    expect(tuned.powerW! / full.powerW!).toBeCloseTo(0.75, 1);
    const ratio = tuned.hashrateThs! / full.hashrateThs!;
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(0.87);
  });

  it('grows share counters monotonically within a counter epoch, faster at higher hashrate', () => {
    const m = byModel('Bitmain Antminer S21 XP')[3]!;
    let previous: { epoch: number; accepted: number; rejected: number; hw: number } | undefined;
    let checked = 0;
    for (let ts = T0; ts < T0 + 2 * DAY_MS; ts += 60_000) {
      const s = sample(m, ts, 'mining');
      if (!s) {
        previous = undefined;
        continue;
      }
      const epoch = counterEpochStart(SEED, m.id, 'asic', ts);
      if (previous && previous.epoch === epoch) {
        expect(s.acceptedShares!).toBeGreaterThanOrEqual(previous.accepted);
        expect(s.rejectedShares!).toBeGreaterThanOrEqual(previous.rejected);
        expect(s.hwErrors!).toBeGreaterThanOrEqual(previous.hw);
        checked++;
      }
      previous = { epoch, accepted: s.acceptedShares!, rejected: s.rejectedShares!, hw: s.hwErrors! };
    }
    expect(checked).toBeGreaterThan(2000);
    const at = [1, 2, 3, 4, 5, 6].map((h) => T0 + h * 3_600_000).find((t) => sample(m, t, 'mining'))!;
    const since = at - 60 * 60_000;
    const fast = sample(m, at, 'mining', { modeSinceTs: since })!;
    const slow = sample(m, at, 'mining', { modeSinceTs: since, powerTargetW: 2200 })!;
    expect(fast.acceptedShares!).toBeGreaterThan(1000);
    expect(slow.acceptedShares!).toBeLessThan(fast.acceptedShares! * 0.85);
  });

  it('reports a GPU XID error with status error and collapsed utilisation', () => {
    const { member, ts } = findFault(
      fleet.filter((m) => m.spec.class === 'gpu'),
      'xid',
    );
    const s = sample(member, ts, 'ai')!;
    expect(s.status).toBe('error');
    expect(s.gpuUtilPct).toBeLessThan(10);
    expect(s.hwErrors).toBeGreaterThanOrEqual(1);
  });

  it('runs GPU nodes at job-like plateaus in ai mode and near zero when idle', () => {
    const node = byModel('NVIDIA DGX H100')[0]!;
    const util: number[] = [];
    const idle: number[] = [];
    const powerAi: number[] = [];
    const powerIdle: number[] = [];
    for (let ts = T0; ts < T0 + DAY_MS; ts += 60_000) {
      const state = faultStateAt(SEED, node.id, 'gpu', ts);
      if (state.offline || state.xid) continue;
      const ai = sample(node, ts, 'ai')!;
      const rest = sample(node, ts, 'idle')!;
      util.push(ai.gpuUtilPct!);
      powerAi.push(ai.powerW!);
      idle.push(rest.gpuUtilPct!);
      powerIdle.push(rest.powerW!);
      expect(ai.gpuMemUsedGb!).toBeGreaterThan(0.4 * 640);
      expect(ai.gpuMemUsedGb!).toBeLessThanOrEqual(640);
    }
    const inBand = util.filter((u) => u >= 68 && u <= 100).length / util.length;
    expect(inBand).toBeGreaterThan(0.95);
    expect(Math.max(...idle)).toBeLessThanOrEqual(5);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(powerAi)).toBeGreaterThan(6500);
    expect(mean(powerAi)).toBeLessThan(8700);
    expect(mean(powerIdle)).toBeLessThan(3000);
    // Plateaus: most consecutive minutes change by only a few points.
    const steps = util.slice(1).map((u, i) => Math.abs(u - util[i]!));
    expect(steps.filter((d) => d < 6).length / steps.length).toBeGreaterThan(0.9);
  });

  it('treats an ASIC asked to run AI, or a GPU asked to mine, as idle', () => {
    const asic = fleet.find((m) => m.spec.class === 'asic' && sample(m, T0, 'ai'))!;
    expect(sample(asic, T0, 'ai')?.status).toBe('idle');
    const gpu = fleet.find((m) => m.spec.class === 'gpu' && sample(m, T0, 'mining'))!;
    expect(sample(gpu, T0, 'mining')?.status).toBe('idle');
    expect(findDeviceModel('NVIDIA DGX H100')?.class).toBe('gpu');
  });
});
