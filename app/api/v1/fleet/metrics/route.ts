// GET /api/v1/fleet/metrics?range|from&to[&step] – fleet hashrate, power, temperature over time.

import { RangeQuerySchema } from '@/lib/api/range';
import { parseQuery, route } from '@/lib/api/route';
import { getTotalsSeries } from '@/lib/telemetry/series';

export const GET = route(async ({ req, actor }) => getTotalsSeries(actor, parseQuery(req, RangeQuerySchema)));
