// One stored evaluation tick: load state, evaluate (pure), write what changed and the
// notifications it causes in one transaction. Run by the `alerts` background job.
import type pg from 'pg';
import { getDb } from '../db/client';
import { execute, join, sql, withRawTransaction } from '../db/raw';
import { emitEvent } from '../webhooks/emit';
import { type AutoSummary, runRuleActions } from './auto/run';
import { evaluateTick } from './evaluate';
import { loadSubjects } from './load-subjects';
import { type AlertMessage, type Target, targetWants } from './notify/message';
import { ruleFromRow } from './rules';
import { loadActiveSilences, loadConditions, loadLiveAlerts, saveAlert, saveConditions } from './state-store';
import type { AlertState, Metric, Rule, Subject } from './types';

export type TickSummary = {
  rules: number;
  subjects: number;
  changed: number;
  events: number;
  notifications: number;
  /** Automatic actions of rules (lib/alerts/auto) this tick. */
  actions: AutoSummary;
};

export async function loadTargets(): Promise<Target[]> {
  const rows = await getDb().notificationTarget.findMany({ where: { enabled: true } });
  return rows.map((t) => ({
    id: t.id,
    kind: t.kind as Target['kind'],
    address: t.address,
    minSeverity: t.minSeverity as Target['minSeverity'],
    ruleIds: t.ruleIds ? (JSON.parse(t.ruleIds) as number[]) : null,
    enabled: t.enabled,
  }));
}

async function enqueue(
  client: pg.PoolClient | undefined,
  targets: Target[],
  rule: Rule | undefined,
  alert: AlertState & { id: number },
  event: AlertMessage['event'],
  now: number,
) {
  if (!rule) return 0;
  const wanted = targets.filter((t) => targetWants(t, rule.id, alert.severity));
  if (wanted.length === 0) return 0;
  const message: AlertMessage = {
    alertId: alert.id,
    event,
    ruleId: rule.id,
    ruleName: rule.name,
    severity: alert.severity,
    deviceIds: alert.members.flatMap((m) => m.deviceIds).sort((a, b) => a - b),
    value: alert.members[0]?.value ?? null,
    ts: now,
  };
  // The message is stored as data (rendered per channel on delivery), so a rule renamed later
  // does not rewrite a queued notification.
  const payload = JSON.stringify(message);
  // "Resolved" waits out the rule's cooldown: a flap that re-opens the alert inside it withdraws
  // the message, so a flapping sensor sends one "fired" and, once it settles, one "resolved".
  const dueAt = event === 'resolved' ? now + (rule.cooldownS ?? 0) * 1000 : now;
  const rows = wanted.map(
    (t) => sql`(${t.id}, ${alert.id}, ${event}, ${payload}, 'pending', 0, ${dueAt}, ${now})`,
  );
  await execute(
    sql`INSERT INTO notification_outbox (target_id, alert_id, event, payload, status, attempts, next_attempt_at, created_at)
        VALUES ${join(rows)}`,
    client,
  );
  return wanted.length;
}

/** Evaluates every enabled rule once at `now`. Notification delivery is a separate job. */
export async function runAlertsTick(now: number, preloaded?: { subjects?: Subject[] }): Promise<TickSummary> {
  const rules = (await getDb().alertRule.findMany()).map(ruleFromRow);
  const enabled = rules.filter((r) => r.enabled);
  const metrics = new Set<Metric>(enabled.map((r) => r.metric));
  const maxCooldownMs = Math.max(0, ...rules.map((r) => (r.cooldownS ?? 0) * 1000));
  const [conditions, alerts, silences, subjects, targets] = await Promise.all([
    loadConditions(),
    loadLiveAlerts(now, maxCooldownMs),
    loadActiveSilences(now),
    preloaded?.subjects ?? loadSubjects(now, metrics),
    loadTargets(),
  ]);
  const out = evaluateTick({ now, rules: enabled, subjects, conditions, alerts, silences });
  const before = new Map(alerts.map((a) => [a.id, a]));
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  let notifications = 0;
  const ids: number[] = [];
  await withRawTransaction(async (client) => {
    await saveConditions(conditions, out.conditions, client);
    for (const a of out.alerts) {
      ids.push(await saveAlert(a, a.id === null ? undefined : before.get(a.id), client));
    }
    if (out.events.length) {
      const rows = out.events.map(
        (e) =>
          sql`(${ids[e.alert]}, ${e.ts}, ${e.kind}, ${e.subjectKey ?? null}, ${e.value === undefined || e.value === null ? null : JSON.stringify(e.value)})`,
      );
      for (let i = 0; i < rows.length; i += 400) {
        await execute(
          sql`INSERT INTO alert_event (alert_id, ts, kind, subject_key, value) VALUES ${join(rows.slice(i, i + 400))}`,
          client,
        );
      }
    }
    // Fired and resolved notify; a re-open inside the cooldown withdraws the pending "resolved".
    for (const e of out.events) {
      if (e.kind === 'reopened') {
        await execute(
          sql`UPDATE notification_outbox SET status = 'withdrawn'
              WHERE alert_id = ${ids[e.alert]} AND event = 'resolved' AND status = 'pending'`,
          client,
        );
        continue;
      }
      if (e.kind !== 'fired' && e.kind !== 'resolved') continue;
      const a = out.alerts[e.alert] as AlertState;
      const stored = { ...a, id: ids[e.alert] as number };
      notifications += await enqueue(client, targets, ruleById.get(a.ruleId), stored, e.kind, now);
      const rule = ruleById.get(a.ruleId);
      await emitEvent(
        client,
        e.kind === 'fired' ? 'alert.fired' : 'alert.resolved',
        {
          alertId: stored.id,
          ruleId: a.ruleId,
          ruleName: rule?.name ?? null,
          severity: a.severity,
          deviceIds: a.members.flatMap((m) => m.deviceIds).sort((x, y) => x - y),
          value: a.members[0]?.value ?? null,
        },
        now,
      );
    }
  });
  // Automatic actions run after the alert state is committed: a device that cannot be reached
  // must not roll back (or hold up) the alerts themselves.
  let actions: AutoSummary = { requested: 0, rateLimited: 0, skipped: 0, failed: 0 };
  if (rules.some((r) => r.action)) {
    const after = new Map(alerts.map((a) => [a.id as number, a as AlertState & { id: number }]));
    out.alerts.forEach((a, i) => {
      after.set(ids[i]!, { ...a, id: ids[i]! });
    });
    actions = await runRuleActions(now, rules, [...after.values()], subjects);
  }
  return {
    rules: enabled.length,
    subjects: subjects.length,
    changed: out.alerts.length,
    events: out.events.length,
    notifications,
    actions,
  };
}
