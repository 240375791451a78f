// Bulk form of replaceDeviceWorkload (rows.ts): many devices onto one workload in a handful of
// statements per chunk instead of five per device. The same optimistic-concurrency guard: each
// device's workload row is claimed only at the version read before the transaction, so a concurrent
// writer that got there first leaves the device out (the caller refuses it or fails the request).

import type { Actor } from '../auth/actor';
import { isOneOf } from '../db/dialect';
import { execute, join, queryRows, sql } from '../db/raw';
import { actorColumns, type Client, type NewAssignment, num } from './rows';

/** Rows per statement: 15 bound values per assignment row stays far below both databases' limits. */
const CHUNK = 400;

export type BulkReplaceItem = { next: NewAssignment; expectVersion: number };

export type BulkReplaceResult = {
  /** device id → the new assignment's id, for every device claimed. */
  written: Map<number, number>;
  /** Devices whose workload row had moved past the version read before (assigned concurrently). */
  conflicts: number[];
};

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Ends each device's open assignment and starts its new one. Items may carry different workloads;
 * all of it runs on `client` (call inside withRawTransaction).
 */
export async function replaceDeviceWorkloads(
  client: Client,
  items: BulkReplaceItem[],
  actor: Actor,
  now: number,
): Promise<BulkReplaceResult> {
  const written = new Map<number, number>();
  const conflicts: number[] = [];
  if (items.length === 0) return { written, conflicts };
  const a = actorColumns(actor);

  for (const part of chunks(items)) {
    await execute(
      sql`INSERT INTO device_workload (device_id, assignment_id, kind, job_id, pool_id, version, since_ts)
          VALUES ${join(part.map((i) => sql`(${i.next.deviceId}, NULL, 'idle', NULL, NULL, 0, ${now})`))}
          ON CONFLICT (device_id) DO NOTHING`,
      client,
    );
  }

  // Claim by expected version: one statement per distinct version (a plan's devices share few).
  const byVersion = new Map<number, number[]>();
  for (const i of items)
    byVersion.set(i.expectVersion, [...(byVersion.get(i.expectVersion) ?? []), i.next.deviceId]);
  const previous = new Map<number, number | null>();
  for (const [version, ids] of byVersion) {
    for (const part of chunks(ids)) {
      const claimed = await queryRows<{ device_id: number; assignment_id: number | null }>(
        sql`UPDATE device_workload SET version = version + 1
            WHERE version = ${version} AND ${isOneOf(sql`device_id`, part)}
            RETURNING device_id, assignment_id`,
        client,
      );
      for (const r of claimed) previous.set(Number(r.device_id), num(r.assignment_id));
    }
  }
  const claimed = items.filter((i) => previous.has(i.next.deviceId));
  for (const i of items) if (!previous.has(i.next.deviceId)) conflicts.push(i.next.deviceId);
  if (claimed.length === 0) return { written, conflicts };

  const open = [...previous.values()].filter((id): id is number => id !== null);
  for (const part of chunks(open)) {
    await execute(
      sql`UPDATE assignment SET to_ts = ${now} WHERE ${isOneOf(sql`id`, part)} AND to_ts IS NULL`,
      client,
    );
  }
  for (const part of chunks(claimed)) {
    const rows = await queryRows<{ id: number; device_id: number }>(
      sql`INSERT INTO assignment (device_id, kind, pool_id, job_id, power_target_w, gpus, rate_usd_per_gpu_hour,
            utilisation_pct, from_ts, to_ts, source, actor_kind, actor_id, actor_name, reason)
          VALUES ${join(
            part.map(
              ({ next: n }) =>
                sql`(${n.deviceId}, ${n.kind}, ${n.poolId ?? null}, ${n.jobId ?? null}, ${n.powerTargetW ?? null},
                  ${n.gpus ?? null}, ${n.rateUsdPerGpuHour ?? null}, ${n.utilisationPct ?? null}, ${now}, NULL,
                  ${n.source}, ${a.kind}, ${a.id}, ${a.name}, ${n.reason ?? null})`,
            ),
          )}
          RETURNING id, device_id`,
      client,
    );
    for (const r of rows) written.set(Number(r.device_id), Number(r.id));
  }

  // The current-workload rows: one UPDATE per distinct (kind, job, pool), the new assignment found
  // through the (device_id, from_ts) index.
  const byWorkload = new Map<string, BulkReplaceItem[]>();
  for (const i of claimed) {
    const key = `${i.next.kind}:${i.next.jobId ?? ''}:${i.next.poolId ?? ''}`;
    byWorkload.set(key, [...(byWorkload.get(key) ?? []), i]);
  }
  for (const group of byWorkload.values()) {
    const n = group[0]!.next;
    for (const part of chunks(group)) {
      await execute(
        sql`UPDATE device_workload SET kind = ${n.kind}, job_id = ${n.jobId ?? null}, pool_id = ${n.poolId ?? null},
              since_ts = ${now},
              assignment_id = (SELECT MAX(a.id) FROM assignment a
                WHERE a.device_id = device_workload.device_id AND a.from_ts = ${now} AND a.to_ts IS NULL)
            WHERE ${isOneOf(
              sql`device_id`,
              part.map((i) => i.next.deviceId),
            )}`,
        client,
      );
    }
  }
  return { written, conflicts };
}
