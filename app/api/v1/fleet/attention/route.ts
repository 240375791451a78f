// GET /api/v1/fleet/attention?siteId&limit – degraded and offline devices, worst first.
import { z } from 'zod';
import { IdParam } from '@/lib/http/params';
import { parseQuery, route } from '@/lib/http/route';
import { getWorstDevices } from '@/lib/telemetry/worst-devices';

const Query = z.object({
  siteId: IdParam.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const GET = route(async ({ req, actor }) => ({
  data: await getWorstDevices(actor, parseQuery(req, Query)),
}));
