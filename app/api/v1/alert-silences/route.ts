// GET /api/v1/alert-silences; POST – create one (staff operator).
import { SilenceCreate } from '@/lib/alerts/schemas';
import { createSilence, listSilences } from '@/lib/alerts/silences';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const GET = route(async ({ actor }) => ({ data: await listSilences(actor) }));

export const POST = route(async ({ req, actor }) => {
  const silence = await createSilence(actor, await parseJson(req, SilenceCreate));
  return Response.json(silence, { status: 201 });
});
