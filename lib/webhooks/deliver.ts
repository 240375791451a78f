// Delivers due events from the webhook outbox, signed: `x-switchyard-signature: sha256=<hex>` is the
// HMAC-SHA256 of `<x-switchyard-timestamp>.<body>` under the endpoint's secret (lib/workloads/signature,
// the same scheme as the job executor). The loop is lib/outbox's: every attempt logged, a failure
// retried with back-off and never dropped; receivers deduplicate on `x-switchyard-event-id`.
import { getDb } from '../db/client';
import { type DrainSummary, drainOutbox, type OutboxStore } from '../outbox/drain';
import { postJson } from '../outbox/post';
import { signatureHeaders } from '../workloads/signature';

export const EVENT_TYPE_HEADER = 'x-switchyard-event';
export const EVENT_ID_HEADER = 'x-switchyard-event-id';

export type WebhookDeliverySummary = DrainSummary;

type Row = {
  id: number;
  attempts: number;
  endpointId: number;
  eventId: string;
  eventType: string;
  payload: string;
};
type Endpoint = { id: number; url: string; secret: string };

/** One pass over due events, oldest first; each endpoint's events go out in order. */
export async function deliverWebhooks(now: number): Promise<WebhookDeliverySummary> {
  const db = getDb();
  const endpoints = new Map<number, Endpoint>();
  const store: OutboxStore<Row> = {
    async due(at, limit) {
      const rows = await db.webhookOutbox.findMany({
        where: { status: 'pending', nextAttemptAt: { lte: BigInt(at) } },
        orderBy: { id: 'asc' },
        take: limit,
      });
      const ids = [...new Set(rows.map((r) => r.endpointId))];
      for (const e of await db.webhookEndpoint.findMany({ where: { id: { in: ids } } }))
        endpoints.set(e.id, e);
      return rows;
    },
    orphaned: (row) => !endpoints.has(row.endpointId),
    group: (row) => row.endpointId,
    send(row) {
      const endpoint = endpoints.get(row.endpointId) as Endpoint;
      return postJson(endpoint.url, row.payload, {
        'user-agent': 'switchyard-webhooks',
        [EVENT_TYPE_HEADER]: row.eventType,
        [EVENT_ID_HEADER]: row.eventId,
        ...signatureHeaders(endpoint.secret, row.payload, Date.now()),
      });
    },
    async logAttempt(row, r, at) {
      await db.webhookDelivery.create({
        data: {
          outboxId: row.id,
          endpointId: row.endpointId,
          attempt: r.attempt,
          ts: BigInt(at),
          statusCode: r.statusCode,
          error: r.error,
          durationMs: r.durationMs,
        },
      });
    },
    async settle(row, outcome, at) {
      if (outcome.kind === 'delivered') {
        await db.webhookOutbox.update({
          where: { id: row.id },
          data: { status: 'delivered', attempts: outcome.attempt, deliveredAt: BigInt(at), lastError: null },
        });
        return;
      }
      if (outcome.kind === 'orphaned') {
        await db.webhookOutbox.update({
          where: { id: row.id },
          data: { status: 'orphaned', attempts: outcome.attempt, lastError: outcome.error },
        });
        return;
      }
      const retryAt = BigInt(outcome.retryAt);
      await db.webhookOutbox.update({
        where: { id: row.id },
        data: { attempts: outcome.attempt, lastError: outcome.error, nextAttemptAt: retryAt },
      });
      // The endpoint's later events wait with it, so order holds across the retry.
      await db.webhookOutbox.updateMany({
        where: {
          endpointId: row.endpointId,
          status: 'pending',
          id: { gt: row.id },
          nextAttemptAt: { lt: retryAt },
        },
        data: { nextAttemptAt: retryAt },
      });
    },
  };
  return drainOutbox(store, now);
}
