// GET /api/v1/devices/{id}/metrics?range|from&to[&step] – chart series (≤ 1,500 points, bucket chosen server-side).
import { IdParam } from '@/lib/http/params';
import { RangeQuerySchema } from '@/lib/http/range';
import { parseQuery, route } from '@/lib/http/route';
import { getDeviceSeries } from '@/lib/telemetry/series';

export const GET = route<{ id: string }>(async ({ req, actor, params }) =>
  getDeviceSeries(actor, IdParam.parse(params.id), parseQuery(req, RangeQuerySchema)),
);
