// GET /api/v1/devices/{id}/status-history?range|from&to – recorded status changes, newest first.
import { IdParam } from '@/lib/api/params';
import { RangeQuerySchema } from '@/lib/api/range';
import { parseQuery, route } from '@/lib/api/route';
import { getStatusHistory } from '@/lib/telemetry/status-history';

export const GET = route<{ id: string }>(async ({ req, actor, params }) => ({
  data: await getStatusHistory(actor, IdParam.parse(params.id), parseQuery(req, RangeQuerySchema)),
}));
