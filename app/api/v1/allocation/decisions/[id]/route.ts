// GET /api/v1/allocation/decisions/{id} – one decision explained: the plan's reasons for the site's
// devices and a re-run of its stored inputs through the same engine.
import { explainDecision } from '@/lib/allocation/plans/decisions';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => explainDecision(actor, IdParam.parse(params.id)));
