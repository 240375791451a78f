// GET /api/v1/actions?batchId&deviceId&status&limit – actions newest first (with the batch's
// progress when batchId is given); POST { deviceIds | filter, action, …, expectedCount?, batchSize?,
// intervalS? } → 202 { batchId, total } – a staggered bulk action.
import { z } from 'zod';
import { listActions, requestBulkAction } from '@/lib/actions/requests';
import { ACTION_STATUSES, BulkActionInput } from '@/lib/actions/types';
import { parseJson } from '@/lib/http/body';
import { parseQuery, route } from '@/lib/http/route';

const ListQuery = z.object({
  batchId: z.string().uuid().optional(),
  deviceId: z.coerce.number().int().positive().optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const GET = route(async ({ req, actor }) => listActions(actor, parseQuery(req, ListQuery)));

export const POST = route(async ({ req, actor }) =>
  Response.json(
    await requestBulkAction(
      actor,
      await parseJson(req, BulkActionInput, { maxBytes: 2_000_000 }),
      Date.now(),
    ),
    { status: 202 },
  ),
);
