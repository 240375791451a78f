// Webhook endpoints and their delivery log: admin only, events leave the building.
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/record';
import { type Actor, requireStaff } from '../auth/actor';
import { getDb } from '../db/client';
import type { WebhookEndpoint } from '../db/generated/sqlite/client';
import { notFound } from '../errors';
import { emitEvent } from './emit';
import type { WebhookCreate, WebhookUpdate } from './schemas';

const view = (e: WebhookEndpoint) => ({
  id: e.id,
  name: e.name,
  url: e.url,
  events: e.events ? (JSON.parse(e.events) as string[]) : null,
  enabled: e.enabled,
  createdAt: new Date(Number(e.createdAt)).toISOString(),
});

export type WebhookEndpointView = ReturnType<typeof view>;

async function find(id: number) {
  const row = await getDb().webhookEndpoint.findUnique({ where: { id } });
  if (!row) throw notFound(`Webhook ${id}`);
  return row;
}

export async function listWebhooks(actor: Actor): Promise<WebhookEndpointView[]> {
  requireStaff(actor, 'admin');
  return (await getDb().webhookEndpoint.findMany({ orderBy: { id: 'asc' } })).map(view);
}

/** The secret is returned here only: receivers verify signatures with it. */
export async function createWebhook(actor: Actor, input: WebhookCreate, now = Date.now()) {
  requireStaff(actor, 'admin');
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const row = await getDb().webhookEndpoint.create({
    data: {
      name: input.name,
      url: input.url,
      secret,
      events: input.events ? JSON.stringify(input.events) : null,
      enabled: input.enabled,
      createdAt: BigInt(now),
    },
  });
  await recordAudit(actor, 'webhook.create', `webhook:${row.id}`, { url: row.url });
  return { ...view(row), secret };
}

export async function updateWebhook(actor: Actor, id: number, input: WebhookUpdate) {
  requireStaff(actor, 'admin');
  await find(id);
  const row = await getDb().webhookEndpoint.update({
    where: { id },
    data: {
      name: input.name,
      url: input.url,
      events: input.events === undefined ? undefined : input.events ? JSON.stringify(input.events) : null,
      enabled: input.enabled,
    },
  });
  await recordAudit(actor, 'webhook.update', `webhook:${id}`, input);
  return view(row);
}

export async function deleteWebhook(actor: Actor, id: number) {
  requireStaff(actor, 'admin');
  await find(id);
  await getDb().webhookEndpoint.delete({ where: { id } });
  await recordAudit(actor, 'webhook.delete', `webhook:${id}`);
}

/** Queues a `webhook.test` event for this endpoint only (delivered by the next pass). */
export async function sendTestEvent(actor: Actor, id: number, now = Date.now()) {
  requireStaff(actor, 'admin');
  const row = await find(id);
  await emitEvent(undefined, 'webhook.test', { endpointId: row.id, name: row.name }, now, { endpointId: id });
  return { queued: true };
}

/** Newest attempts first, with the event each one carried. */
export async function listWebhookDeliveries(actor: Actor, id: number, limit: number) {
  requireStaff(actor, 'admin');
  await find(id);
  const db = getDb();
  const deliveries = await db.webhookDelivery.findMany({
    where: { endpointId: id },
    orderBy: { id: 'desc' },
    take: limit,
  });
  const outbox = new Map(
    (
      await db.webhookOutbox.findMany({
        where: { id: { in: [...new Set(deliveries.map((d) => d.outboxId))] } },
      })
    ).map((o) => [o.id, o]),
  );
  const pending = await db.webhookOutbox.count({ where: { endpointId: id, status: 'pending' } });
  return {
    pending,
    data: deliveries.map((d) => {
      const o = outbox.get(d.outboxId);
      return {
        id: d.id,
        eventId: o?.eventId ?? null,
        eventType: o?.eventType ?? null,
        attempt: d.attempt,
        at: new Date(Number(d.ts)).toISOString(),
        statusCode: d.statusCode,
        error: d.error,
        durationMs: d.durationMs,
        eventStatus: o?.status ?? null,
        nextAttemptAt: o && o.status === 'pending' ? new Date(Number(o.nextAttemptAt)).toISOString() : null,
      };
    }),
  };
}
