// Pool-down rules replayed over 1-minute rollups (`pool_down_n` ÷ samples per bucket), with the
// failover action simulated under its rolling-hour limit.
import { describe, expect, it } from 'vitest';
import { ActionSimulator } from './auto/simulate';
import { type BucketValues, POOL_DOWN_SHARE, replayRule } from './replay';
import { type DeviceRow, reportsPoolLiveness } from './subjects';
import type { AlertState, Rule } from './types';

const STEP = 60_000;
const FROM = Date.UTC(2026, 0, 1);

const miner = (id: number, over: Partial<DeviceRow> = {}): DeviceRow => ({
  id,
  siteId: 1,
  rackId: 1,
  modelId: 1,
  tenantId: null,
  deviceStatus: 'online',
  class: 'asic',
  nominalHashrateThs: 200,
  maxTempC: 90,
  createdAt: FROM,
  ts: null,
  hashrateThs: null,
  powerW: null,
  chipTempC: null,
  boardTempC: null,
  gpuTempC: null,
  fanRpm: null,
  reportedStatus: null,
  workload: null,
  protocol: 'cgminer',
  polled: true,
  poolUrl: 'stratum+tcp://pool.example.com:3333',
  ...over,
});

const poolDown = (over: Partial<Rule> = {}): Rule => ({
  id: 1,
  name: 'pool down',
  metric: 'poolDown',
  op: '>',
  threshold: 0,
  forS: 120,
  cooldownS: 600,
  severity: 'critical',
  scope: {},
  enabled: true,
  ...over,
});

/** Per-device share of samples without a live pool, minute by minute (null = no row). */
function buckets(series: Record<number, (number | null)[]>) {
  const out = new Map<number, Map<number, BucketValues>>();
  for (const [id, shares] of Object.entries(series))
    shares.forEach((share, i) => {
      if (share === null) return;
      const b = FROM + i * STEP;
      const m = out.get(b) ?? new Map<number, BucketValues>();
      out.set(b, m);
      m.set(Number(id), {
        hashrateThs: 200,
        powerW: 3500,
        chipTempC: 70,
        boardTempC: 60,
        gpuTempC: null,
        fanRpm: 5000,
        poolDownFraction: share,
      });
    });
  return out;
}

function run(rule: Rule, series: Record<number, (number | null)[]>, devices?: DeviceRow[]) {
  const minutes = Math.max(...Object.values(series).map((s) => s.length));
  const sim = rule.action
    ? new ActionSimulator(
        rule.action,
        new Map(Object.keys(series).map((id) => [Number(id), { remote: true }])),
      )
    : null;
  const replay = replayRule({
    rule,
    devices: devices ?? Object.keys(series).map((id) => miner(Number(id))),
    buckets: buckets(series),
    intent: [],
    fromMs: FROM,
    toMs: FROM + minutes * STEP,
    stepMs: STEP,
    onStep: sim ? (at: number, alerts: readonly AlertState[]) => sim.step(at, alerts) : undefined,
  });
  return { ...replay, log: sim?.log ?? [] };
}

const at = (minute: number) => FROM + minute * STEP;

describe('poolDown replay', () => {
  it.each<{ name: string; series: (number | null)[]; expected: unknown[] }>([
    { name: 'pools alive throughout: nothing', series: [0, 0, 0, 0, 0, 0], expected: [] },
    {
      name: 'down for 2 minutes, shorter than forS (120 s after the first down minute): nothing',
      series: [0, 1, 1, 0, 0, 0],
      expected: [],
    },
    {
      name: 'a minority of dead readings in each minute is not an outage',
      series: [0, 0.4, 0.4, 0.4, 0.4, 0],
      expected: [],
    },
    {
      name: 'down 3 minutes: fires when it has held 120 s, resolves when a pool is alive',
      series: [0, 1, 1, 1, 0, 0],
      expected: [{ firedAt: at(4), resolvedAt: at(5), deviceIds: [1] }],
    },
    {
      name: 'a minute that is half down counts as down',
      series: [0, POOL_DOWN_SHARE, 1, 1, 0, 0],
      expected: [{ firedAt: at(4), resolvedAt: at(5), deviceIds: [1] }],
    },
    {
      name: 'no rows (the miner went silent) neither fires nor clears',
      series: [0, 1, 1, 1, null, null, 0, 0],
      expected: [{ firedAt: at(4), resolvedAt: at(7), deviceIds: [1] }],
    },
  ])('$name', ({ series, expected }) => {
    const r = run(poolDown(), { 1: series });
    expect(r.evaluations).toBe(series.length);
    expect(r.alerts).toEqual(expected);
  });

  it('devices that say nothing about pools (AxeOS, pushed samples, GPU) never fire', () => {
    const silent = [miner(1, { protocol: 'axeos' }), miner(2, { polled: false }), miner(3, { class: 'gpu' })];
    expect(silent.map(reportsPoolLiveness)).toEqual([false, false, false]);
    const r = run(poolDown(), { 1: [1, 1, 1, 1], 2: [1, 1, 1, 1], 3: [1, 1, 1, 1] }, silent);
    expect(r.alerts).toEqual([]);
  });

  it('the failover action switches each device once, under the rolling-hour limit', () => {
    const rule = poolDown({ action: { kind: 'switchPool', maxDevicesPerHour: 2 } });
    // Three miners lose their pool at once for 5 minutes: two are switched, the third is held back
    // (recorded once, not every minute) and the alert resolves before the hour rolls on.
    const down = [0, 1, 1, 1, 1, 1, 0, 0];
    const r = run(rule, { 1: down, 2: down, 3: down });
    expect(r.alerts).toEqual([{ firedAt: at(4), resolvedAt: at(7), deviceIds: [1, 2, 3] }]);
    expect(r.log.map((l) => [l.at, l.deviceId, l.kind, l.outcome, l.via])).toEqual([
      [at(4), 1, 'switchPool', 'requested', 'remote_action'],
      [at(4), 2, 'switchPool', 'requested', 'remote_action'],
      [at(4), 3, 'switchPool', 'rate_limited', null],
    ]);
    expect(r.log[2]?.reason).toContain('2 devices per hour');
  });

  it('a device held back by the limit is switched once the hour has rolled on', () => {
    const rule = poolDown({ action: { kind: 'switchPool', maxDevicesPerHour: 1 } });
    const minutes = 70;
    const outage = Array.from({ length: minutes }, (_, i) => (i >= 1 ? 1 : 0));
    const r = run(rule, { 1: outage, 2: outage });
    const outcomes = r.log.map((l) => [l.at, l.deviceId, l.outcome]);
    expect(outcomes).toEqual([
      [at(4), 1, 'requested'],
      [at(4), 2, 'rate_limited'],
      // The first switch leaves the rolling hour 60 minutes after it was made.
      [at(64), 2, 'requested'],
    ]);
  });

  it('without an endpoint the failover is skipped, not requested', () => {
    const rule = poolDown({ action: { kind: 'switchPool', maxDevicesPerHour: 5 } });
    const sim = new ActionSimulator(rule.action!, new Map([[1, { remote: false }]]));
    replayRule({
      rule,
      devices: [miner(1)],
      buckets: buckets({ 1: [1, 1, 1, 1] }),
      intent: [],
      fromMs: FROM,
      toMs: at(4),
      stepMs: STEP,
      onStep: (t, alerts) => sim.step(t, alerts),
    });
    expect(sim.log.map((l) => [l.deviceId, l.outcome])).toEqual([[1, 'skipped']]);
    expect(sim.log[0]?.reason).toContain('no collector');
  });
});
