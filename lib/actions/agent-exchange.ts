// Remote actions through the site agent: devices on a private LAN are reached by their site's
// agent, not by the server. The agent claims the due actions of its site's devices (the same
// guarded UPDATE as the in-process executor, so of two agents — or an agent and the executor —
// exactly one gets each action), sends them with lib/actions/send-wire.ts on the LAN, and reports
// each send's outcome back. Confirmation still comes from telemetry (executor.ts, confirmSent).
// The agent runs remote and has no database: each claimed action carries its write context (model,
// nameplate power, the device's credentials decrypted for this answer). Credentials go only to an
// API token (the agent's authenticated channel), never into a browser session's answer, and only
// for protocols whose writes use them; each first release to an agent is audited.
import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { AGENT_PREFIX, agentLeaseMs } from '../collectors/agent-api';
import { join, queryRows, sql } from '../db/raw';
import { getEnv } from '../env';
import { assertSiteVisible, deviceScopeSql } from '../inventory/scope';
import { confirmDeadlineMs } from './confirm';
import { finishAction, runActionWrite } from './executor';
import { loadWriteContexts, type SendOutcome } from './send';
import type { WriteContext } from './send-wire';
import type { ActionName, ActionParams } from './types';

/**
 * How long an agent's claim lasts before the executor fails it as abandoned. Longer than the
 * server's own (an agent reports across a WAN link that may be down), and at least a lease.
 */
export function agentClaimMs(intervalMs: number): number {
  return Math.max(agentLeaseMs(intervalMs), 10 * 60_000);
}

const AgentName = z.string().regex(/^[\w.-]{1,60}$/, 'letters, digits, dot, dash, underscore; at most 60');

export const AgentActionClaim = z
  .object({ agent: AgentName, limit: z.number().int().min(1).max(500).default(100) })
  .strict();
export type AgentActionClaim = z.infer<typeof AgentActionClaim>;

export type AgentAction = {
  id: number;
  deviceId: number;
  action: ActionName;
  params: ActionParams;
  protocol: string;
  host: string | null;
  port: number | null;
  claimedUntil: string;
  /** What the send needs besides the endpoint; the agent reads nothing else. */
  context: WriteContext & { credentialsWithheld?: true };
};

/** Protocols whose writes use stored credentials (Whatsminer password, Braiins/LuxOS logins). */
const CREDENTIAL_PROTOCOLS = new Set(['cgminer']);

const actionsOf = (
  rows: Record<string, unknown>[],
  contexts: Map<number, WriteContext>,
  withheld: boolean,
): AgentAction[] =>
  rows.map((r) => ({
    id: Number(r.id),
    deviceId: Number(r.device_id),
    action: r.action as ActionName,
    params: r.params ? (JSON.parse(String(r.params)) as ActionParams) : {},
    protocol: String(r.protocol),
    host: (r.host as string | null) ?? null,
    port: r.port == null ? null : Number(r.port),
    claimedUntil: new Date(Number(r.claimed_until)).toISOString(),
    context: {
      ...(contexts.get(Number(r.device_id)) ?? {
        model: null,
        nominalPowerW: null,
        credentials: null,
        braiinsGrpcPort: getEnv().BRAIINS_GRPC_PORT,
      }),
      ...(withheld ? { credentialsWithheld: true as const } : {}),
    },
  }));

/**
 * Claims the due actions of the site's devices the actor may see, for `agent`. Actions this agent
 * claimed before and has not reported come back again (the answer to an earlier claim may have
 * been lost on the way): the agent's journal tells it which of them it already sent.
 */
