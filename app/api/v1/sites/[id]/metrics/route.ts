// GET /api/v1/sites/{id}/metrics?range|from&to[&step] – site power, hashrate, temperature over time.
import { IdParam } from '@/lib/http/params';
import { RangeQuerySchema } from '@/lib/http/range';
import { parseQuery, route } from '@/lib/http/route';
import { getTotalsSeries } from '@/lib/telemetry/series';

export const GET = route<{ id: string }>(async ({ req, actor, params }) =>
  getTotalsSeries(actor, parseQuery(req, RangeQuerySchema), IdParam.parse(params.id)),
);
