import { expect, it } from 'vitest';
import { type BucketValues, replayRule } from './replay';
import type { DeviceRow } from './subjects';
import type { Rule } from './types';

const STEP = 300_000;
const FROM = Date.UTC(2026, 0, 1);

const device = (id: number): DeviceRow => ({
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
  protocol: 'push',
  polled: false,
  poolUrl: null,
});

const rule = (over: Partial<Rule>): Rule => ({
  id: 1,
  name: 'r',
  metric: 'hashratePctOfNominal',
  op: '<',
  threshold: 80,
  forS: 600,
  severity: 'warning',
  scope: {},
  enabled: true,
  ...over,
});

/** Buckets from per-device hashrate series (null = no data in that bucket). */
function buckets(series: Record<number, (number | null)[]>) {
  const out = new Map<number, Map<number, BucketValues>>();
  for (const [id, values] of Object.entries(series)) {
    values.forEach((h, i) => {
      if (h === null) return;
      const b = FROM + i * STEP;
      const m = out.get(b) ?? new Map();
      out.set(b, m);
      m.set(Number(id), {
        hashrateThs: h,
        powerW: 3500,
        chipTempC: 70,
        boardTempC: 60,
        gpuTempC: null,
        fanRpm: 4000,
      });
    });
  }
  return out;
}

const run = (
  r: Rule,
  series: Record<number, (number | null)[]>,
  intent = [] as { deviceId: number; fromTs: number; toTs: number | null }[],
) =>
  replayRule({
    rule: r,
    devices: Object.keys(series).map((id) => device(Number(id))),
    buckets: buckets(series),
    intent,
    fromMs: FROM,
    toMs: FROM + 8 * STEP,
    stepMs: STEP,
  });

it.each<{ name: string; series: Record<number, (number | null)[]>; expected: unknown[] }>([
  {
    name: 'a dip shorter than forS does nothing',
    series: { 1: [200, 100, 100, 200, 200, 200, 200, 200] },
    expected: [],
  },
  {
    name: 'a dip that holds fires once and resolves',
    series: { 1: [200, 100, 100, 100, 200, 200, 200, 200] },
    // Evaluated at each bucket's end: the dip starts at FROM + 2 steps and has held 600 s at + 4.
    expected: [{ firedAt: FROM + 4 * STEP, resolvedAt: FROM + 5 * STEP, deviceIds: [1] }],
  },
  {
    name: 'two devices of one site are one alert',
    series: { 1: [100, 100, 100, 100, 100, 200, 200, 200], 2: [200, 100, 100, 100, 200, 200, 200, 200] },
    expected: [{ firedAt: FROM + 3 * STEP, resolvedAt: FROM + 6 * STEP, deviceIds: [1, 2] }],
  },
])('$name', ({ series, expected }) => {
  expect(run(rule({}), series).alerts).toEqual(expected);
});

it('a device curtailed on purpose during its dip does not fire', () => {
  const series = { 1: [200, 10, 10, 10, 10, 200, 200, 200] };
  expect(run(rule({}), series, [{ deviceId: 1, fromTs: FROM, toTs: FROM + 6 * STEP }]).alerts).toEqual([]);
});

it('a device that stops reporting ages into the offline rule', () => {
  const offline = rule({ metric: 'lastSeenAgeS', op: '>', threshold: 600, forS: 0 });
  const r = run(offline, { 1: [200, 200, null, null, null, null, 200, 200] });
  expect(r.evaluations).toBe(8);
  expect(r.alerts).toEqual([{ firedAt: FROM + 5 * STEP, resolvedAt: FROM + 7 * STEP, deviceIds: [1] }]);
});

it('a status rule replays the stored status changes', () => {
  const degraded = rule({ metric: 'status', op: '==', threshold: 'degraded', forS: 600 });
  const steady = { 1: [200, 200, 200, 200, 200, 200, 200, 200], 2: [200, 200, 200, 200, 200, 200, 200, 200] };
  const r = replayRule({
    rule: degraded,
    devices: [device(1), device(2)],
    buckets: buckets(steady),
    intent: [],
    statusChanges: [
      // Device 1 degraded from the middle of bucket 1 to the end of bucket 5; device 2 only 5 minutes.
      { deviceId: 1, ts: FROM + 1.5 * STEP, fromStatus: 'online', toStatus: 'degraded' },
      { deviceId: 1, ts: FROM + 5.5 * STEP, fromStatus: 'degraded', toStatus: 'online' },
      { deviceId: 2, ts: FROM + 2.5 * STEP, fromStatus: 'online', toStatus: 'degraded' },
      { deviceId: 2, ts: FROM + 3.5 * STEP, fromStatus: 'degraded', toStatus: 'online' },
    ],
    fromMs: FROM,
    toMs: FROM + 8 * STEP,
    stepMs: STEP,
  });
  expect(r.alerts).toEqual([{ firedAt: FROM + 4 * STEP, resolvedAt: FROM + 6 * STEP, deviceIds: [1] }]);
});

it('without changes in the window a device keeps its current status', () => {
  const offline = rule({ metric: 'status', op: '==', threshold: 'offline', forS: 0 });
  const r = replayRule({
    rule: offline,
    devices: [{ ...device(1), deviceStatus: 'offline' }],
    buckets: buckets({ 1: [200, 200] }),
    intent: [],
    fromMs: FROM,
    toMs: FROM + 2 * STEP,
    stepMs: STEP,
  });
  expect(r.alerts).toEqual([{ firedAt: FROM + STEP, resolvedAt: null, deviceIds: [1] }]);
});
