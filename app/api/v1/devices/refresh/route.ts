// POST /api/v1/devices/refresh { deviceIds } – poll a selection now ("refresh now").
import { refreshNow } from '@/lib/actions/refresh';
import { RefreshInput } from '@/lib/actions/types';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const POST = route(async ({ req, actor }) =>
  refreshNow(actor, (await parseJson(req, RefreshInput, { maxBytes: 2_000_000 })).deviceIds, Date.now()),
);
