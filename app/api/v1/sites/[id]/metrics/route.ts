// GET /api/v1/sites/{id}/metrics?range|from&to[&step] – site power, hashrate, temperature over time.
import { IdParam } from '@/lib/api/params';
import { RangeQuerySchema } from '@/lib/api/range';
import { parseQuery, route } from '@/lib/api/route';
import { getTotalsSeries } from '@/lib/telemetry/series';

export const GET = route<{ id: string }>(async ({ req, actor, params }) =>
  getTotalsSeries(actor, parseQuery(req, RangeQuerySchema), IdParam.parse(params.id)),
);
