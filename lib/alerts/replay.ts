// "What would this rule have done": the evaluator replayed over stored 5-minute rollups, pure.
import { evaluateTick } from './evaluate';
import type { DeviceRow } from './subjects';
import { toDeviceSubject } from './subjects';
import type { AlertState, Condition, Rule, Subject } from './types';

/** Rollup means of one device in one bucket (canonical units). */
export type BucketValues = {
  hashrateThs: number | null;
  powerW: number | null;
  chipTempC: number | null;
  boardTempC: number | null;
  gpuTempC: number | null;
  fanRpm: number | null;
  /** Share of the bucket's samples that named no live pool (`pool_down_n` ÷ samples); 1-minute rows. */
  poolDownFraction?: number | null;
};

/**
 * A bucket counts as "pool down" when at least half of its samples named no live pool: one
 * reading out of two in a minute is the edge of an outage, not a blip inside a live one.
 */
export const POOL_DOWN_SHARE = 0.5;
/** What the replayed subject carries as its active pool while the bucket says a pool was alive. */
const REPLAYED_POOL = 'replayed:pool-alive';

/** A span during which a device was curtailed, idle or in maintenance on purpose. */
export type IntentSpan = { deviceId: number; fromTs: number; toTs: number | null };

/** A stored status change (device_status_change): the device's status from `ts` on. */
export type StatusChange = { deviceId: number; ts: number; fromStatus: string; toStatus: string };

export type ReplayedAlert = { firedAt: number; resolvedAt: number | null; deviceIds: number[] };

export type ReplayInput = {
  rule: Rule;
  devices: DeviceRow[];
  /** bucket start → device id → values. */
  buckets: Map<number, Map<number, BucketValues>>;
  intent: IntentSpan[];
  /** Status changes in the window, oldest first; without them a device keeps its current status. */
  statusChanges?: StatusChange[];
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** Called after every step with the alerts so far (ids 1, 2, … in order of firing). */
  onStep?: (at: number, alerts: readonly AlertState[]) => void;
};

/**
 * Metrics the stored history holds: rollup means, status changes, and pool liveness (`poolDown`,
 * from the 1-minute rollups' `pool_down_n`). GPU XID errors and market metrics are not here.
 */
export const REPLAYABLE = new Set<Rule['metric']>([
  'hashratePctOfNominal',
  'chipTempC',
  'boardTempC',
  'gpuTempC',
  'fanRpm',
  'powerW',
  'efficiencyJPerTh',
  'lastSeenAgeS',
  'status',
  'poolDown',
]);

/**
 * The status of each device at any time in the window: before its first change there, the status
 * that change left; after a change, the status it went to; with no change, its status now.
 */
export function statusTimeline(devices: DeviceRow[], changes: StatusChange[]) {
  const byDevice = new Map<number, StatusChange[]>();
  for (const c of changes) byDevice.set(c.deviceId, [...(byDevice.get(c.deviceId) ?? []), c]);
  for (const list of byDevice.values()) list.sort((a, b) => a.ts - b.ts);
  const current = new Map(devices.map((d) => [d.id, d.deviceStatus]));
  return (deviceId: number, at: number): string => {
    const list = byDevice.get(deviceId);
    if (!list || list.length === 0) return current.get(deviceId) ?? 'online';
    let status = list[0]!.fromStatus;
    for (const c of list) {
      if (c.ts > at) break;
      status = c.toStatus;
    }
    return status;
  };
}

export function replayRule(input: ReplayInput): { alerts: ReplayedAlert[]; evaluations: number } {
  const { rule, stepMs } = input;
  const lastSeen = new Map<number, number>();
  const spans = new Map<number, IntentSpan[]>();
  for (const s of input.intent) spans.set(s.deviceId, [...(spans.get(s.deviceId) ?? []), s]);
  let conditions: Condition[] = [];
  const alerts: AlertState[] = [];
  const statusAt = statusTimeline(input.devices, input.statusChanges ?? []);
  let evaluations = 0;
  for (let bucket = input.fromMs; bucket < input.toMs; bucket += stepMs) {
    const at = bucket + stepMs;
    const values = input.buckets.get(bucket);
    const subjects: Subject[] = input.devices.map((d) => {
      const v = values?.get(d.id);
      if (v) lastSeen.set(d.id, at);
      const onPurpose = (spans.get(d.id) ?? []).some(
        (s) => s.fromTs <= at && (s.toTs === null || at < s.toTs),
      );
      const row: DeviceRow = {
        ...d,
        ts: v ? at : (lastSeen.get(d.id) ?? null),
        hashrateThs: v?.hashrateThs ?? null,
        powerW: v?.powerW ?? null,
        chipTempC: v?.chipTempC ?? null,
        boardTempC: v?.boardTempC ?? null,
        gpuTempC: v?.gpuTempC ?? null,
        fanRpm: v?.fanRpm ?? null,
        poolUrl: (v?.poolDownFraction ?? 0) >= POOL_DOWN_SHARE ? null : REPLAYED_POOL,
        reportedStatus: null,
        workload: onPurpose ? 'curtail' : null,
        deviceStatus: statusAt(d.id, at),
      };
      // Fresh = this bucket reported; older values only count towards the age.
      return toDeviceSubject(row, at, v ? at : Number.POSITIVE_INFINITY);
    });
    const out = evaluateTick({ now: at, rules: [rule], subjects, conditions, alerts, silences: [] });
    evaluations++;
    conditions = out.conditions;
    for (const a of out.alerts) {
      if (a.id === null) alerts.push({ ...a, id: alerts.length + 1 });
      else alerts[a.id - 1] = a;
    }
    input.onStep?.(at, alerts);
  }
  return {
    alerts: alerts.map((a) => ({
      firedAt: a.firedAt,
      resolvedAt: a.resolvedAt,
      deviceIds: [...new Set(a.members.flatMap((m) => m.deviceIds))].sort((x, y) => x - y),
    })),
    evaluations,
  };
}
