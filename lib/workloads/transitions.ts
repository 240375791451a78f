// Job status changes: checked against the lifecycle, guarded by the job's version, recorded with
// actor and time, and — when the job lets go of its devices — the devices return to idle in the
// same transaction. External executors learn of changes they did not cause through the outbox.
import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { execute, queryRows, sql, withRawTransaction } from '../db/raw';
import { conflict, notFound } from '../errors';
import { emitEvent } from '../webhooks/emit';
import { executorFor } from './executors';
import { checkTransition, holdsDevices, type JobStatus, type TransitionVia } from './lifecycle';
import { actorColumns, type Client, type JobRow, loadJobRow, replaceDeviceWorkload } from './rows';

export type TransitionOptions = {
  via: TransitionVia;
  reason?: string | null;
  progressPct?: number;
  now: number;
};

/** Inside a transaction: one status change of a loaded job row. Throws 409 when illegal or raced. */
export async function applyJobTransition(
  client: Client,
  job: JobRow,
  to: JobStatus,
  actor: Actor,
  options: TransitionOptions,
): Promise<JobRow> {
  const check = checkTransition(job.status, to, options.via);
  if (!check.ok) throw conflict(check.message, { from: job.status, to, allowed: check.allowed });
  const { now } = options;
  const progress = to === 'done' ? 100 : (options.progressPct ?? job.progress_pct);
  const changed = await execute(
    sql`UPDATE ai_job SET status = ${to}, status_reason = ${options.reason ?? null}, progress_pct = ${progress},
          version = version + 1, updated_at = ${now}
        WHERE id = ${job.id} AND version = ${job.version}`,
    client,
  );
  if (changed === 0) throw conflict(`Job ${job.id} changed concurrently; reload and retry`);
  const a = actorColumns(actor);
  await execute(
    sql`INSERT INTO job_transition (job_id, from_status, to_status, ts, actor_kind, actor_id, actor_name, reason)
        VALUES (${job.id}, ${job.status}, ${to}, ${now}, ${a.kind}, ${a.id}, ${a.name}, ${options.reason ?? null})`,
    client,
  );
  if (holdsDevices(job.status) && !holdsDevices(to)) await releaseJobDevices(client, job.id, actor, now);
  const next: JobRow = {
    ...job,
    status: to,
    status_reason: options.reason ?? null,
    progress_pct: progress,
    version: job.version + 1,
    updated_at: now,
  };
  await emitEvent(
    client,
    'job.status_changed',
    { jobId: job.id, name: job.name, from: job.status, to, reason: options.reason ?? null, via: options.via },
    now,
  );
  // The executor caused its own reports, and a placement reaches it as the dispatch message.
  if (options.via === 'request') await executorFor(job.executor).jobStatusChanged(client, next, now);
  return next;
}

/** Devices the job held go back to idle; their job assignment ends now. */
async function releaseJobDevices(client: Client, jobId: number, actor: Actor, now: number) {
  const held = await queryRows<{ device_id: number; version: number }>(
    sql`SELECT device_id, version FROM device_workload WHERE job_id = ${jobId} ORDER BY device_id`,
    client,
  );
  for (const d of held) {
    const result = await replaceDeviceWorkload(
      client,
      {
        deviceId: Number(d.device_id),
        kind: 'idle',
        source: 'rule',
        reason: `job ${jobId} released the device`,
      },
      Number(d.version),
      actor,
      now,
    );
    if (!result.ok) throw conflict(`Device ${d.device_id} changed concurrently; retry`);
  }
}

/** POST /api/v1/jobs/{id}/transitions: an operator (or the job's tenant) moves a job on. */
export async function transitionJob(
  actor: Actor,
  jobId: number,
  to: JobStatus,
  reason: string | undefined,
  now: number,
): Promise<{ id: number; status: JobStatus }> {
  requireRole(actor, 'operator');
  const job = await withRawTransaction(async (client) => {
    const row = await loadJobRow(jobId, client, actor.tenantId);
    if (!row) throw notFound(`Job ${jobId}`);
    return applyJobTransition(client, row, to, actor, { via: 'request', reason, now });
  });
  await recordAudit(actor, 'job.transition', `job:${jobId}`, { to });
  return { id: job.id, status: job.status };
}
