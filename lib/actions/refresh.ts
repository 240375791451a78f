import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { AGENT_PREFIX } from '../collectors/agent-api';
import { execute, join, queryRows, sql } from '../db/raw';
import { notFound } from '../errors';
import { deviceScopeSql } from '../inventory/scope';

/**
 * "Refresh now": polled devices become due at once (the collector claims due devices every
 * second). Push and simulated devices, and devices a site agent polls, report on their own
 * schedule: they are counted, not polled.
 */
export async function refreshNow(
  actor: Actor,
  deviceIds: number[],
  now: number,
): Promise<{ scheduled: number; notPolled: number[] }> {
  requireRole(actor, 'operator');
  const ids = [...new Set(deviceIds)];
  // A device leased to a site agent is polled by the agent on its LAN: making it due here would
  // hand it to the server's collector, which usually cannot reach it (docs/operations.md).
  const rows = await queryRows(sql`SELECT d.id, CASE WHEN c.polled_by LIKE ${`${AGENT_PREFIX}%`}
      AND c.next_poll_at > ${now} THEN NULL ELSE c.device_id END AS polled FROM device d
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
