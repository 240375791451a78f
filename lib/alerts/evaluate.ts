// One evaluation tick, pure: rules × subjects + the remembered conditions and alerts in, the new
// conditions, the alerts that changed and their events out. No I/O, no clock: `now` is given.
import { readRule } from './condition';
import { groupKeyOf, inScope, isSilenced } from './scope';
import type { AlertEvent, AlertMember, AlertState, Condition, Rule, Silence, Subject } from './types';

export type TickInput = {
  now: number;
  rules: readonly Rule[];
  subjects: readonly Subject[];
  conditions: readonly Condition[];
  /** Open alerts and the latest resolved alert of each group (for cooldown). */
  alerts: readonly AlertState[];
  silences: readonly Silence[];
};

export type TickOutput = {
  /** Conditions that hold after this tick (the complete set: absent ones are dropped). */
  conditions: Condition[];
  /** Alerts created or changed this tick; events index into this list. */
  alerts: AlertState[];
  events: AlertEvent[];
};

const condKey = (ruleId: number, subjectKey: string) => `${ruleId}|${subjectKey}`;
const isOpen = (a: AlertState) => a.status !== 'resolved';

export function evaluateTick(input: TickInput): TickOutput {
  const { now } = input;
  const previous = new Map(input.conditions.map((c) => [condKey(c.ruleId, c.subjectKey), c]));
  const next = new Map<string, Condition>();
  const byGroup = new Map<string, AlertState>();
  for (const a of input.alerts) {
    const seen = byGroup.get(a.groupKey);
    if (!seen || (isOpen(a) && !isOpen(seen)) || (isOpen(a) === isOpen(seen) && a.firedAt > seen.firedAt)) {
      byGroup.set(a.groupKey, a);
    }
  }
  const changed: AlertState[] = [];
  const index = new Map<AlertState, number>();
  const events: AlertEvent[] = [];

  /** A copy of the alert that this tick may change, listed once in the output. */
  const touch = (a: AlertState): AlertState => {
    if (index.has(a)) return a;
    const copy: AlertState = { ...a, members: a.members.map((m) => ({ ...m })) };
    index.set(copy, changed.length);
    changed.push(copy);
    byGroup.set(copy.groupKey, copy);
    return copy;
  };
  const emit = (a: AlertState, e: Omit<AlertEvent, 'alert' | 'ts'>) =>
    events.push({ alert: index.get(a) as number, ts: now, ...e });

  const join = (rule: Rule, s: Subject, value: AlertMember['value']) => {
    const groupKey = groupKeyOf(rule, s);
    const current = byGroup.get(groupKey);
    const member = () => ({
      subjectKey: s.key,
      deviceIds: s.deviceIds,
      firedAt: now,
      clearedAt: null,
      value,
    });
    if (current && isOpen(current)) {
      const existing = current.members.find((m) => m.subjectKey === s.key);
      if (existing && existing.clearedAt === null) {
        followDevices(current, existing, s);
        return;
      }
      const a = touch(current);
      a.members = a.members.filter((m) => m.subjectKey !== s.key);
      a.members.push(member());
      emit(a, { kind: 'joined', subjectKey: s.key, value });
      return;
    }
    const cooldownMs = (rule.cooldownS ?? 0) * 1000;
    if (current && current.resolvedAt !== null && now < current.resolvedAt + cooldownMs) {
      // Flapping inside the cooldown re-opens the same alert instead of raising (and notifying) a new one.
      const a = touch(current);
      a.status = 'firing';
      a.resolvedAt = null;
      a.members = a.members.filter((m) => m.subjectKey !== s.key);
      a.members.push(member());
      emit(a, { kind: 'reopened', subjectKey: s.key, value });
      return;
    }
    const a = touch({
      id: null,
      ruleId: rule.id,
      groupKey,
      status: 'firing',
      severity: rule.severity,
      firedAt: now,
      resolvedAt: null,
      members: [member()],
    });
    emit(a, { kind: 'fired', subjectKey: s.key, value });
  };

  /**
   * A member that keeps firing follows its subject's current devices (a site's least efficient
   * running model changes, its devices come and go): newcomers join with their own time, leavers
   * keep their span in `departed`. An empty list is not followed: the alert keeps its last devices.
   */
  const followDevices = (current: AlertState, existing: AlertMember, s: Subject) => {
    if (s.deviceIds.length === 0) return;
    const had = new Set(existing.deviceIds);
    const has = new Set(s.deviceIds);
    const added = s.deviceIds.filter((d) => !had.has(d));
    const removed = existing.deviceIds.filter((d) => !has.has(d));
    if (added.length === 0 && removed.length === 0) return;
    const a = touch(current);
    const m = a.members.find((x) => x.subjectKey === s.key) as AlertMember;
    const firedAt: Record<number, number> = { ...m.deviceFiredAt };
    let departed = [...(m.departed ?? [])];
    for (const d of removed) {
      departed.push({ deviceId: d, firedAt: firedAt[d] ?? m.firedAt, clearedAt: now });
      delete firedAt[d];
      emit(a, { kind: 'device_left', subjectKey: `d:${d}` });
    }
    for (const d of added) {
      firedAt[d] = now;
      departed = departed.filter((x) => x.deviceId !== d);
      emit(a, { kind: 'device_joined', subjectKey: `d:${d}` });
    }
    m.deviceIds = [...s.deviceIds];
    m.deviceFiredAt = firedAt;
    m.departed = departed;
  };

  for (const rule of input.rules) {
    if (!rule.enabled) continue;
    const forMs = rule.forS * 1000;
    for (const s of input.subjects) {
      if (!inScope(rule.scope, s)) continue;
      const key = condKey(rule.id, s.key);
      const before = previous.get(key);
      const r = readRule(rule, s);
      let cond: Condition | undefined;
      if (before?.firing) {
        cond = r.clears ? undefined : before;
      } else if (r.holds) {
        const sinceTs = before?.sinceTs ?? now;
        cond = { ruleId: rule.id, subjectKey: s.key, sinceTs, firing: now - sinceTs >= forMs };
      }
      if (!cond) continue;
      next.set(key, cond);
      if (cond.firing && !isSilenced(input.silences, rule, s, now)) join(rule, s, r.value);
    }
  }

  // Members whose condition no longer fires (cleared, rule disabled, device gone) leave; an alert
  // with no member left resolves.
  for (const original of [...byGroup.values()]) {
    if (!isOpen(original)) continue;
    const gone = original.members.filter(
      (m) => m.clearedAt === null && !next.get(condKey(original.ruleId, m.subjectKey))?.firing,
    );
    if (gone.length === 0) continue;
    const a = touch(original);
    for (const m of a.members) {
      if (m.clearedAt !== null || next.get(condKey(a.ruleId, m.subjectKey))?.firing) continue;
      m.clearedAt = now;
      emit(a, { kind: 'cleared', subjectKey: m.subjectKey });
    }
    if (a.members.every((m) => m.clearedAt !== null)) {
      a.status = 'resolved';
      a.resolvedAt = now;
      emit(a, { kind: 'resolved' });
    }
  }
  return { conditions: [...next.values()], alerts: changed, events };
}
