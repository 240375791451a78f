// Incidents and decisions: device status changes, AI job transitions and (staff only) the audit log
// of privileged actions, one time-ordered list. Remote actions and allocation decisions appear here
// through the audit log as those features record them.
import { queryRows, sql } from '../db/raw';
import { inScopeAt } from './load-hours';
import type { ReportScope } from './scope';
import type { Row, Section } from './types';

export async function buildIncidents(scope: ReportScope, fromMs: number, toMs: number, staff: boolean) {
  const rows: Row[] = [];
  const changes = await queryRows(
    sql`SELECT device_id, ts, from_status, to_status, reason FROM device_status_change
      WHERE ts >= ${fromMs} AND ts < ${toMs} ORDER BY ts`,
  );
  for (const c of changes) {
    const deviceId = Number(c.device_id);
    if (inScopeAt(scope, deviceId, Number(c.ts)) === false) continue;
    const device = scope.devices.get(deviceId)!;
    rows.push({
      ts: Number(c.ts),
      category: 'status',
      subject: device.name,
      site: scope.sites.get(device.siteId)?.name ?? '',
      change: `${c.from_status} → ${c.to_status}`,
      actor: 'system',
      details: (c.reason as string | null) ?? '',
    });
  }
  const tenantSql = scope.tenantId === undefined ? sql`` : sql`AND j.tenant_id = ${scope.tenantId}`;
  const transitions = await queryRows(
    sql`SELECT t.ts, t.from_status, t.to_status, t.actor_name, t.reason, j.name FROM job_transition t
      JOIN ai_job j ON j.id = t.job_id WHERE t.ts >= ${fromMs} AND t.ts < ${toMs} ${tenantSql} ORDER BY t.ts`,
  );
  for (const t of transitions)
    rows.push({
      ts: Number(t.ts),
      category: 'job',
      subject: String(t.name),
      site: '',
      change: `${t.from_status} → ${t.to_status}`,
      actor: String(t.actor_name),
      details: (t.reason as string | null) ?? '',
    });
  if (staff) {
    const audit = await queryRows(
      sql`SELECT ts, actor_name, action, target, details FROM audit_event WHERE ts >= ${new Date(fromMs)} AND ts < ${new Date(toMs)} ORDER BY ts`,
    );
    for (const a of audit)
      rows.push({
        ts: a.ts instanceof Date ? a.ts.getTime() : Date.parse(String(a.ts)),
        category: 'audit',
        subject: (a.target as string | null) ?? '',
        site: '',
        change: String(a.action),
        actor: String(a.actor_name),
        details: (a.details as string | null) ?? '',
      });
  }
  rows.sort((a, b) => Number(a.ts) - Number(b.ts));
  const count = (category: string) => rows.filter((r) => r.category === category).length;
  const sections: Section[] = [
    {
      name: 'events',
      title: 'Incidents and decisions',
      columns: [
        { key: 'ts', label: 'Time', type: 'datetime' },
        { key: 'category', label: 'Category', type: 'string' },
        { key: 'subject', label: 'Subject', type: 'string' },
        { key: 'site', label: 'Site', type: 'string' },
        { key: 'change', label: 'Change', type: 'string' },
        { key: 'actor', label: 'Actor', type: 'string' },
        { key: 'details', label: 'Details', type: 'string' },
      ],
      rows,
    },
  ];
  return {
    sections,
    totals: {
      events: rows.length,
      statusChanges: count('status'),
      jobTransitions: count('job'),
      auditEvents: count('audit'),
    },
  };
}
