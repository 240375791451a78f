// What rules did for one alert, for its timeline: each rule_action row with the remote action's
// status (pending → confirmed | failed | timed_out | refused) where one was sent.
import { queryRows, sql } from '../../db/raw';

export type RuleActionView = {
  id: number;
  ts: string;
  ruleId: number;
  deviceId: number;
  deviceName: string | null;
  kind: 'curtail' | 'resume' | 'reboot' | 'switchPool';
  outcome: 'requested' | 'rate_limited' | 'skipped' | 'failed';
  via: 'remote_action' | 'assignment' | null;
  reason: string | null;
  /** The values that fired it: metric, op, threshold, value (and the workload it replaced). */
  firedValues: Record<string, unknown>;
  assignmentId: number | null;
  action: { id: number; status: string; reason: string | null } | null;
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** `deviceIds`: the devices the caller may see (a hosting client's), or null for staff. */
export async function listAlertRuleActions(
  alertId: number,
  deviceIds: ReadonlySet<number> | null,
): Promise<RuleActionView[]> {
  const rows = await queryRows(sql`
    SELECT r.*, d.name AS device_name, a.status AS action_status, a.reason AS action_reason
    FROM rule_action r LEFT JOIN device d ON d.id = r.device_id LEFT JOIN device_action a ON a.id = r.action_id
    WHERE r.alert_id = ${alertId} ORDER BY r.created_at, r.id`);
  return rows
    .filter((r) => deviceIds === null || deviceIds.has(Number(r.device_id)))
    .map((r) => ({
      id: Number(r.id),
      ts: new Date(Number(r.created_at)).toISOString(),
      ruleId: Number(r.rule_id),
      deviceId: Number(r.device_id),
      deviceName: (r.device_name as string | null) ?? null,
      kind: r.kind as RuleActionView['kind'],
      outcome: r.outcome as RuleActionView['outcome'],
      via: (r.via as RuleActionView['via']) ?? null,
      reason: (r.reason as string | null) ?? null,
      firedValues: JSON.parse(String(r.fired_values)) as Record<string, unknown>,
      assignmentId: num(r.assignment_id),
      action:
        r.action_id == null
          ? null
          : {
              id: Number(r.action_id),
              status: String(r.action_status),
              reason: (r.action_reason as string | null) ?? null,
            },
    }));
}
