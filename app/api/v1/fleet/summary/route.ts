// GET /api/v1/fleet/summary?siteId – counts by status, hashrate, power, J/TH, revenue, energy cost, margin.
import { z } from 'zod';
import { getFleetSummary } from '@/lib/economics/live/fleet-summary';
import { IdParam } from '@/lib/http/params';
import { parseQuery, route } from '@/lib/http/route';

const Query = z.object({ siteId: IdParam.optional() });

export const GET = route(async ({ req, actor }) => getFleetSummary(actor, parseQuery(req, Query).siteId));
