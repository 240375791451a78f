// Raw rows of the workload tables and their mapping, shared by the transaction code paths (which
// run on the raw connection so a check and its write sit in one transaction on both databases).
import type pg from 'pg';
import type { Actor } from '../auth/actor';
import { execute, queryOne, queryRows, sql, withRawTransaction } from '../db/raw';
import type { JobStatus } from './lifecycle';
import type { AssignmentKind, AssignmentSource } from './schemas';

export type Client = pg.PoolClient | undefined;

/** SQLite hands booleans back as 0/1, PostgreSQL as true/false. */
export const bool = (v: unknown) => v === true || v === 1 || v === '1';
export const num = (v: unknown) => (v == null ? null : Number(v));

export type JobRow = {
  id: number;
  name: string;
  tenant_id: number | null;
  gpu_count: number;
  gpu_model: string | null;
  min_gpu_memory_gb: number | null;
  expected_hours: number;
  price_usd_per_gpu_hour: number;
  deadline: number | null;
  priority: number;
  preemptible: unknown;
  checkpoint_interval_min: number | null;
  multi_node: unknown;
  needs_firm_power: unknown;
  status: JobStatus;
  status_reason: string | null;
  executor: 'simulated' | 'webhook';
  progress_pct: number;
  version: number;
  created_at: number;
  updated_at: number;
};

export async function loadJobRow(
  id: number,
  client: Client,
  tenantId: number | null = null,
): Promise<JobRow | undefined> {
  const scope = tenantId === null ? sql`` : sql`AND tenant_id = ${tenantId}`;
  const row = await queryOne<JobRow>(sql`SELECT * FROM ai_job WHERE id = ${id} ${scope}`, client);
  return row ? normaliseJobRow(row) : undefined;
}

export function normaliseJobRow(row: JobRow): JobRow {
  return {
    ...row,
    id: Number(row.id),
    gpu_count: Number(row.gpu_count),
    version: Number(row.version),
    deadline: num(row.deadline),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
  };
}

export function actorColumns(actor: Actor) {
  return { kind: actor.kind, id: actor.id, name: actor.name.slice(0, 200) };
}

export type NewAssignment = {
  deviceId: number;
  kind: AssignmentKind;
  poolId?: number | null;
  jobId?: number | null;
  powerTargetW?: number | null;
  gpus?: number | null;
  rateUsdPerGpuHour?: number | null;
  utilisationPct?: number | null;
  source: AssignmentSource;
  reason?: string | null;
};

/**
 * Ends the device's open assignment and starts a new one, guarded by the version read before the
 * transaction: a concurrent writer that got there first makes this return false (caller → 409).
 */
export async function replaceDeviceWorkload(
  client: Client,
  next: NewAssignment,
  expectVersion: number,
  actor: Actor,
  now: number,
): Promise<{ ok: true; assignmentId: number } | { ok: false }> {
  await execute(
    sql`INSERT INTO device_workload (device_id, assignment_id, kind, job_id, pool_id, version, since_ts)
        VALUES (${next.deviceId}, NULL, 'idle', NULL, NULL, 0, ${now})
        ON CONFLICT (device_id) DO NOTHING`,
    client,
  );
  const claimed = await queryRows<{ assignment_id: number | null }>(
    sql`UPDATE device_workload SET version = version + 1 WHERE device_id = ${next.deviceId} AND version = ${expectVersion}
        RETURNING assignment_id`,
    client,
  );
  if (claimed.length === 0) return { ok: false };
  const previous = num(claimed[0]!.assignment_id);
  if (previous !== null) {
    await execute(sql`UPDATE assignment SET to_ts = ${now} WHERE id = ${previous} AND to_ts IS NULL`, client);
  }
  const a = actorColumns(actor);
  const inserted = await queryOne<{ id: number }>(
    sql`INSERT INTO assignment (device_id, kind, pool_id, job_id, power_target_w, gpus, rate_usd_per_gpu_hour,
          utilisation_pct, from_ts, to_ts, source, actor_kind, actor_id, actor_name, reason)
        VALUES (${next.deviceId}, ${next.kind}, ${next.poolId ?? null}, ${next.jobId ?? null}, ${next.powerTargetW ?? null},
          ${next.gpus ?? null}, ${next.rateUsdPerGpuHour ?? null}, ${next.utilisationPct ?? null}, ${now}, NULL,
          ${next.source}, ${a.kind}, ${a.id}, ${a.name}, ${next.reason ?? null})
        RETURNING id`,
    client,
  );
  const assignmentId = Number(inserted!.id);
  await execute(
    sql`UPDATE device_workload SET assignment_id = ${assignmentId}, kind = ${next.kind}, job_id = ${next.jobId ?? null},
          pool_id = ${next.poolId ?? null}, since_ts = ${now}
        WHERE device_id = ${next.deviceId}`,
    client,
  );
  return { ok: true, assignmentId };
}

/**
 * Ends a rule's assignment and hands the device back to "no assignment" (what it had before the
 * rule curtailed it), only while that assignment is still the one in force: if a person or a plan
 * assigned the device since, nothing changes and this returns false.
 */
export async function releaseAssignment(assignmentId: number, now: number): Promise<boolean> {
  return withRawTransaction(async (client) => {
    const gone = await execute(
      sql`DELETE FROM device_workload WHERE assignment_id = ${assignmentId}`,
      client,
    );
    if (gone === 0) return false;
    await execute(
      sql`UPDATE assignment SET to_ts = ${now} WHERE id = ${assignmentId} AND to_ts IS NULL`,
      client,
    );
    return true;
  });
}
