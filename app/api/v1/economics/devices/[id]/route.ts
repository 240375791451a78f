// GET /api/v1/economics/devices/{id} → { asOf, device, site, economics, provenance }

import { getDeviceEconomics } from '@/lib/economics/live/money';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

export const GET = route<{ id: string }>(async ({ actor, params }) =>
  getDeviceEconomics(actor, IdParam.parse(params.id), Date.now()),
);
