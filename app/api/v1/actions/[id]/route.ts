// GET /api/v1/actions/{id} – { id, deviceId, action, status, reason?, … }
import { getAction } from '@/lib/actions/requests';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getAction(actor, IdParam.parse(params.id)));
