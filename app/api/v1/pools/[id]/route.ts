// GET/PATCH/DELETE /api/v1/pools/{id}

import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { deletePool, getPool, updatePool } from '@/lib/workloads/pools';
import { PoolUpdate } from '@/lib/workloads/schemas';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getPool(actor, IdParam.parse(params.id)));

export const PATCH = route<P>(async ({ req, actor, params }) =>
  updatePool(actor, IdParam.parse(params.id), await parseJson(req, PoolUpdate)),
);

export const DELETE = route<P>(async ({ actor, params }) => {
  await deletePool(actor, IdParam.parse(params.id));
  return null;
});
