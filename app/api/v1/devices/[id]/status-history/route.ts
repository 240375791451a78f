// GET /api/v1/devices/{id}/status-history?range|from&to – recorded status changes, newest first.
import { IdParam } from '@/lib/http/params';
import { RangeQuerySchema } from '@/lib/http/range';
import { parseQuery, route } from '@/lib/http/route';
import { getStatusHistory } from '@/lib/telemetry/status-history';

export const GET = route<{ id: string }>(async ({ req, actor, params }) => ({
  data: await getStatusHistory(actor, IdParam.parse(params.id), parseQuery(req, RangeQuerySchema)),
}));
