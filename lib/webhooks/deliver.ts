// Delivers due events from the webhook outbox, signed: `x-switchyard-signature: sha256=<hex>` is the
// HMAC-SHA256 of `<x-switchyard-timestamp>.<body>` under the endpoint's secret (lib/workloads/signature,
// the same scheme as the job executor). Every attempt is logged; a failure retries with back-off
// (5 s doubling to 15 min) and is never dropped; receivers deduplicate on `x-switchyard-event-id`.
import { retryDelayMs } from '../alerts/notify/message';
import { getDb } from '../db/client';
import { signatureHeaders } from '../workloads/signature';

const BATCH = 50;
const TIMEOUT_MS = 5_000;

export const EVENT_TYPE_HEADER = 'x-switchyard-event';
export const EVENT_ID_HEADER = 'x-switchyard-event-id';

export type WebhookDeliverySummary = { attempted: number; delivered: number; failed: number };

async function post(
  url: string,
  secret: string,
  row: { eventId: string; eventType: string; payload: string },
) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'switchyard-webhooks',
      [EVENT_TYPE_HEADER]: row.eventType,
      [EVENT_ID_HEADER]: row.eventId,
      ...signatureHeaders(secret, row.payload, Date.now()),
    },
    body: row.payload,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: 'error',
  });
  await res.body?.cancel();
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { statusCode: res.status });
  return res.status;
}

/** One pass over due events, oldest first. An endpoint that fails is not tried again in the pass. */
export async function deliverWebhooks(now: number): Promise<WebhookDeliverySummary> {
  const db = getDb();
  const due = await db.webhookOutbox.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: BigInt(now) } },
    orderBy: { id: 'asc' },
    take: BATCH,
  });
  const summary: WebhookDeliverySummary = { attempted: 0, delivered: 0, failed: 0 };
  if (due.length === 0) return summary;
  const endpoints = new Map(
    (await db.webhookEndpoint.findMany({ where: { id: { in: due.map((d) => d.endpointId) } } })).map((e) => [
      e.id,
      e,
    ]),
  );
  const failing = new Set<number>();
  for (const row of due) {
    // Keep each endpoint's events in order: after a failure its later events wait for the retry.
    if (failing.has(row.endpointId)) continue;
    const endpoint = endpoints.get(row.endpointId);
    const attempt = row.attempts + 1;
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    summary.attempted++;
    try {
      if (!endpoint) throw new Error('endpoint deleted');
      statusCode = await post(endpoint.url, endpoint.secret, row);
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      statusCode = (e as { statusCode?: number }).statusCode ?? null;
    }
    const at = BigInt(now);
    await db.webhookDelivery.create({
      data: {
        outboxId: row.id,
        endpointId: row.endpointId,
        attempt,
        ts: at,
        statusCode,
        error,
        durationMs: Date.now() - started,
      },
    });
    if (error === null) summary.delivered++;
    else {
      summary.failed++;
      failing.add(row.endpointId);
    }
    const retryAt = BigInt(now + retryDelayMs(attempt));
    await db.webhookOutbox.update({
      where: { id: row.id },
      data:
        error === null
          ? { status: 'delivered', attempts: attempt, deliveredAt: at, lastError: null }
          : endpoint
            ? { attempts: attempt, lastError: error, nextAttemptAt: retryAt }
            : { status: 'orphaned', attempts: attempt, lastError: error },
    });
    if (error !== null && endpoint) {
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
    }
  }
  return summary;
}
