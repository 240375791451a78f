// GET /api/v1/sites – sites with inventory counts; POST – create a site (admin).
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { SiteCreate } from '@/lib/inventory/schemas';
import { createSite, listSites } from '@/lib/inventory/sites';

export const GET = route(async ({ actor }) => ({ data: await listSites(actor) }));

export const POST = route(async ({ req, actor }) => {
  const site = await createSite(actor, await parseJson(req, SiteCreate));
  return Response.json(site, { status: 201 });
});
