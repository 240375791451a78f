// GET /api/v1/economics/projection?days&growthPctPerMonth|growthPctPerEpoch&siteId
// → { asOf, horizonDays, difficultyGrowthPctPerEpoch, difficultyGrowthPctPerMonth, inputs, summary, series[] }

import { getFleetProjection, ProjectionQuerySchema } from '@/lib/economics/live/fleet-projection';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ req, actor }) =>
  getFleetProjection(actor, parseQuery(req, ProjectionQuerySchema), Date.now()),
);
