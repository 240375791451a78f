// PATCH/DELETE /api/v1/notification-targets/{id} (admin): enable, disable, retarget, remove.
import { deleteTarget, updateTarget } from '@/lib/alerts/notify/targets';
import { TargetUpdate } from '@/lib/alerts/schemas';
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

export const PATCH = route<{ id: string }>(async ({ req, actor, params }) =>
  updateTarget(actor, IdParam.parse(params.id), await parseJson(req, TargetUpdate)),
);

export const DELETE = route<{ id: string }>(async ({ actor, params }) => {
  await deleteTarget(actor, IdParam.parse(params.id));
  return null;
});
