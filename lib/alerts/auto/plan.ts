// What a rule's automatic action does this tick, pure: the devices its open alerts list (wants),
// what it already did (prior rows of rule_action), who was acted on in the last hour (the rate
// limit) and each device's facts in; one decision per device out. The stored tick and the 24 h
// preview both call these, so the preview shows what the rule would really have done.
import type { RuleActionKind, RuleActionSpec } from '../types';

export const RATE_WINDOW_MS = 3_600_000;

export type AutoKind = RuleActionKind | 'resume';
export type Outcome = 'requested' | 'rate_limited' | 'skipped';
export type Via = 'remote_action' | 'assignment';

/** A device an open alert of the rule lists now (a member whose condition still fires). */
export type Want = { alertId: number; deviceId: number; subjectKey: string; value: number | string | null };

export type DeviceFacts = {
  id: number;
  /** A collector can reach it (cgminer/AxeOS with an endpoint) or the built-in simulator obeys. */
  remote: boolean;
  /** Curtailed, idle or in maintenance on purpose (assignment, status or report). */
  intentional: boolean;
  /** The assignment in force now (device_workload), to tell whether a person changed it since. */
  currentAssignmentId: number | null;
};

export type PriorAction = {
  alertId: number;
  deviceId: number;
  kind: AutoKind;
  outcome: Outcome | 'failed';
  assignmentId: number | null;
};

export type Decision = {
  alertId: number;
  deviceId: number;
  kind: AutoKind;
  outcome: Outcome;
  via: Via | null;
  reason: string | null;
  subjectKey: string | null;
  value: number | string | null;
};

const pair = (alertId: number, deviceId: number) => `${alertId}:${deviceId}`;

/** How an action reaches a device without a collector, if it can. */
function viaFor(spec: RuleActionSpec, d: DeviceFacts): Via | null {
  if (d.remote) return 'remote_action';
  if (spec.kind === 'curtail') return 'assignment';
  if (spec.kind === 'switchPool' && spec.poolId != null) return 'assignment';
  return null;
}

/**
 * One decision per (alert, device) the rule has not dealt with yet. A device rate-limited earlier
 * is tried again each tick (the limit frees up as the hour rolls on) but recorded once.
 * `actedLastHour`: distinct devices the rule acted on in the last hour (from the database).
 */
export function planTriggers(input: {
  spec: RuleActionSpec;
  wants: readonly Want[];
  prior: readonly PriorAction[];
  actedLastHour: ReadonlySet<number>;
  devices: ReadonlyMap<number, DeviceFacts>;
}): Decision[] {
  const { spec } = input;
  const dealt = new Set<string>();
  const limitedBefore = new Set<string>();
  for (const p of input.prior) {
    if (p.kind === 'resume') continue;
    if (p.outcome === 'rate_limited') limitedBefore.add(pair(p.alertId, p.deviceId));
    else dealt.add(pair(p.alertId, p.deviceId));
  }
  const acted = new Set(input.actedLastHour);
  const out: Decision[] = [];
  const wants = [...input.wants].sort((a, b) => a.alertId - b.alertId || a.deviceId - b.deviceId);
  for (const w of wants) {
    const key = pair(w.alertId, w.deviceId);
    if (dealt.has(key)) continue;
    dealt.add(key);
    const base = {
      alertId: w.alertId,
      deviceId: w.deviceId,
      kind: spec.kind,
      subjectKey: w.subjectKey,
      value: w.value,
    };
    const d = input.devices.get(w.deviceId);
    const skip = (reason: string) => out.push({ ...base, outcome: 'skipped', via: null, reason });
    if (!d) {
      skip('device no longer exists');
      continue;
    }
    if (d.intentional) {
      skip('curtailed, idle or in maintenance on purpose: left alone');
      continue;
    }
    const via = viaFor(spec, d);
    if (!via) {
      skip(`no collector attached: ${spec.kind} needs the device's endpoint`);
      continue;
    }
    if (!acted.has(d.id) && acted.size >= spec.maxDevicesPerHour) {
      if (!limitedBefore.has(key))
        out.push({
          ...base,
          outcome: 'rate_limited',
          via: null,
          reason: `rate limit: ${spec.maxDevicesPerHour} devices per hour reached`,
        });
      continue;
    }
    acted.add(d.id);
    out.push({ ...base, outcome: 'requested', via, reason: null });
  }
  return out;
}

/**
 * Resumes for devices the rule curtailed whose alert no longer lists them (cleared or resolved).
 * A device whose assignment changed since (a person or a plan took it over) is left as it is.
 */
export function planResumes(input: {
  curtailed: readonly PriorAction[];
  stillWanted: ReadonlySet<string>;
  devices: ReadonlyMap<number, DeviceFacts>;
}): Decision[] {
  const out: Decision[] = [];
  for (const c of input.curtailed) {
    if (input.stillWanted.has(pair(c.alertId, c.deviceId))) continue;
    const d = input.devices.get(c.deviceId);
    const base = {
      alertId: c.alertId,
      deviceId: c.deviceId,
      kind: 'resume' as const,
      subjectKey: null,
      value: null,
    };
    if (!d) out.push({ ...base, outcome: 'skipped', via: null, reason: 'device no longer exists' });
    else if (c.assignmentId !== null && d.currentAssignmentId !== c.assignmentId)
      out.push({
        ...base,
        outcome: 'skipped',
        via: null,
        reason: 'its workload changed since the rule curtailed it: left as it is',
      });
    else
      out.push({
        ...base,
        outcome: 'requested',
        via: d.remote ? 'remote_action' : 'assignment',
        reason: null,
      });
  }
  return out;
}

export { pair as wantKey };
