// GET /api/v1/sites/{id}/racks – racks of a site; POST – add a rack.

import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { createRack, listRacks } from '@/lib/inventory/racks';
import { RackCreate } from '@/lib/inventory/schemas';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => ({
  data: await listRacks(actor, IdParam.parse(params.id)),
}));

export const POST = route<P>(async ({ req, actor, params }) => {
  const rack = await createRack(actor, IdParam.parse(params.id), await parseJson(req, RackCreate));
  return Response.json(rack, { status: 201 });
});
