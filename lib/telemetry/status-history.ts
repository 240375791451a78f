// A device's recorded status changes (written by status-job.ts).
import { type Actor, requireRole } from '../auth/actor';
import { queryRows, sql } from '../db/raw';
import { assertDeviceVisible } from '../inventory/scope';

export type StatusChange = { ts: string; fromStatus: string; toStatus: string; reason: string | null };

export async function getStatusHistory(
  actor: Actor,
  deviceId: number,
  { from, to }: { from: number; to: number },
) {
  requireRole(actor, 'viewer');
  await assertDeviceVisible(actor, deviceId);
  const rows = await queryRows(sql`
    SELECT ts, from_status, to_status, reason FROM device_status_change
    WHERE device_id = ${deviceId} AND ts >= ${from} AND ts <= ${to} ORDER BY ts DESC LIMIT 500`);
  return rows.map(
    (r): StatusChange => ({
      ts: new Date(Number(r.ts)).toISOString(),
      fromStatus: String(r.from_status),
      toStatus: String(r.to_status),
      reason: (r.reason as string | null) ?? null,
    }),
  );
}
