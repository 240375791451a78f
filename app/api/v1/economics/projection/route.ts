// GET /api/v1/economics/projection?days&growthPctPerMonth|growthPctPerEpoch&siteId
// → { asOf, horizonDays, difficultyGrowthPctPerEpoch, difficultyGrowthPctPerMonth, inputs, summary, series[] }
import { parseQuery, route } from '@/lib/http/route';
import { getFleetProjection, ProjectionQuerySchema } from '@/lib/money/projection-live';

export const GET = route(async ({ req, actor }) =>
  getFleetProjection(actor, parseQuery(req, ProjectionQuerySchema), Date.now()),
);
