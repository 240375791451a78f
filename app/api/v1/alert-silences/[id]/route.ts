// PATCH/DELETE /api/v1/alert-silences/{id} – extend or end a silence early.
import { SilenceUpdate } from '@/lib/alerts/schemas';
import { deleteSilence, updateSilence } from '@/lib/alerts/silences';
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const PATCH = route<P>(async ({ req, actor, params }) =>
  updateSilence(actor, IdParam.parse(params.id), await parseJson(req, SilenceUpdate)),
);

export const DELETE = route<P>(async ({ actor, params }) => {
  await deleteSilence(actor, IdParam.parse(params.id));
  return null;
});
