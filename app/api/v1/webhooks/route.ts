// GET /api/v1/webhooks – event webhook endpoints; POST { name, url, events? } – create one; the
// signing secret is in this answer only (staff admin).
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { createWebhook, listWebhooks } from '@/lib/webhooks/endpoints';
import { WebhookCreate } from '@/lib/webhooks/schemas';

export const GET = route(async ({ actor }) => ({ data: await listWebhooks(actor) }));

export const POST = route(async ({ req, actor }) => {
  const endpoint = await createWebhook(actor, await parseJson(req, WebhookCreate, { maxBytes: 10_000 }));
  return Response.json(endpoint, { status: 201 });
});
