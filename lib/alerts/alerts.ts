// Alert reads and acknowledgement. Hosting clients see only alerts that list their devices,
// and only their devices in them.

import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { empty, execute, join, queryRows, type Sql, sql, withRawTransaction } from '../db/raw';
import { conflict, notFound } from '../errors';
import { listAlertRuleActions, type RuleActionView } from './auto/history';
import type { AlertsQuery } from './schemas';
import type { AlertStatus, Severity } from './types';

export type AlertDeviceView = {
  id: number;
  name: string;
  siteId: number;
  rackId: number | null;
  firedAt: string;
  clearedAt: string | null;
  value: number | string | null;
};

export type AlertView = {
  id: number;
  ruleId: number;
  ruleName: string | null;
  /** The rule's metric (null once the rule is deleted): which detail the alert deserves, e.g. GPU XID. */
  metric: string | null;
  status: AlertStatus;
  severity: Severity;
  devices: AlertDeviceView[];
  firedAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  ackNote?: string;
  resolvedAt?: string;
};

export type AlertEventView = {
  id: number;
  ts: string;
  kind: string;
  subjectKey: string | null;
  value: number | string | null;
  actor: string | null;
  note: string | null;
};

const iso = (v: unknown) => new Date(Number(v)).toISOString();
const tenantDevice = (actor: Actor): Sql =>
  actor.tenantId === null ? empty : sql`AND d.tenant_id = ${actor.tenantId}`;

function tenantAlert(actor: Actor): Sql {
  return actor.tenantId === null
    ? empty
    : sql`AND EXISTS (SELECT 1 FROM alert_device ad JOIN device d ON d.id = ad.device_id
                      WHERE ad.alert_id = a.id AND d.tenant_id = ${actor.tenantId})`;
}

async function withDevices(actor: Actor, rows: Record<string, unknown>[]): Promise<AlertView[]> {
  if (rows.length === 0) return [];
  const devices = await queryRows(sql`
    SELECT ad.alert_id, ad.device_id, d.name, d.site_id, d.rack_id, ad.fired_at, ad.cleared_at, ad.value
    FROM alert_device ad JOIN device d ON d.id = ad.device_id
    WHERE ad.alert_id IN (${join(rows.map((r) => Number(r.id)))}) ${tenantDevice(actor)}
    ORDER BY ad.alert_id, ad.device_id`);
  const byAlert = new Map<number, AlertDeviceView[]>();
  for (const d of devices) {
    const list = byAlert.get(Number(d.alert_id)) ?? [];
    byAlert.set(Number(d.alert_id), list);
    list.push({
      id: Number(d.device_id),
      name: String(d.name),
      siteId: Number(d.site_id),
      rackId: d.rack_id === null ? null : Number(d.rack_id),
      firedAt: iso(d.fired_at),
      clearedAt: d.cleared_at === null ? null : iso(d.cleared_at),
      value: d.value === null ? null : JSON.parse(String(d.value)),
    });
  }
  return rows.map((r) => ({
    id: Number(r.id),
    ruleId: Number(r.rule_id),
    ruleName: (r.rule_name as string | null) ?? null,
    metric: (r.rule_metric as string | null) ?? null,
    status: r.status as AlertStatus,
    severity: r.severity as Severity,
    devices: byAlert.get(Number(r.id)) ?? [],
    firedAt: iso(r.fired_at),
    ...(r.acknowledged_at !== null && { acknowledgedAt: iso(r.acknowledged_at) }),
    ...(r.acknowledged_by !== null && { acknowledgedBy: String(r.acknowledged_by) }),
    ...(r.ack_note !== null && { ackNote: String(r.ack_note) }),
    ...(r.resolved_at !== null && { resolvedAt: iso(r.resolved_at) }),
  }));
}

const SELECT = sql`SELECT a.id, a.rule_id, r.name AS rule_name, r.metric AS rule_metric, a.status, a.severity, a.fired_at, a.acknowledged_at,
                          a.acknowledged_by, a.ack_note, a.resolved_at
                   FROM alert a LEFT JOIN alert_rule r ON r.id = a.rule_id`;

