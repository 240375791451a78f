// GET /api/v1/fleet/summary?siteId – counts by status, hashrate, power, J/TH, revenue, energy cost, margin.
import { getFleetSummary } from '@/lib/economics/live/fleet-summary';
import { SiteIdQuery } from '@/lib/http/params';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ req, actor }) =>
  getFleetSummary(actor, parseQuery(req, SiteIdQuery).siteId),
);
