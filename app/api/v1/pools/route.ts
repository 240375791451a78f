// GET /api/v1/pools – pool profiles; POST – create one (operator).
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { createPool, listPools } from '@/lib/workloads/pools';
import { PoolCreate } from '@/lib/workloads/schemas';

export const GET = route(async ({ actor }) => ({ data: await listPools(actor) }));

export const POST = route(async ({ req, actor }) => {
  const pool = await createPool(actor, await parseJson(req, PoolCreate));
  return Response.json(pool, { status: 201 });
});
