// GET /api/v1/fleet/attention?siteId&limit – degraded and offline devices, worst first.
import { parseQuery, route } from '@/lib/http/route';
import { getWorstDevices, WorstDevicesQuery } from '@/lib/telemetry/worst-devices';

export const GET = route(async ({ req, actor }) => ({
  data: await getWorstDevices(actor, parseQuery(req, WorstDevicesQuery)),
}));
