// Status and job-transition history a report needs, in the report's scope.
import { queryRows, sql } from '../db/raw';
import type { TransitionPoint } from '../workloads/accrual';
import type { AssignmentSpan } from './load-hours';
import type { StatusChange } from './performance';
import type { ReportScope } from './scope';

export async function loadStatusHistory(scope: ReportScope, fromMs: number, toMs: number) {
  const rows = await queryRows(
    sql`SELECT device_id, ts, from_status, to_status FROM device_status_change WHERE ts < ${toMs} AND ts >= ${fromMs} ORDER BY ts`,
  );
  const before = await queryRows(
    sql`SELECT c.device_id, c.to_status FROM device_status_change c
      JOIN (SELECT device_id, MAX(ts) AS ts FROM device_status_change WHERE ts < ${fromMs} GROUP BY device_id) l
        ON l.device_id = c.device_id AND l.ts = c.ts`,
  );
  const changes = new Map<number, StatusChange[]>();
  const initialStatus = new Map<number, string>();
  for (const r of before) initialStatus.set(Number(r.device_id), String(r.to_status));
  for (const r of rows) {
    const deviceId = Number(r.device_id);
    if (!scope.devices.has(deviceId)) continue;
    const c = {
      deviceId,
      ts: Number(r.ts),
      fromStatus: String(r.from_status),
      toStatus: String(r.to_status),
    };
    changes.set(deviceId, [...(changes.get(deviceId) ?? []), c]);
    // No change before the range: the status the first change left is the one held at the start.
    if (!initialStatus.has(deviceId)) initialStatus.set(deviceId, c.fromStatus);
  }
  // Never changed: the status it has now has held all along.
  for (const [id, d] of scope.devices) if (!initialStatus.has(id)) initialStatus.set(id, d.status);
  return { changes, initialStatus };
}

export async function loadTransitions(
  spans: readonly AssignmentSpan[],
): Promise<Map<number, TransitionPoint[]>> {
  const jobIds = new Set(spans.filter((s) => s.jobId !== null).map((s) => s.jobId!));
  const out = new Map<number, TransitionPoint[]>();
  if (jobIds.size === 0) return out;
  const rows = await queryRows(sql`SELECT job_id, to_status, ts FROM job_transition ORDER BY ts`);
  for (const r of rows) {
    const id = Number(r.job_id);
    if (!jobIds.has(id)) continue;
    out.set(id, [...(out.get(id) ?? []), { toStatus: String(r.to_status), ts: Number(r.ts) }]);
  }
  return out;
}
