// GET/PATCH/DELETE /api/v1/sites/{id}

import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { SiteUpdate } from '@/lib/inventory/schemas';
import { deleteSite, getSite, updateSite } from '@/lib/inventory/sites';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getSite(actor, IdParam.parse(params.id)));

export const PATCH = route<P>(async ({ req, actor, params }) =>
  updateSite(actor, IdParam.parse(params.id), await parseJson(req, SiteUpdate)),
);

export const DELETE = route<P>(async ({ actor, params }) => {
  await deleteSite(actor, IdParam.parse(params.id));
  return null;
});
