// GET /api/v1/agent/sites/{id}/devices – the polled devices of a site, for its site agent (viewer)
// (a tenant's token gets its own machines only) and the site's poll interval.
import { listAgentDevices } from '@/lib/collectors/agent-api';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => listAgentDevices(actor, IdParam.parse(params.id)));
