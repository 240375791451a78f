// POST /api/v1/webhooks/{id}/test – queue a `webhook.test` event for this endpoint only.
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { sendTestEvent } from '@/lib/webhooks/endpoints';

export const POST = route<{ id: string }>(async ({ actor, params }) =>
  sendTestEvent(actor, IdParam.parse(params.id)),
);
