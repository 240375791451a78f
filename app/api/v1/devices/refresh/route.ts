// POST /api/v1/devices/refresh { deviceIds } – poll a selection now ("refresh now").
import { z } from 'zod';
import { refreshNow } from '@/lib/actions/refresh';
import { MAX_BULK_DEVICES } from '@/lib/actions/types';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

const RefreshInput = z
  .object({ deviceIds: z.array(z.number().int().positive()).min(1).max(MAX_BULK_DEVICES) })
  .strict();

export const POST = route(async ({ req, actor }) =>
  refreshNow(actor, (await parseJson(req, RefreshInput, { maxBytes: 2_000_000 })).deviceIds, Date.now()),
);
