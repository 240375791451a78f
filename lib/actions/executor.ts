// The action executor, run by every instance (job `actions`): claims due actions with a guarded
// UPDATE (of several instances racing for a row exactly one wins, so an action is sent once),
// sends them with bounded concurrency, then judges sent actions against the devices' latest
// telemetry. A claim whose instance died while sending is failed, never re-sent: a reboot sent
// twice is worse than one reported as unknown.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/record';
import type { Actor } from '../auth/actor';
import { AGENT_PREFIX } from '../collectors/agent-api';
import { join, queryRows, serializeSqliteWrite, sql, withRawTransaction } from '../db/raw';
import { getEnv } from '../env';
import { emitEvent } from '../webhooks/emit';
import { confirmDeadlineMs, judge } from './confirm';
import { sendAction } from './send';
import type { ActionName, ActionParams } from './types';

export type ActionsTickOptions = {
  instanceId: string;
  /** Longest a send may take (identify + command); the claim lasts a bit longer. */
  sendTimeoutMs?: number;
  concurrency?: number;
  limit?: number;
};

export type ActionsTickReport = {
  sent: number;
  refused: number;
  failed: number;
  confirmed: number;
  timedOut: number;
};

const DEFAULT_INSTANCE = `actions-${randomUUID().slice(0, 8)}`;

export function runActionWrite<T>(fn: () => Promise<T>): Promise<T> {
  return getEnv().db.provider === 'sqlite' ? serializeSqliteWrite(fn) : fn();
}

type Row = Record<string, unknown>;

function actorOf(r: Row): Actor {
  return {
    kind: r.actor_type as Actor['kind'],
    id: r.actor_id == null ? null : Number(r.actor_id),
    name: String(r.requested_by),
    role: 'operator',
    tenantId: null,
  };
}

/** Ends a pending action (guarded on status, so only one instance records the outcome). */
export async function finishAction(
  r: Row,
  status: 'confirmed' | 'failed' | 'timed_out' | 'refused',
  reason: string,
  reasonKind: string | null,
  now: number,
): Promise<boolean> {
  // The outcome and its `action.*` webhook event commit together (lib/webhooks outbox).
  const changed = await withRawTransaction(async (client) => {
    const rows = await queryRows(
      sql`UPDATE device_action SET status = ${status}, reason = ${reason.slice(0, 1000)},
        reason_kind = ${reasonKind}, ended_at = ${now}, claimed_until = NULL
        WHERE id = ${Number(r.id)} AND status = 'pending' RETURNING id`,
      client,
    );
    if (rows.length > 0)
      await emitEvent(
        client,
        status === 'confirmed' ? 'action.confirmed' : 'action.failed',
        {
          actionId: Number(r.id),
          deviceId: Number(r.device_id),
          action: r.action,
          status,
          reason,
          reasonKind,
          batchId: r.batch_id == null ? null : String(r.batch_id),
        },
        now,
      );
    return rows;
  });
  if (changed.length === 0) return false;
  await recordAudit(actorOf(r), `device.action.${status}`, `device:${Number(r.device_id)}`, {
    actionId: Number(r.id),
    action: r.action,
    reason,
    simulated: Boolean(Number(r.simulated)) || r.simulated === true,
    batchId: r.batch_id ?? undefined,
  });
  return true;
}

async function claim(now: number, opts: Required<ActionsTickOptions>): Promise<Row[]> {
  // One send per device at a time: LuxOS allows one session, and a pool switch racing a reboot
  // helps nobody. Later actions of a device wait for the next tick. A device its site agent holds
  // a lease on is on a LAN the server may not reach: its actions wait for the agent to claim them
  // (agent-exchange.ts); when the agent falls silent past its lease, the server tries itself.
  const due = await queryRows(sql`SELECT id, device_id FROM device_action a
    WHERE status = 'pending' AND phase = 'queued' AND due_at <= ${now} AND NOT EXISTS (
      SELECT 1 FROM device_action b WHERE b.device_id = a.device_id AND b.status = 'pending' AND b.phase = 'sending')
      AND (a.simulated = ${true} OR NOT EXISTS (SELECT 1 FROM collector_state c WHERE c.device_id = a.device_id
        AND c.polled_by LIKE ${`${AGENT_PREFIX}%`} AND c.next_poll_at > ${now}))
    ORDER BY due_at, id LIMIT ${opts.limit}`);
  const devices = new Set<number>();
  const ids = due
    .filter((r) => !devices.has(Number(r.device_id)) && devices.add(Number(r.device_id)))
    .map((r) => Number(r.id));
  if (ids.length === 0) return [];
  const claimUntil = now + opts.sendTimeoutMs * 2 + 10_000;
  const won = await runActionWrite(() =>
    queryRows(sql`UPDATE device_action SET phase = 'sending', claimed_by = ${opts.instanceId}, claimed_until = ${claimUntil}
      WHERE id IN (${join(ids)}) AND status = 'pending' AND phase = 'queued' RETURNING id`),
  );
  if (won.length === 0) return [];
  return queryRows(sql`SELECT a.*, d.protocol, d.host, d.port FROM device_action a JOIN device d ON d.id = a.device_id
    WHERE a.id IN (${join(won.map((r) => Number(r.id)))}) ORDER BY a.due_at, a.id`);
}

