// The 24 h dry run of a rule's automatic action, pure: the replayed alerts step by step in, the
// same planners as the stored tick (plan.ts) with the same rolling-hour rate limit, and a log of
// what the rule would have done to which device out.
import type { AlertState, RuleActionSpec } from '../types';
import {
  type AutoKind,
  type Decision,
  type DeviceFacts,
  type Outcome,
  type PriorAction,
  planResumes,
  planTriggers,
  RATE_WINDOW_MS,
  type Via,
  type Want,
  wantKey,
} from './plan';

export type SimulatedAction = {
  at: number;
  /** Replayed alert number (1 = the first alert the rule would have raised). */
  alertNo: number;
  deviceId: number;
  kind: AutoKind;
  outcome: Outcome;
  via: Via | null;
  reason: string | null;
  value: number | string | null;
};

/** The devices each open alert lists after a step, as the stored tick reads them. */
export function wantsAt(alerts: readonly AlertState[]): Want[] {
  const out: Want[] = [];
  for (const a of alerts) {
    if (a.status === 'resolved' || a.id === null) continue;
    for (const m of a.members) {
      if (m.clearedAt !== null) continue;
      for (const deviceId of m.deviceIds)
        out.push({ alertId: a.id, deviceId, subjectKey: m.subjectKey, value: m.value });
    }
  }
  return out;
}

export class ActionSimulator {
  readonly log: SimulatedAction[] = [];
  private prior: PriorAction[] = [];
  private curtailed: PriorAction[] = [];
  private assignment = new Map<number, number | null>();
  private nextAssignment = 1;

  constructor(
    private readonly spec: RuleActionSpec,
    private readonly reach: ReadonlyMap<number, { remote: boolean }>,
  ) {}

  private facts(): Map<number, DeviceFacts> {
    const out = new Map<number, DeviceFacts>();
    for (const [id, r] of this.reach)
      out.set(id, {
        id,
        remote: r.remote,
        intentional: false,
        currentAssignmentId: this.assignment.get(id) ?? null,
      });
    return out;
  }

  step(at: number, alerts: readonly AlertState[]) {
    const wants = wantsAt(alerts);
    const acted = new Set(
      this.log
        .filter((l) => l.outcome === 'requested' && l.kind !== 'resume' && l.at > at - RATE_WINDOW_MS)
        .map((l) => l.deviceId),
    );
    const devices = this.facts();
    const decisions: Decision[] = [
      ...planTriggers({ spec: this.spec, wants, prior: this.prior, actedLastHour: acted, devices }),
      ...planResumes({
        curtailed: this.curtailed,
        stillWanted: new Set(wants.map((w) => wantKey(w.alertId, w.deviceId))),
        devices,
      }),
    ];
    for (const d of decisions) {
      let assignmentId: number | null = null;
      if (d.outcome === 'requested' && d.kind === 'curtail') {
        assignmentId = this.nextAssignment++;
        this.assignment.set(d.deviceId, assignmentId);
      }
      const row: PriorAction = {
        alertId: d.alertId,
        deviceId: d.deviceId,
        kind: d.kind,
        outcome: d.outcome,
        assignmentId,
      };
      if (d.kind === 'resume') {
        this.curtailed = this.curtailed.filter(
          (c) => wantKey(c.alertId, c.deviceId) !== wantKey(d.alertId, d.deviceId),
        );
        if (d.outcome === 'requested') this.assignment.set(d.deviceId, null);
      } else this.prior.push(row);
      if (d.kind === 'curtail' && d.outcome === 'requested') this.curtailed.push(row);
      this.log.push({
        at,
        alertNo: d.alertId,
        deviceId: d.deviceId,
        kind: d.kind,
        outcome: d.outcome,
        via: d.via,
        reason: d.reason,
        value: d.value,
      });
    }
  }
}
