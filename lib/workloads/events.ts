// Signed status callbacks from an external executor (POST /api/v1/jobs/{id}/events). The event id
// is the primary key of job_event, inserted in the same transaction as the status change it
// causes, so a repeated callback is recognised and changes nothing.
import type { Actor } from '../auth/actor';
import { execute, queryOne, sql, withRawTransaction } from '../db/raw';
import { AppError, badRequest, notFound, unauthorized } from '../errors';
import { webhookConfig } from './executors/webhook';
import { checkTransition, type JobStatus } from './lifecycle';
import { loadJobRow } from './rows';
import { JobEventBody } from './schemas';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './signature';
import { applyJobTransition } from './transitions';

export const WEBHOOK_EXECUTOR_ACTOR: Actor = {
  kind: 'system',
  id: null,
  name: 'executor:webhook',
  role: 'admin',
  tenantId: null,
};

export type EventOutcome = {
  eventId: string;
  duplicate: boolean;
  applied: boolean;
  status: JobStatus;
  note?: string;
};

export async function receiveJobEvent(args: {
  jobId: number;
  body: string;
  headers: Headers;
  now: number;
}): Promise<EventOutcome> {
  const { secret } = webhookConfig();
  if (!secret) throw unauthorized('No webhook executor is configured on this server');
  const check = verifySignature({
    secret,
    body: args.body,
    timestamp: args.headers.get(TIMESTAMP_HEADER),
    signature: args.headers.get(SIGNATURE_HEADER),
    now: args.now,
  });
  if (!check.ok) throw unauthorized(`Bad event signature: ${check.reason}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(args.body);
  } catch {
    throw badRequest('Body is not valid JSON');
  }
  const event = JobEventBody.parse(parsed);
  return withRawTransaction(async (client) => {
    const job = await loadJobRow(args.jobId, client);
    if (!job) throw notFound(`Job ${args.jobId}`);
    const seen = await queryOne<{ job_id: number }>(
      sql`SELECT job_id FROM job_event WHERE event_id = ${event.eventId}`,
      client,
    );
    if (seen) {
      if (Number(seen.job_id) !== job.id)
        throw new AppError(409, 'conflict', `Event ${event.eventId} belongs to another job`);
      return { eventId: event.eventId, duplicate: true, applied: false, status: job.status };
    }
    let current = job;
    let note: string | undefined;
    if (event.status === 'progress') {
      if (event.progressPct !== undefined) {
        await execute(
          sql`UPDATE ai_job SET progress_pct = ${event.progressPct}, updated_at = ${args.now} WHERE id = ${job.id}`,
          client,
        );
      }
    } else {
      const to = event.status;
      // A receiver may report "done" without having reported "running" first: the run started then.
      const path: JobStatus[] =
        current.status === 'scheduled' && to !== 'running' && to !== 'failed' ? ['running', to] : [to];
      for (const step of path) {
        const legal = checkTransition(current.status, step, 'executor');
        if (!legal.ok) {
          note = legal.message;
          break;
        }
        current = await applyJobTransition(client, current, step, WEBHOOK_EXECUTOR_ACTOR, {
          via: 'executor',
          now: args.now,
          reason: event.message ?? null,
          progressPct: event.progressPct,
        });
      }
    }
    await execute(
      sql`INSERT INTO job_event (event_id, job_id, received_at, status, payload, outcome)
          VALUES (${event.eventId}, ${job.id}, ${args.now}, ${event.status}, ${args.body}, ${note ? `ignored: ${note}` : 'applied'})`,
      client,
    );
    return { eventId: event.eventId, duplicate: false, applied: !note, status: current.status, note };
  });
}
