// POST /api/v1/devices/{id}/refresh – poll the device now ("refresh now").
import { refreshNow } from '@/lib/actions/refresh';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const POST = route<P>(async ({ actor, params }) =>
  refreshNow(actor, [IdParam.parse(params.id)], Date.now()),
);
