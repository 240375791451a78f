// Webhook executor: job specs and status changes go out as signed POSTs from a database outbox
// (written in the transaction of the change), delivered by lib/outbox's loop: retried with back-off
// until the receiver answers 2xx, every attempt in the delivery log, one job's messages in order.
import { execute, queryOne, queryRows, sql } from '../../db/raw';
import { getEnv } from '../../env';
import { drainOutbox, type OutboxStore } from '../../outbox/drain';
import { postJson } from '../../outbox/post';
import { type Client, type JobRow, num } from '../rows';
import { signatureHeaders } from '../signature';
import type { Executor } from '.';

export const DELIVERY_HEADER = 'x-switchyard-delivery';

export type WebhookConfig = { url: string | null; secret: string | null };

export function webhookConfig(): WebhookConfig {
  const env = getEnv();
  return {
    url: env.SWITCHYARD_EXECUTOR_WEBHOOK_URL ?? null,
    secret: env.SWITCHYARD_EXECUTOR_WEBHOOK_SECRET ?? null,
  };
}

async function enqueue(
  client: Client,
  jobId: number,
  kind: 'dispatch' | 'status',
  payload: object,
  now: number,
) {
  await execute(
    sql`INSERT INTO executor_outbox (job_id, kind, payload, status, attempts, next_attempt_at, created_at)
        VALUES (${jobId}, ${kind}, ${JSON.stringify(payload)}, 'pending', 0, ${now}, ${now})`,
    client,
  );
}

function jobSpec(job: JobRow) {
  return {
    id: job.id,
    name: job.name,
    tenantId: job.tenant_id,
    gpuCount: job.gpu_count,
    gpuModel: job.gpu_model,
    minGpuMemoryGb: job.min_gpu_memory_gb,
    expectedHours: job.expected_hours,
    priceUsdPerGpuHour: job.price_usd_per_gpu_hour,
    deadline: job.deadline === null ? null : new Date(job.deadline).toISOString(),
    priority: job.priority,
    preemptible: Boolean(job.preemptible),
    checkpointIntervalMin: job.checkpoint_interval_min,
    multiNode: Boolean(job.multi_node),
  };
}

async function jobScheduled(client: Client, job: JobRow, now: number) {
  const placement = await queryRows<{
    id: number;
    name: string;
    serial: string;
    host: string | null;
    port: number | null;
    gpus: number | null;
  }>(
    sql`SELECT d.id, d.name, d.serial, d.host, d.port, a.gpus
        FROM device_workload w JOIN device d ON d.id = w.device_id JOIN assignment a ON a.id = w.assignment_id
        WHERE w.job_id = ${job.id} ORDER BY d.id`,
    client,
  );
  await enqueue(
    client,
    job.id,
    'dispatch',
    {
      type: 'job.dispatch',
      job: jobSpec(job),
      placement: placement.map((p) => ({
        deviceId: Number(p.id),
        name: p.name,
        serial: p.serial,
        host: p.host,
        port: num(p.port),
        gpus: num(p.gpus),
      })),
      callbackPath: `/api/v1/jobs/${job.id}/events`,
      at: new Date(now).toISOString(),
    },
    now,
  );
}

async function jobStatusChanged(client: Client, job: JobRow, now: number) {
  await enqueue(
    client,
    job.id,
    'status',
    {
      type: 'job.status',
      jobId: job.id,
      status: job.status,
      reason: job.status_reason,
      at: new Date(now).toISOString(),
    },
    now,
  );
}

type OutboxRow = { id: number; job_id: number; kind: string; payload: string; attempts: number };

/** Delivers due messages, oldest first, at most one in flight per job (a later one waits). */
export async function deliverOutbox(now: number, config = webhookConfig()): Promise<Record<string, number>> {
  const store: OutboxStore<OutboxRow> = {
    due: (at, limit) =>
      queryRows<OutboxRow>(
        sql`SELECT o.id, o.job_id, o.kind, o.payload, o.attempts FROM executor_outbox o
            WHERE o.status = 'pending' AND o.next_attempt_at <= ${at}
              AND NOT EXISTS (SELECT 1 FROM executor_outbox p WHERE p.job_id = o.job_id AND p.status = 'pending' AND p.id < o.id)
            ORDER BY o.id LIMIT ${limit}`,
      ),
    group: (row) => Number(row.job_id),
    async send(row) {
      if (!config.url || !config.secret) {
        throw new Error('no webhook executor configured (SWITCHYARD_EXECUTOR_WEBHOOK_URL / _SECRET)');
      }
      return postJson(config.url, row.payload, {
        [DELIVERY_HEADER]: String(row.id),
        ...signatureHeaders(config.secret, row.payload, Date.now()),
      });
    },
    async logAttempt(row, r, at) {
      await execute(
        sql`INSERT INTO executor_delivery (outbox_id, attempt, ts, url, status_code, error, duration_ms)
            VALUES (${row.id}, ${r.attempt}, ${at}, ${config.url ?? ''}, ${r.statusCode}, ${r.error}, ${r.durationMs})`,
      );
    },
    async settle(row, outcome, at) {
      if (outcome.kind === 'delivered') {
        await execute(
          sql`UPDATE executor_outbox SET status = 'delivered', attempts = ${outcome.attempt}, delivered_at = ${at}, last_error = NULL WHERE id = ${row.id}`,
        );
      } else if (outcome.kind === 'retry') {
        await execute(
          sql`UPDATE executor_outbox SET attempts = ${outcome.attempt}, last_error = ${outcome.error}, next_attempt_at = ${outcome.retryAt} WHERE id = ${row.id}`,
        );
      }
    },
  };
  const { delivered, failed } = await drainOutbox(store, now);
  const pending = await queryOne<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM executor_outbox WHERE status = 'pending'`,
  );
  return { delivered, failed, pending: Number(pending?.n ?? 0) };
}

export const webhookExecutor: Executor = {
  kind: 'webhook',
  jobScheduled,
  jobStatusChanged,
  tick: (now) => deliverOutbox(now),
};