export async function listAlerts(actor: Actor, q: AlertsQuery): Promise<AlertView[]> {
  requireRole(actor, 'viewer');
  const status =
    q.status === undefined
      ? empty
      : q.status === 'open'
        ? sql`AND a.status <> 'resolved'`
        : sql`AND a.status = ${q.status}`;
  const device =
    q.deviceId === undefined
      ? empty
      : sql`AND EXISTS (SELECT 1 FROM alert_device x WHERE x.alert_id = a.id AND x.device_id = ${q.deviceId})`;
  const rule = q.ruleId === undefined ? empty : sql`AND a.rule_id = ${q.ruleId}`;
  const severity = q.severity === undefined ? empty : sql`AND a.severity = ${q.severity}`;
  const rows =
    await queryRows(sql`${SELECT} WHERE 1 = 1 ${status} ${device} ${rule} ${severity} ${tenantAlert(actor)}
    ORDER BY a.fired_at DESC, a.id DESC LIMIT ${q.limit}`);
  return withDevices(actor, rows);
}

export async function getAlert(
  actor: Actor,
  id: number,
): Promise<AlertView & { events: AlertEventView[]; ruleActions: RuleActionView[] }> {
  requireRole(actor, 'viewer');
  const rows = await queryRows(sql`${SELECT} WHERE a.id = ${id} ${tenantAlert(actor)}`);
  const [alert] = await withDevices(actor, rows);
  if (!alert) throw notFound(`Alert ${id}`);
  const events = await queryRows(
    sql`SELECT id, ts, kind, subject_key, value, actor, note FROM alert_event WHERE alert_id = ${id} ORDER BY ts, id`,
  );
  const visibleKeys = new Set(alert.devices.map((d) => `d:${d.id}`));
  const ruleActions = await listAlertRuleActions(
    id,
    actor.tenantId === null ? null : new Set(alert.devices.map((d) => d.id)),
  );
  return {
    ...alert,
    ruleActions,
    events: events
      // A hosting client's timeline leaves out other tenants' devices.
      .filter(
        (e) => actor.tenantId === null || e.subject_key === null || visibleKeys.has(String(e.subject_key)),
      )
      .map((e) => ({
        id: Number(e.id),
        ts: iso(e.ts),
        kind: String(e.kind),
        subjectKey: (e.subject_key as string | null) ?? null,
        value: e.value === null ? null : JSON.parse(String(e.value)),
        actor: (e.actor as string | null) ?? null,
        note: (e.note as string | null) ?? null,
      })),
  };
}

/**
 * firing → acknowledged (by whom, with a note). Acknowledging an acknowledged alert changes
 * nothing and answers it (a second operator's click is not an error); a resolved one is 409.
 */
export async function acknowledgeAlert(actor: Actor, id: number, note: string | undefined, now = Date.now()) {
  requireRole(actor, 'operator');
  const current = await getAlert(actor, id);
  if (current.status === 'acknowledged') return current;
  const changed = await withRawTransaction(async (client) => {
    const n = await execute(
      sql`UPDATE alert SET status = 'acknowledged', acknowledged_at = ${now}, acknowledged_by = ${actor.name},
          ack_note = ${note ?? null} WHERE id = ${id} AND status = 'firing'`,
      client,
    );
    if (n === 1) {
      await execute(
        sql`INSERT INTO alert_event (alert_id, ts, kind, actor, note) VALUES (${id}, ${now}, 'acknowledged', ${actor.name}, ${note ?? null})`,
        client,
      );
    }
    return n;
  });
  if (changed !== 1) throw conflict(`Alert ${id} is not firing`);
  await recordAudit(actor, 'alert.acknowledge', `alert:${id}`, { note: note ?? null });
  return getAlert(actor, id);
}

/** Firing (not yet acknowledged) alerts the actor can see. */
export async function countFiringAlerts(actor: Actor): Promise<number> {
  requireRole(actor, 'viewer');
  const rows = await queryRows(
    sql`SELECT COUNT(*) AS n FROM alert a WHERE a.status = 'firing' ${tenantAlert(actor)}`,
  );
  return Number(rows[0]?.n ?? 0);
}
