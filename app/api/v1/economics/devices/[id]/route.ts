// GET /api/v1/economics/devices/{id} → { asOf, device, site, economics, provenance }
import { IdParam } from '@/lib/api/params';
import { route } from '@/lib/api/route';
import { getDeviceEconomics } from '@/lib/economics/live/money';

export const GET = route<{ id: string }>(async ({ actor, params }) =>
  getDeviceEconomics(actor, IdParam.parse(params.id), Date.now()),
);