export async function claimAgentActions(
  actor: Actor,
  siteId: number,
  input: AgentActionClaim,
  now = Date.now(),
): Promise<{ actions: AgentAction[] }> {
  requireRole(actor, 'operator');
  await assertSiteVisible(actor, siteId);
  const by = `${AGENT_PREFIX}${input.agent}`;
  const site = await queryRows(sql`SELECT collector_interval_s FROM site WHERE id = ${siteId}`);
  const intervalS = Number(site[0]?.collector_interval_s ?? getEnv().COLLECTOR_INTERVAL_S);
  const claimUntil = now + agentClaimMs(intervalS * 1000);
  // Simulated actions are the server's (the simulator lives there); push devices have no endpoint.
  const due =
    await queryRows(sql`SELECT a.id, a.device_id FROM device_action a JOIN device d ON d.id = a.device_id
    WHERE d.site_id = ${siteId} AND a.status = 'pending' AND a.phase = 'queued' AND a.due_at <= ${now}
      AND a.simulated = ${false} AND d.protocol <> 'push' AND d.host IS NOT NULL AND d.port IS NOT NULL
      ${deviceScopeSql(actor)}
      AND NOT EXISTS (SELECT 1 FROM device_action b WHERE b.device_id = a.device_id
        AND b.status = 'pending' AND b.phase = 'sending')
    ORDER BY a.due_at, a.id LIMIT ${input.limit}`);
  const devices = new Set<number>();
  const ids = due
    .filter((r) => !devices.has(Number(r.device_id)) && devices.add(Number(r.device_id)))
    .map((r) => Number(r.id));
  const fresh =
    ids.length === 0
      ? []
      : await runActionWrite(() =>
          queryRows(sql`UPDATE device_action SET phase = 'sending', claimed_by = ${by}, claimed_until = ${claimUntil}
        WHERE id IN (${join(ids)}) AND status = 'pending' AND phase = 'queued' RETURNING id, device_id`),
        );
  const mine = await queryRows(sql`SELECT a.*, d.protocol, d.host, d.port FROM device_action a
    JOIN device d ON d.id = a.device_id
    WHERE d.site_id = ${siteId} AND a.status = 'pending' AND a.phase = 'sending' AND a.claimed_by = ${by}
      ${deviceScopeSql(actor)}
    ORDER BY a.due_at, a.id LIMIT ${input.limit}`);
  // Decrypted credentials travel only to an API token, the agent's own authenticated channel.
  const withCredentials = actor.kind === 'token';
  const credentialDevices = new Set(
    mine.filter((r) => CREDENTIAL_PROTOCOLS.has(String(r.protocol))).map((r) => Number(r.device_id)),
  );
  const contexts = await loadWriteContexts(
    mine.map((r) => Number(r.device_id)),
    { credentials: false },
  );
  if (withCredentials && credentialDevices.size > 0) {
    const secret = await loadWriteContexts([...credentialDevices], { credentials: true });
    for (const [id, ctx] of secret) contexts.set(id, ctx);
    const released = fresh
      .map((r) => Number(r.device_id))
      .filter((id) => contexts.get(id)?.credentials != null);
    if (released.length > 0)
      await recordAudit(actor, 'device.credentials.released', `site:${siteId}`, {
        agent: input.agent,
        deviceIds: released,
      });
  }
  return { actions: actionsOf(mine, contexts, !withCredentials && credentialDevices.size > 0) };
}

const Outcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sent'), message: z.string().max(1000) }),
  z.object({
    kind: z.enum(['refused', 'failed']),
    reasonKind: z.string().max(40),
    reason: z.string().max(1000),
  }),
]);

export const AgentActionResults = z
  .object({
    agent: AgentName,
    results: z
      .array(
        z.object({
          id: z.number().int().positive(),
          /** When the send ended on the agent, epoch ms (the agent's clock, like its samples). */
          at: z.number().int().positive(),
          outcome: Outcome,
        }),
      )
      .max(500),
  })
  .strict();
export type AgentActionResults = z.infer<typeof AgentActionResults>;

export type AgentResultAnswer = { id: number; recorded: boolean; reason?: string };

/**
 * Records the send outcomes an agent reports. Only actions this agent holds a claim on, on devices
 * of the site the actor may see, are recorded; anything else (ended meanwhile, claimed by another
 * agent, another tenant's device) is answered `recorded: false` with the reason, so the agent can
 * forget it — a result is never retried into a different action.
 */
export async function recordAgentActionResults(
  actor: Actor,
  siteId: number,
  input: AgentActionResults,
  now = Date.now(),
): Promise<{ results: AgentResultAnswer[] }> {
  requireRole(actor, 'operator');
  await assertSiteVisible(actor, siteId);
  const by = `${AGENT_PREFIX}${input.agent}`;
  const ids = input.results.map((r) => r.id);
  const rows =
    ids.length === 0
      ? []
      : await queryRows(sql`SELECT a.* FROM device_action a JOIN device d ON d.id = a.device_id
          WHERE a.id IN (${join(ids)}) AND d.site_id = ${siteId} ${deviceScopeSql(actor)}`);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const answers: AgentResultAnswer[] = [];
  for (const result of input.results) {
    const row = byId.get(result.id);
    if (!row) {
      answers.push({ id: result.id, recorded: false, reason: 'not an action of this site' });
      continue;
    }
    if (row.status !== 'pending' || row.phase !== 'sending' || row.claimed_by !== by) {
      answers.push({
        id: result.id,
        recorded: false,
        reason: row.status !== 'pending' ? `already ${String(row.status)}` : 'not claimed by this agent',
      });
      continue;
    }
    // A clock far ahead on the agent must not put the send in the future.
    const at = Math.min(result.at, now);
    const outcome = result.outcome as SendOutcome;
    let recorded: boolean;
    if (outcome.kind === 'sent') {
      const deadline = at + confirmDeadlineMs(row.action as ActionName, getEnv().ACTION_CONFIRM_TIMEOUT_S);
      const changed = await runActionWrite(() =>
        queryRows(sql`UPDATE device_action SET phase = 'sent', sent_at = ${at}, deadline_at = ${deadline},
          reason = ${outcome.message.slice(0, 1000)}, claimed_until = NULL
          WHERE id = ${result.id} AND status = 'pending' AND phase = 'sending' AND claimed_by = ${by}
          RETURNING id`),
      );
      recorded = changed.length > 0;
    } else recorded = await finishAction(row, outcome.kind, outcome.reason, outcome.reasonKind, now);
    answers.push({ id: result.id, recorded, ...(recorded ? {} : { reason: 'ended meanwhile' }) });
  }
  return { results: answers };
}
