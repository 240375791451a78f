// GET /api/v1/alerts?status=firing|acknowledged|resolved|open&deviceId=&ruleId=&severity=&limit=
import { listAlerts } from '@/lib/alerts/alerts';
import { AlertsQuery } from '@/lib/alerts/schemas';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ req, actor }) => ({
  data: await listAlerts(actor, parseQuery(req, AlertsQuery)),
}));
