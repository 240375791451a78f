// Queues an event for every enabled endpoint that wants it, inside the caller's transaction: the
// event exists exactly when the change it reports was committed.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { execute, join, queryRows, sql } from '../db/raw';
import type { WebhookEventType } from './schemas';

type EndpointRow = { id: number; events: string | null };

export type WebhookEvent = { id: string; type: WebhookEventType; createdAt: string; data: unknown };

export async function emitEvent(
  client: pg.PoolClient | undefined,
  type: WebhookEventType,
  data: unknown,
  now: number,
  only?: { endpointId: number },
): Promise<number> {
  const endpoints = await queryRows<EndpointRow>(
    only
      ? sql`SELECT id, events FROM webhook_endpoint WHERE id = ${only.endpointId}`
      : sql`SELECT id, events FROM webhook_endpoint WHERE enabled = ${true}`,
    client,
  );
  const wanted = endpoints.filter(
    (e) => only || e.events === null || (JSON.parse(e.events) as string[]).includes(type),
  );
  if (wanted.length === 0) return 0;
  const event: WebhookEvent = { id: randomUUID(), type, createdAt: new Date(now).toISOString(), data };
  const payload = JSON.stringify(event);
  await execute(
    sql`INSERT INTO webhook_outbox (endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
        VALUES ${join(wanted.map((e) => sql`(${Number(e.id)}, ${event.id}, ${type}, ${payload}, 'pending', 0, ${now}, ${now})`))}`,
    client,
  );
  return wanted.length;
}