async function sendOne(
  r: Row,
  opts: Required<ActionsTickOptions>,
  now: () => number,
  report: ActionsTickReport,
) {
  const action = r.action as ActionName;
  const params = r.params ? (JSON.parse(String(r.params)) as ActionParams) : {};
  const outcome = await sendAction(
    {
      deviceId: Number(r.device_id),
      protocol: String(r.protocol),
      host: (r.host as string | null) ?? null,
      port: r.port == null ? null : Number(r.port),
      simulated: Boolean(Number(r.simulated)) || r.simulated === true,
    },
    action,
    params,
    { timeoutMs: opts.sendTimeoutMs, now: now() },
  );
  const at = now();
  if (outcome.kind === 'sent') {
    const deadline = at + confirmDeadlineMs(action, getEnv().ACTION_CONFIRM_TIMEOUT_S);
    await runActionWrite(() =>
      queryRows(sql`UPDATE device_action SET phase = 'sent', sent_at = ${at}, deadline_at = ${deadline},
        reason = ${outcome.message.slice(0, 1000)}, claimed_until = NULL
        WHERE id = ${Number(r.id)} AND status = 'pending' AND phase = 'sending' AND claimed_by = ${opts.instanceId}
        RETURNING id`),
    );
    report.sent++;
  } else {
    if (await finishAction(r, outcome.kind, outcome.reason, outcome.reasonKind, at)) report[outcome.kind]++;
  }
}

/** Claims whose instance stopped mid-send: the device may or may not have got the command. */
async function failAbandoned(now: number): Promise<void> {
  const rows = await queryRows(sql`SELECT * FROM device_action
    WHERE status = 'pending' AND phase = 'sending' AND claimed_until < ${now}`);
  for (const r of rows)
    await finishAction(
      r,
      'failed',
      String(r.claimed_by).startsWith(AGENT_PREFIX)
        ? `site agent ${String(r.claimed_by).slice(AGENT_PREFIX.length)} claimed it and did not report the send; not re-sent`
        : `executor ${String(r.claimed_by)} stopped while sending; not re-sent`,
      'abandoned',
      now,
    );
}

async function confirmSent(now: number, report: ActionsTickReport): Promise<void> {
  const rows = await queryRows(sql`SELECT a.*, m.nominal_hashrate_ths, l.ts AS latest_ts, l.hashrate_ths,
      l.power_w, l.pool_url
    FROM device_action a JOIN device d ON d.id = a.device_id JOIN device_model m ON m.id = d.model_id
      LEFT JOIN device_latest l ON l.device_id = a.device_id
    WHERE a.status = 'pending' AND a.phase = 'sent'`);
  for (const r of rows) {
    const verdict = judge(
      {
        action: r.action as ActionName,
        params: r.params ? (JSON.parse(String(r.params)) as ActionParams) : {},
        sentAt: Number(r.sent_at),
        deadlineAt: Number(r.deadline_at),
        nominalHashrateThs: r.nominal_hashrate_ths == null ? null : Number(r.nominal_hashrate_ths),
      },
      r.latest_ts == null
        ? null
        : {
            ts: Number(r.latest_ts),
            hashrateThs: r.hashrate_ths == null ? null : Number(r.hashrate_ths),
            powerW: r.power_w == null ? null : Number(r.power_w),
            poolUrl: (r.pool_url as string | null) ?? null,
          },
      now,
    );
    if (verdict.status === 'waiting') continue;
    const kind = verdict.status === 'timed_out' ? 'no_telemetry_change' : null;
    if (await finishAction(r, verdict.status, verdict.reason, kind, now)) {
      if (verdict.status === 'confirmed') report.confirmed++;
      else report.timedOut++;
    }
  }
}

/** One executor tick: fail abandoned claims, send what is due, judge what was sent. */
export async function runActionsTick(
  now: number,
  options: Partial<ActionsTickOptions> = {},
  clock: () => number = Date.now,
): Promise<ActionsTickReport> {
  const opts: Required<ActionsTickOptions> = {
    instanceId: options.instanceId ?? DEFAULT_INSTANCE,
    sendTimeoutMs: options.sendTimeoutMs ?? getEnv().COLLECTOR_TIMEOUT_MS,
    concurrency: options.concurrency ?? 32,
    limit: options.limit ?? 200,
  };
  const report: ActionsTickReport = { sent: 0, refused: 0, failed: 0, confirmed: 0, timedOut: 0 };
  await failAbandoned(now);
  const claimed = await claim(now, opts);
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) await sendOne(claimed[next++]!, opts, clock, report);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, claimed.length) }, worker));
  await confirmSent(now, report);
  return report;
}
