// GET /api/v1/allocation/decisions?siteId&planId&mode&limit – the decision log, newest first.
import { listDecisions } from '@/lib/allocation/plans/decisions';
import { DecisionListQuery } from '@/lib/allocation/plans/schemas';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ req, actor }) => listDecisions(actor, parseQuery(req, DecisionListQuery)));
