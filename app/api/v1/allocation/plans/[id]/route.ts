// GET /api/v1/allocation/plans/{id} – a plan with its inputs snapshot (for the browser what-if).
import { getPlan } from '@/lib/allocation/plans/plans';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getPlan(actor, IdParam.parse(params.id)));
