// DELETE /api/v1/notification-targets/{id}
import { deleteTarget } from '@/lib/alerts/notify/targets';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

export const DELETE = route<{ id: string }>(async ({ actor, params }) => {
  await deleteTarget(actor, IdParam.parse(params.id));
  return null;
});
