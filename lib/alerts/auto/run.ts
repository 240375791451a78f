// The stored side of automatic actions, run after each evaluation tick. Per rule with an action:
// reserve the decisions in rule_action inside one transaction that holds the rule's row lock on
// PostgreSQL (SQLite: BEGIN IMMEDIATE), so the rate limit — distinct devices in rule_action over
// the last hour — is counted from the database and holds across instances; then carry each
// reserved action out and record what it became (action id, assignment id, or the failure).
import type pg from 'pg';
import { isSimulatedDevice } from '../../actions/simulated';
import { recordAudit } from '../../audit/record';
import { execute, join, queryRows, sql, withRawTransaction } from '../../db/raw';
import { getEnv } from '../../env';
import type { AlertState, Rule, Subject } from '../types';
import { type DeviceWire, executeDecision, type PreviousWorkload, ruleActor } from './execute';
import {
  type Decision,
  type DeviceFacts,
  type PriorAction,
  planResumes,
  planTriggers,
  RATE_WINDOW_MS,
  type Want,
  wantKey,
} from './plan';

export type AutoSummary = { requested: number; rateLimited: number; skipped: number; failed: number };

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function wantsOf(rule: Rule, alerts: readonly (AlertState & { id: number })[]): Want[] {
  const out: Want[] = [];
  for (const a of alerts) {
    if (a.ruleId !== rule.id || a.status === 'resolved') continue;
    for (const m of a.members) {
      if (m.clearedAt !== null) continue;
      for (const deviceId of m.deviceIds)
        out.push({ alertId: a.id, deviceId, subjectKey: m.subjectKey, value: m.value });
    }
  }
  return out;
}

const toPrior = (r: Row): PriorAction & { id: number; firedValues: string } => ({
  id: Number(r.id),
  alertId: Number(r.alert_id),
  deviceId: Number(r.device_id),
  kind: r.kind as PriorAction['kind'],
  outcome: r.outcome as PriorAction['outcome'],
  assignmentId: num(r.assignment_id),
  firedValues: String(r.fired_values),
});

export async function loadWire(ids: number[], client: pg.PoolClient | undefined) {
  const out = new Map<number, DeviceWire & { assignmentId: number | null; workloadKind: string | null }>();
  for (const part of chunks(ids)) {
    const rows = await queryRows(
      sql`SELECT d.id, CAST(d.protocol AS TEXT) AS protocol, d.host, d.port, w.assignment_id, CAST(w.kind AS TEXT) AS wkind,
            w.pool_id, p.urls, l.pool_url
          FROM device d LEFT JOIN device_workload w ON w.device_id = d.id
            LEFT JOIN pool_profile p ON p.id = w.pool_id LEFT JOIN device_latest l ON l.device_id = d.id
          WHERE d.id IN (${join(part)})`,
      client,
    );
    for (const r of rows) {
      const protocol = String(r.protocol);
      const reachable = (protocol === 'cgminer' || protocol === 'axeos') && r.host != null && r.port != null;
      out.set(Number(r.id), {
        remote: reachable || isSimulatedDevice(protocol),
        assignmentId: num(r.assignment_id),
        workloadKind: (r.wkind as string | null) ?? null,
        poolId: num(r.pool_id),
        poolUrls: r.urls ? (JSON.parse(String(r.urls)) as string[]) : null,
        activePoolUrl: (r.pool_url as string | null) ?? null,
      });
    }
  }
  return out;
}

type Reserved = {
  id: number;
  decision: Decision;
  previous: PreviousWorkload;
  curtailAssignmentId: number | null;
};

