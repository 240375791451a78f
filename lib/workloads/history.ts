// Reads of the assignment history: per device (newest first), fleet-wide with filters, and each
// device's current workload with its expected pool and worker name.

import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { empty, queryRows, type Sql, sql } from '../db/raw';
import { assertDeviceVisible, deviceScopeSql } from '../inventory/scope';
import { workerContext } from './assignments';
import { byDeviceIds, loadDeviceFacts } from './candidates';
import { expectedPools } from './coverage';
import { num } from './rows';
import type { AssignmentListQuery } from './schemas';
import { renderWorkerName } from './worker-name';

export type AssignmentView = {
  id: number;
  deviceId: number;
  deviceName: string;
  kind: string;
  poolId: number | null;
  poolName: string | null;
  jobId: number | null;
  jobName: string | null;
  powerTargetW: number | null;
  gpus: number | null;
  rateUsdPerGpuHour: number | null;
  utilisationPct: number | null;
  from: string;
  to: string | null;
  source: string;
  actor: string;
  actorKind: string;
  reason: string | null;
};

async function selectAssignments(actor: Actor, filter: Sql, limit: number): Promise<AssignmentView[]> {
  const rows = await queryRows<Record<string, unknown>>(sql`
    SELECT a.id, a.device_id, d.name AS device_name, a.kind, a.pool_id, p.name AS pool_name, a.job_id, j.name AS job_name,
           a.power_target_w, a.gpus, a.rate_usd_per_gpu_hour, a.utilisation_pct, a.from_ts, a.to_ts, a.source,
           a.actor_kind, a.actor_name, a.reason
    FROM assignment a
      JOIN device d ON d.id = a.device_id
      LEFT JOIN pool_profile p ON p.id = a.pool_id
      LEFT JOIN ai_job j ON j.id = a.job_id
    WHERE 1 = 1 ${filter} ${deviceScopeSql(actor)}
    ORDER BY a.from_ts DESC, a.id DESC
    LIMIT ${limit}`);
  return rows.map((r) => ({
    id: Number(r.id),
    deviceId: Number(r.device_id),
    deviceName: String(r.device_name),
    kind: String(r.kind),
    poolId: num(r.pool_id),
    poolName: (r.pool_name as string | null) ?? null,
    jobId: num(r.job_id),
    jobName: (r.job_name as string | null) ?? null,
    powerTargetW: num(r.power_target_w),
    gpus: num(r.gpus),
    rateUsdPerGpuHour: num(r.rate_usd_per_gpu_hour),
    utilisationPct: num(r.utilisation_pct),
    from: new Date(Number(r.from_ts)).toISOString(),
    to: r.to_ts == null ? null : new Date(Number(r.to_ts)).toISOString(),
    source: String(r.source),
    actor: String(r.actor_name),
    actorKind: String(r.actor_kind),
    reason: (r.reason as string | null) ?? null,
  }));
}

export async function listAssignments(
  actor: Actor,
  q: z.infer<typeof AssignmentListQuery>,
): Promise<AssignmentView[]> {
  requireRole(actor, 'viewer');
  const filter = sql`${q.deviceId ? sql`AND a.device_id = ${q.deviceId}` : empty}
    ${q.jobId ? sql`AND a.job_id = ${q.jobId}` : empty}
    ${q.poolId ? sql`AND a.pool_id = ${q.poolId}` : empty}
    ${q.siteId ? sql`AND d.site_id = ${q.siteId}` : empty}
    ${q.kind ? sql`AND a.kind = ${q.kind}` : empty}
    ${q.current === true ? sql`AND a.to_ts IS NULL` : q.current === false ? sql`AND a.to_ts IS NOT NULL` : empty}`;
  return selectAssignments(actor, filter, q.limit);
}

export type DeviceWorkloadView = {
  current: AssignmentView | null;
  expectedPool: {
    poolId: number;
    name: string;
    via: 'device' | 'rack' | 'site';
    workerName: string;
    urls: string[];
  } | null;
  reportedPoolUrl: string | null;
  poolMismatch: boolean;
};

export async function listDeviceAssignments(
  actor: Actor,
  deviceId: number,
  limit = 500,
): Promise<{ data: AssignmentView[] } & DeviceWorkloadView> {
  requireRole(actor, 'viewer');
  await assertDeviceVisible(actor, deviceId);
  const data = await selectAssignments(actor, sql`AND a.device_id = ${deviceId}`, limit);
  const [facts] = await loadDeviceFacts(actor, byDeviceIds([deviceId]));
  const expected = facts ? (await expectedPools([facts])).get(deviceId) : undefined;
  return {
    data,
    current: data.find((a) => a.to === null) ?? null,
    expectedPool:
      facts && expected
        ? {
            poolId: expected.pool.id,
            name: expected.pool.name,
            via: expected.via,
            urls: expected.pool.urls,
            workerName: renderWorkerName(expected.pool.workerTemplate, workerContext(facts)),
          }
        : null,
    reportedPoolUrl: facts?.reportedPoolUrl ?? null,
    poolMismatch: Boolean(expected && facts?.reportedPoolUrl && expected.mismatch),
  };
}
