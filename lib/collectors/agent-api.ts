// The server's side of the site agent: the device list an agent polls, and the poll outcomes it
// reports back. A report also leases the reported devices to the agent: their collector_state row
// gets `polled_by = 'agent:<name>'` and `next_poll_at` = the end of the lease, so the server's own
// collector (which claims only rows with `next_poll_at <= now`) leaves them alone until the agent
// has been silent for a whole lease — then it takes them back, and their errors say so.
import { z } from 'zod';
import { type Actor, requireRole } from '../auth/actor';
import { execute, queryRows, sql, withRawTransaction } from '../db/raw';
import { getEnv } from '../env';
import { assertSiteVisible, deviceScopeSql } from '../inventory/scope';
import type { PolledProtocol } from './clients/collect';

/** The lease outlives three missed reports, and at least two minutes. */
export function agentLeaseMs(intervalMs: number): number {
  return Math.max(3 * intervalMs, 120_000);
}

export const AGENT_PREFIX = 'agent:';

export type AgentDevice = { id: number; name: string; protocol: PolledProtocol; host: string; port: number };
export type AgentDeviceList = { siteId: number; siteName: string; intervalS: number; devices: AgentDevice[] };

/** Polled devices of one site that the actor may see (a tenant's token: its own machines only). */
export async function listAgentDevices(actor: Actor, siteId: number): Promise<AgentDeviceList> {
  // A read like GET /api/v1/devices (which shows endpoints too); the agent's writes need operator.
  requireRole(actor, 'viewer');
  await assertSiteVisible(actor, siteId);
  const rows = await queryRows(sql`
    SELECT d.id, d.name, d.protocol, d.host, d.port, s.name AS site_name, s.collector_interval_s
    FROM site s LEFT JOIN device d ON d.site_id = s.id
      AND d.protocol <> 'push' AND d.host IS NOT NULL AND d.port IS NOT NULL ${deviceScopeSql(actor)}
    WHERE s.id = ${siteId} ORDER BY d.id`);
  const first = rows[0];
  return {
    siteId,
    siteName: String(first?.site_name ?? ''),
    intervalS: Number(first?.collector_interval_s ?? getEnv().COLLECTOR_INTERVAL_S),
    devices: rows
      .filter((r) => r.id != null)
      .map((r) => ({
        id: Number(r.id),
        name: String(r.name),
        protocol: r.protocol as PolledProtocol,
        host: String(r.host),
        port: Number(r.port),
      })),
  };
}

export const AgentPollReport = z.object({
  agent: z.string().regex(/^[\w.-]{1,60}$/, 'letters, digits, dot, dash, underscore; at most 60'),
  /** The agent's own poll interval when it overrides the site's: the lease must outlast it. */
  intervalS: z.number().int().min(1).max(3600).optional(),
  outcomes: z
    .array(
      z.object({
        deviceId: z.number().int().positive(),
        ok: z.boolean(),
        /** When the poll ended, epoch ms. */
        at: z.number().int().positive(),
        errorKind: z.string().max(40).optional(),
        error: z.string().max(500).optional(),
        /** What a good poll learnt about the device (the swarm view shows them). */
        firmware: z.string().max(120).optional(),
        bestDiffSession: z.number().nonnegative().optional(),
        bestDiffAllTime: z.number().nonnegative().optional(),
      }),
    )
    .max(5_000),
});
export type AgentPollReport = z.infer<typeof AgentPollReport>;

/**
 * Stores an agent's poll outcomes for the devices of `siteId` the actor may see (others are
 * ignored and counted) and renews their lease to the agent.
 */
export async function recordAgentPolls(
  actor: Actor,
  siteId: number,
  report: AgentPollReport,
  now = Date.now(),
): Promise<{ recorded: number; ignored: number; leaseUntil: string }> {
  requireRole(actor, 'operator');
  await assertSiteVisible(actor, siteId);
  const list = await listAgentDevices(actor, siteId);
  const leaseUntil = now + agentLeaseMs(Math.max(list.intervalS, report.intervalS ?? 0) * 1000);
  const visible = new Set(list.devices.map((d) => d.id));
  const outcomes = report.outcomes.filter((o) => visible.has(o.deviceId));
  const by = `${AGENT_PREFIX}${report.agent}`;
  await withRawTransaction(async (client) => {
    for (const o of outcomes) {
      // A clock far ahead on the agent must not push lastOkAt into the future.
      const at = Math.min(o.at, now);
      const set = o.ok
        ? sql`last_poll_at = ${at}, last_ok_at = ${at}, consecutive_failures = 0,
            firmware = COALESCE(${o.firmware ?? null}, firmware),
            best_diff_session = COALESCE(${o.bestDiffSession ?? null}, best_diff_session),
            best_diff_all_time = COALESCE(${o.bestDiffAllTime ?? null}, best_diff_all_time)`
        : sql`last_poll_at = ${at}, last_error = ${o.error ?? 'poll failed'},
            last_error_kind = ${o.errorKind ?? 'network'}, last_error_at = ${at},
            consecutive_failures = collector_state.consecutive_failures + 1`;
      await execute(
        sql`INSERT INTO collector_state (device_id, next_poll_at, consecutive_failures, polled_by)
          VALUES (${o.deviceId}, ${leaseUntil}, 0, ${by})
          ON CONFLICT (device_id) DO UPDATE SET next_poll_at = ${leaseUntil}, polled_by = ${by}`,
        client,
      );
      await execute(sql`UPDATE collector_state SET ${set} WHERE device_id = ${o.deviceId}`, client);
    }
  });
  return {
    recorded: outcomes.length,
    ignored: report.outcomes.length - outcomes.length,
    leaseUntil: new Date(leaseUntil).toISOString(),
  };
}
