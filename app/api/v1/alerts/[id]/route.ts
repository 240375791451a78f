// GET /api/v1/alerts/{id} – one alert with its devices and timeline.
import { getAlert } from '@/lib/alerts/alerts';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

export const GET = route<{ id: string }>(async ({ actor, params }) =>
  getAlert(actor, IdParam.parse(params.id)),
);
