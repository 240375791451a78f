// GET /api/v1/tenants – hosting clients with terms and counts (a client sees its own); POST – create one (staff admin).
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { createTenant, listTenants, TenantCreate } from '@/lib/tenants/tenants';

export const GET = route(async ({ actor }) => ({ data: await listTenants(actor) }));

export const POST = route(async ({ req, actor }) => {
  const tenant = await createTenant(actor, await parseJson(req, TenantCreate, { maxBytes: 10_000 }));
  return Response.json(tenant, { status: 201 });
});
