// GET/POST /api/v1/notification-targets – webhook and e-mail targets (admin).

import { createTarget, listTargets } from '@/lib/alerts/notify/targets';
import { TargetCreate } from '@/lib/alerts/schemas';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const GET = route(async ({ actor }) => ({ data: await listTargets(actor) }));

export const POST = route(async ({ req, actor }) => {
  const target = await createTarget(actor, await parseJson(req, TargetCreate));
  return Response.json(target, { status: 201 });
});
