import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { execute, join, queryRows, sql } from '../db/raw';
import { notFound } from '../errors';
import { deviceScopeSql } from '../inventory/scope';

/**
 * "Refresh now": polled devices become due at once (the collector claims due devices every
 * second). Push and simulated devices report on their own schedule: they are counted, not polled.
 */
export async function refreshNow(
  actor: Actor,
  deviceIds: number[],
  now: number,
): Promise<{ scheduled: number; notPolled: number[] }> {
  requireRole(actor, 'operator');
  const ids = [...new Set(deviceIds)];
  const rows = await queryRows(sql`SELECT d.id, c.device_id AS polled FROM device d
    LEFT JOIN collector_state c ON c.device_id = d.id WHERE d.id IN (${join(ids)}) ${deviceScopeSql(actor)}`);
  if (rows.length !== ids.length) {
    const seen = new Set(rows.map((r) => Number(r.id)));
    throw notFound(
      `Devices ${ids
        .filter((id) => !seen.has(id))
        .slice(0, 10)
        .join(', ')}`,
    );
  }
  const polled = rows.filter((r) => r.polled != null).map((r) => Number(r.id));
  const scheduled = polled.length
    ? await execute(sql`UPDATE collector_state SET next_poll_at = ${now}
        WHERE device_id IN (${join(polled)}) AND next_poll_at > ${now}`)
    : 0;
  await recordAudit(actor, 'device.refresh', ids.length === 1 ? `device:${ids[0]}` : null, {
    devices: ids.length,
    scheduled,
  });
  return {
    scheduled: polled.length,
    notPolled: rows.filter((r) => r.polled == null).map((r) => Number(r.id)),
  };
}
