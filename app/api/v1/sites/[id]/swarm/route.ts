// GET /api/v1/sites/{id}/swarm – the site's micro-miners: best difficulties, shares, solo odds, firmware.
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { getSiteSwarm } from '@/lib/swarm/swarm';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getSiteSwarm(actor, IdParam.parse(params.id)));
