// GET /api/v1/actions?batchId&deviceId&status&limit – actions newest first (with the batch's
// progress when batchId is given); POST { deviceIds | filter, action, …, expectedCount?, batchSize?,
// intervalS? } → 202 { batchId, total } – a staggered bulk action.
import { listActions, requestBulkAction } from '@/lib/actions/requests';
import { ActionListQuery, BulkActionInput } from '@/lib/actions/types';
import { parseJson } from '@/lib/http/body';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ req, actor }) => listActions(actor, parseQuery(req, ActionListQuery)));

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
