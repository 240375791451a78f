// GET /api/v1/economics/devices/{id} → { asOf, device, site, economics, provenance }
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { getDeviceEconomics } from '@/lib/money/economics';

export const GET = route<{ id: string }>(async ({ actor, params }) =>
  getDeviceEconomics(actor, IdParam.parse(params.id), Date.now()),
);