/** Decides and records (in one locked transaction) what the rule does this tick. */
async function reserve(
  rule: Rule,
  alerts: readonly (AlertState & { id: number })[],
  intentional: ReadonlyMap<number, boolean>,
  now: number,
) {
  const spec = rule.action!;
  const wants = rule.enabled ? wantsOf(rule, alerts) : [];
  const openIds = [...new Set(wants.map((w) => w.alertId))];
  return withRawTransaction(async (client) => {
    if (getEnv().db.provider === 'postgresql')
      await queryRows(sql`SELECT id FROM alert_rule WHERE id = ${rule.id} FOR UPDATE`, client);
    const prior: ReturnType<typeof toPrior>[] = [];
    for (const part of chunks(openIds)) {
      const rows = await queryRows(
        sql`SELECT * FROM rule_action WHERE rule_id = ${rule.id} AND alert_id IN (${join(part)}) AND kind <> 'resume'`,
        client,
      );
      prior.push(...rows.map(toPrior));
    }
    const curtailed =
      spec.kind === 'curtail'
        ? (
            await queryRows(
              sql`SELECT * FROM rule_action c WHERE c.rule_id = ${rule.id} AND c.kind = 'curtail' AND c.outcome = 'requested'
                  AND NOT EXISTS (SELECT 1 FROM rule_action r WHERE r.rule_id = c.rule_id AND r.alert_id = c.alert_id
                    AND r.device_id = c.device_id AND r.kind = 'resume' AND r.id > c.id)`,
              client,
            )
          ).map(toPrior)
        : [];
    const acted = await queryRows(
      sql`SELECT DISTINCT device_id FROM rule_action WHERE rule_id = ${rule.id} AND outcome = 'requested'
          AND kind <> 'resume' AND created_at > ${now - RATE_WINDOW_MS}`,
      client,
    );
    const wire = await loadWire([...new Set([...wants, ...curtailed].map((w) => w.deviceId))], client);
    const facts = new Map<number, DeviceFacts>();
    for (const [id, w] of wire)
      facts.set(id, {
        id,
        remote: w.remote,
        intentional: intentional.get(id) ?? false,
        currentAssignmentId: w.assignmentId,
      });
    const decisions = [
      ...planTriggers({
        spec,
        wants,
        prior,
        actedLastHour: new Set(acted.map((r) => Number(r.device_id))),
        devices: facts,
      }),
      ...planResumes({
        curtailed,
        stillWanted: new Set(wants.map((w) => wantKey(w.alertId, w.deviceId))),
        devices: facts,
      }),
    ];
    const curtailOf = new Map(curtailed.map((c) => [wantKey(c.alertId, c.deviceId), c]));
    const reserved: Reserved[] = [];
    for (const d of decisions) {
      const w = wire.get(d.deviceId);
      const c = d.kind === 'resume' ? curtailOf.get(wantKey(d.alertId, d.deviceId)) : undefined;
      const previous: PreviousWorkload =
        d.kind === 'curtail' && w
          ? w.workloadKind
            ? { kind: w.workloadKind, poolId: w.poolId }
            : null
          : null;
      const firedValues = JSON.stringify(
        d.kind === 'resume'
          ? {
              metric: rule.metric,
              op: rule.op,
              threshold: rule.threshold,
              cleared: true,
              curtailId: c?.id ?? null,
            }
          : {
              metric: rule.metric,
              op: rule.op,
              threshold: rule.threshold,
              value: d.value,
              subjectKey: d.subjectKey,
              previous,
            },
      );
      const rows = await queryRows(
        sql`INSERT INTO rule_action (rule_id, alert_id, device_id, kind, outcome, via, reason, fired_values, created_at)
            VALUES (${rule.id}, ${d.alertId}, ${d.deviceId}, ${d.kind}, ${d.outcome}, ${d.via}, ${d.reason}, ${firedValues}, ${now})
            RETURNING id`,
        client,
      );
      const prevOfCurtail = c
        ? ((JSON.parse(c.firedValues) as { previous?: PreviousWorkload }).previous ?? null)
        : null;
      reserved.push({
        id: Number(rows[0]!.id),
        decision: d,
        previous: d.kind === 'resume' ? prevOfCurtail : previous,
        curtailAssignmentId: c?.assignmentId ?? null,
      });
    }
    return { reserved, wire };
  });
}

/** Runs every rule's automatic action once; `alerts` is the alert state after this tick. */
export async function runRuleActions(
  now: number,
  rules: readonly Rule[],
  alerts: readonly (AlertState & { id: number })[],
  subjects: readonly Subject[],
): Promise<AutoSummary> {
  const summary: AutoSummary = { requested: 0, rateLimited: 0, skipped: 0, failed: 0 };
  const withAction = rules.filter((r) => r.action);
  if (withAction.length === 0) return summary;
  const intentional = new Map<number, boolean>();
  for (const s of subjects) if (s.kind === 'device') intentional.set(s.deviceIds[0]!, s.intentional);
  for (const rule of withAction) {
    // A disabled rule starts nothing; only a curtail rule still has something to undo.
    if (!rule.enabled && rule.action!.kind !== 'curtail') continue;
    const { reserved, wire } = await reserve(rule, alerts, intentional, now);
    for (const r of reserved) {
      const d = r.decision;
      if (d.outcome === 'rate_limited') summary.rateLimited++;
      if (d.outcome === 'skipped') summary.skipped++;
      if (d.outcome !== 'requested') continue;
      const w = wire.get(d.deviceId)!;
      try {
        const done = await executeDecision(
          rule,
          d,
          w,
          { ruleActionId: r.id, previous: r.previous, curtailAssignmentId: r.curtailAssignmentId },
          now,
        );
        await execute(
          sql`UPDATE rule_action SET action_id = ${done.actionId}, assignment_id = ${done.assignmentId} WHERE id = ${r.id}`,
        );
        summary.requested++;
        await recordAudit(ruleActor(rule), `alert_rule.action.${d.kind}`, `device:${d.deviceId}`, {
          ruleId: rule.id,
          alertId: d.alertId,
          ruleActionId: r.id,
          via: d.via,
          actionId: done.actionId,
          assignmentId: done.assignmentId,
          metric: rule.metric,
          op: rule.op,
          threshold: rule.threshold,
          value: d.value,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await execute(
          sql`UPDATE rule_action SET outcome = 'failed', reason = ${reason.slice(0, 1000)} WHERE id = ${r.id}`,
        );
        summary.failed++;
      }
    }
  }
  return summary;
}
