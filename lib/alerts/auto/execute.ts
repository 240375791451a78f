// Carries out one reserved rule action through the same paths a person uses: remote actions
// (lib/actions requestAction: executor, confirmation by telemetry, audit) where a collector can
// reach the device, and assignments (lib/workloads, source "rule") that record the curtailment or
// pool change in the device's history — which is also what makes a curtailed device "curtailed on
// purpose" for the hashrate and offline rules.
import { requestAction } from '../../actions/requests';
import type { Actor } from '../../auth/actor';
import { assignWorkload } from '../../workloads/assignments';
import { releaseAssignment } from '../../workloads/rows';
import type { Rule } from '../types';
import type { Decision } from './plan';

/** Who a rule's actions are recorded as (audit, assignment history, action requester). */
export function ruleActor(rule: Pick<Rule, 'id' | 'name'>): Actor {
  return {
    kind: 'system',
    id: null,
    name: `rule:${rule.id} ${rule.name}`.slice(0, 200),
    role: 'admin',
    tenantId: null,
  };
}

export type PreviousWorkload = { kind: string; poolId: number | null } | null;

export type DeviceWire = {
  remote: boolean;
  /** The pool profile the device is assigned to now and the URL it reports mining on. */
  poolId: number | null;
  activePoolUrl: string | null;
  poolUrls: string[] | null;
};

export type Executed = { actionId: number | null; assignmentId: number | null };

async function assign(
  actor: Actor,
  deviceId: number,
  workload: Parameters<typeof assignWorkload>[1]['workload'],
  reason: string,
  now: number,
) {
  const res = await assignWorkload(actor, { deviceIds: [deviceId], workload, source: 'rule', reason }, now);
  const r = res.results[0];
  if (!r?.ok) throw new Error(`assignment refused: ${r?.reason ?? 'unknown'}`);
  return r.assignmentId ?? null;
}

/** Which URL of the device's own profile is the failover: the one after the URL it mines on. */
export function failoverIndex(urls: string[], activeUrl: string | null): number {
  const norm = (u: string) => u.trim().toLowerCase().replace(/\/+$/, '');
  const at = activeUrl === null ? -1 : urls.findIndex((u) => norm(u) === norm(activeUrl));
  return urls.length === 0 ? -1 : (at + 1) % urls.length;
}

export async function executeDecision(
  rule: Rule,
  d: Decision,
  wire: DeviceWire,
  context: { ruleActionId: number; previous: PreviousWorkload; curtailAssignmentId: number | null },
  now: number,
): Promise<Executed> {
  const actor = ruleActor(rule);
  const spec = rule.action!;
  const reason = `rule ${rule.id} (${rule.name}), alert ${d.alertId}`;
  const audit = { ruleId: rule.id, alertId: d.alertId, ruleActionId: context.ruleActionId };
  const remote = (action: 'pause' | 'resume' | 'reboot') =>
    requestAction(actor, d.deviceId, { action }, now, { audit }).then((r) => r.id);
  switch (d.kind) {
    case 'curtail': {
      const assignmentId = await assign(actor, d.deviceId, { kind: 'curtail' }, reason, now);
      const actionId = wire.remote ? await remote('pause') : null;
      return { actionId, assignmentId };
    }
    case 'resume': {
      const prev = context.previous;
      let assignmentId: number | null = null;
      if (prev?.kind === 'pool' && prev.poolId !== null)
        assignmentId = await assign(
          actor,
          d.deviceId,
          { kind: 'pool', poolId: prev.poolId },
          `${reason} cleared`,
          now,
        );
      else if (context.curtailAssignmentId !== null)
        await releaseAssignment(context.curtailAssignmentId, now);
      const actionId = wire.remote ? await remote('resume') : null;
      return { actionId, assignmentId };
    }
    case 'reboot':
      return { actionId: await remote('reboot'), assignmentId: null };
    case 'switchPool': {
      let assignmentId: number | null = null;
      if (spec.poolId != null)
        assignmentId = await assign(actor, d.deviceId, { kind: 'pool', poolId: spec.poolId }, reason, now);
      if (!wire.remote) return { actionId: null, assignmentId };
      const poolId = spec.poolId ?? wire.poolId;
      if (poolId === null)
        throw new Error('no pool profile to fail over to: the device has no pool assignment');
      const index = spec.poolId != null ? 0 : failoverIndex(wire.poolUrls ?? [], wire.activePoolUrl);
      if (index < 0) throw new Error('the pool profile has no URL');
      const r = await requestAction(actor, d.deviceId, { action: 'switchPool', poolId }, now, {
        poolUrlIndex: index,
        audit,
      });
      return { actionId: r.id, assignmentId };
    }
  }
}
