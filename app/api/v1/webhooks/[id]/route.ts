// PATCH /api/v1/webhooks/{id} { name?, url?, events?, enabled? }; DELETE – remove the endpoint.
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { deleteWebhook, updateWebhook } from '@/lib/webhooks/endpoints';
import { WebhookUpdate } from '@/lib/webhooks/schemas';

type P = { id: string };

export const PATCH = route<P>(async ({ req, actor, params }) =>
  updateWebhook(actor, IdParam.parse(params.id), await parseJson(req, WebhookUpdate, { maxBytes: 10_000 })),
);

export const DELETE = route<P>(async ({ actor, params }) => {
  await deleteWebhook(actor, IdParam.parse(params.id));
  return null;
});
