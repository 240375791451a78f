// GET /api/v1/webhooks/{id}/deliveries?limit – the delivery log, newest attempt first, and how many
// events still wait → { pending, data: [{ eventId, eventType, attempt, at, statusCode, error, … }] }.
import { IdParam } from '@/lib/http/params';
import { parseQuery, route } from '@/lib/http/route';
import { listWebhookDeliveries } from '@/lib/webhooks/endpoints';
import { DeliveryListQuery } from '@/lib/webhooks/schemas';

export const GET = route<{ id: string }>(async ({ req, actor, params }) =>
  listWebhookDeliveries(actor, IdParam.parse(params.id), parseQuery(req, DeliveryListQuery).limit),
);
