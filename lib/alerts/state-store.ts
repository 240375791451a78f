// The evaluator's stored state: conditions, open alerts (and recently resolved ones, for the
// cooldown) with their devices, active silences. Raw SQL: read and written every tick.
import type pg from 'pg';
import { execute, join, queryRows, sql } from '../db/raw';
import type { AlertMember, AlertState, Condition, Silence } from './types';

const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function loadConditions(): Promise<Condition[]> {
  const rows = await queryRows(sql`SELECT rule_id, subject_key, since_ts, firing FROM alert_condition`);
  return rows.map((r) => ({
    ruleId: Number(r.rule_id),
    subjectKey: String(r.subject_key),
    sinceTs: Number(r.since_ts),
    firing: Boolean(r.firing),
  }));
}

export async function loadActiveSilences(now: number): Promise<Silence[]> {
  const rows = await queryRows(
    sql`SELECT id, rule_id, scope, starts_at, ends_at FROM alert_silence WHERE starts_at <= ${now} AND ends_at > ${now}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    ruleId: r.rule_id === null ? null : Number(r.rule_id),
    scope: JSON.parse(String(r.scope)),
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
  }));
}

/**
 * One member from its device rows. Open: the rows not cleared are its devices, cleared ones
 * departed while it kept firing. Cleared: the rows cleared last are its devices.
 */
function memberOf(
  subjectKey: string,
  rows: { deviceId: number; firedAt: number; clearedAt: number | null; value: AlertMember['value'] }[],
): AlertMember {
  const open = rows.filter((r) => r.clearedAt === null);
  const lastCleared = Math.max(...rows.map((r) => r.clearedAt ?? 0));
  const current = open.length > 0 ? open : rows.filter((r) => r.clearedAt === lastCleared);
  const firedAt = Math.min(...current.map((r) => r.firedAt));
  const member: AlertMember = {
    subjectKey,
    deviceIds: current.map((r) => r.deviceId),
    firedAt,
    clearedAt: open.length > 0 ? null : lastCleared,
    value: current[0]?.value ?? null,
  };
  const later = current.filter((r) => r.firedAt !== firedAt);
  if (later.length > 0) member.deviceFiredAt = Object.fromEntries(later.map((r) => [r.deviceId, r.firedAt]));
  const departed = rows.filter((r) => !current.includes(r));
  if (departed.length > 0)
    member.departed = departed.map((r) => ({
      deviceId: r.deviceId,
      firedAt: r.firedAt,
      clearedAt: r.clearedAt as number,
    }));
  return member;
}

/** Open alerts plus alerts resolved within `cooldownMs` (a flap may re-open them). */
export async function loadLiveAlerts(now: number, cooldownMs: number): Promise<AlertState[]> {
  const alerts = await queryRows(sql`
    SELECT id, rule_id, group_key, status, severity, fired_at, resolved_at FROM alert
    WHERE status <> 'resolved' OR resolved_at >= ${now - cooldownMs}`);
  if (alerts.length === 0) return [];
  const ids = alerts.map((a) => Number(a.id));
  type Row = { deviceId: number; firedAt: number; clearedAt: number | null; value: AlertMember['value'] };
  const rowsOf = new Map<number, Map<string, Row[]>>();
  for (const part of chunks(ids)) {
    const rows = await queryRows(sql`
      SELECT alert_id, device_id, subject_key, fired_at, cleared_at, value FROM alert_device
      WHERE alert_id IN (${join(part)}) ORDER BY alert_id, device_id`);
    for (const r of rows) {
      const byKey = rowsOf.get(Number(r.alert_id)) ?? new Map<string, Row[]>();
      rowsOf.set(Number(r.alert_id), byKey);
      const key = String(r.subject_key);
      const list = byKey.get(key) ?? [];
      byKey.set(key, list);
      list.push({
        deviceId: Number(r.device_id),
        firedAt: Number(r.fired_at),
        clearedAt: r.cleared_at === null ? null : Number(r.cleared_at),
        value: r.value === null ? null : JSON.parse(String(r.value)),
      });
    }
  }
  const members = new Map<number, AlertMember[]>();
  for (const [alertId, byKey] of rowsOf)
    members.set(
      alertId,
      [...byKey].map(([key, rows]) => memberOf(key, rows)),
    );
  return alerts.map((a) => ({
    id: Number(a.id),
    ruleId: Number(a.rule_id),
    groupKey: String(a.group_key),
    status: a.status as AlertState['status'],
    severity: a.severity as AlertState['severity'],
    firedAt: Number(a.fired_at),
    resolvedAt: a.resolved_at === null ? null : Number(a.resolved_at),
    members: members.get(Number(a.id)) ?? [],
  }));
}

const ck = (c: { ruleId: number; subjectKey: string }) => `${c.ruleId}|${c.subjectKey}`;

/** Writes only what changed between two condition sets. */
export async function saveConditions(before: Condition[], after: Condition[], client?: pg.PoolClient) {
  const old = new Map(before.map((c) => [ck(c), c]));
  const now = new Map(after.map((c) => [ck(c), c]));
  const removed = before.filter((c) => !now.has(ck(c)));
  const written = after.filter((c) => {
    const o = old.get(ck(c));
    return !o || o.firing !== c.firing || o.sinceTs !== c.sinceTs;
  });
  for (const c of removed) {
    await execute(
      sql`DELETE FROM alert_condition WHERE rule_id = ${c.ruleId} AND subject_key = ${c.subjectKey}`,
      client,
    );
  }
  for (const part of chunks(written)) {
    const values = part.map((c) => sql`(${c.ruleId}, ${c.subjectKey}, ${c.sinceTs}, ${c.firing})`);
    await execute(
      sql`INSERT INTO alert_condition (rule_id, subject_key, since_ts, firing) VALUES ${join(values)}
          ON CONFLICT (rule_id, subject_key) DO UPDATE SET since_ts = excluded.since_ts, firing = excluded.firing`,
      client,
    );
  }
  return { removed: removed.length, written: written.length };
}

/** Inserts a new alert or updates its status; upserts the members that changed. Returns its id. */
export async function saveAlert(a: AlertState, before: AlertState | undefined, client?: pg.PoolClient) {
  let id = a.id;
  if (id === null) {
    const rows = await queryRows(
      sql`INSERT INTO alert (rule_id, group_key, status, severity, fired_at)
          VALUES (${a.ruleId}, ${a.groupKey}, ${a.status}, ${a.severity}, ${a.firedAt}) RETURNING id`,
      client,
    );
    id = Number(rows[0]?.id);
  } else {
    await execute(
      sql`UPDATE alert SET status = ${a.status}, resolved_at = ${a.resolvedAt} WHERE id = ${id}`,
      client,
    );
  }
  const old = new Map(before?.members.map((m) => [m.subjectKey, m]));
  const changed = a.members.filter((m) => {
    const o = old.get(m.subjectKey);
    return (
      !o ||
      o.clearedAt !== m.clearedAt ||
      o.firedAt !== m.firedAt ||
      o.deviceIds.length !== m.deviceIds.length ||
      o.deviceIds.some((d, i) => d !== m.deviceIds[i]) ||
      (o.departed?.length ?? 0) !== (m.departed?.length ?? 0)
    );
  });
  const rows = changed.flatMap((m) => {
    const value = m.value === null ? null : JSON.stringify(m.value);
    return [
      ...m.deviceIds.map(
        (d) =>
          sql`(${id}, ${d}, ${m.subjectKey}, ${m.deviceFiredAt?.[d] ?? m.firedAt}, ${m.clearedAt}, ${value})`,
      ),
      ...(m.departed ?? []).map(
        (x) => sql`(${id}, ${x.deviceId}, ${m.subjectKey}, ${x.firedAt}, ${x.clearedAt}, ${value})`,
      ),
    ];
  });
  for (const part of chunks(rows)) {
    await execute(
      sql`INSERT INTO alert_device (alert_id, device_id, subject_key, fired_at, cleared_at, value) VALUES ${join(part)}
          ON CONFLICT (alert_id, device_id) DO UPDATE SET subject_key = excluded.subject_key,
            fired_at = excluded.fired_at, cleared_at = excluded.cleared_at, value = excluded.value`,
      client,
    );
  }
  return id;
}
