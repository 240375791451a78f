// POST /api/v1/alerts/{id}/ack { note? } – firing → acknowledged.
import { acknowledgeAlert } from '@/lib/alerts/alerts';
import { AckBody } from '@/lib/alerts/schemas';
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

export const POST = route<{ id: string }>(async ({ req, actor, params }) => {
  const id = IdParam.parse(params.id);
  const body = await parseJson(req, AckBody);
  return acknowledgeAlert(actor, id, body.note);
});
