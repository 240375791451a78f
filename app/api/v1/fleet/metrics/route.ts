// GET /api/v1/fleet/metrics?range|from&to[&step] – fleet hashrate, power, temperature over time.

import { RangeQuerySchema } from '@/lib/http/range';
import { parseQuery, route } from '@/lib/http/route';
import { getTotalsSeries } from '@/lib/telemetry/series';

export const GET = route(async ({ req, actor }) => getTotalsSeries(actor, parseQuery(req, RangeQuerySchema)));
