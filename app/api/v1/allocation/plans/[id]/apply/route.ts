// POST /api/v1/allocation/plans/{id}/apply – the plan's first-interval decisions become assignments,
// with a status per device; earlier applied plans on the same sites become superseded.
import { applyPlan } from '@/lib/allocation/plans/apply';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const POST = route<P>(async ({ actor, params }) =>
  applyPlan(actor, IdParam.parse(params.id), Date.now()),
);
