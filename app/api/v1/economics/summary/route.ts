// GET /api/v1/economics/summary?siteId → { asOf, fleet, sites: [{ …terms, mining, ai, totals, costPerBtcUsd,
//   models: [{ revenue/cost/margin per day, breakeven $/MWh nameplate + measured }] }], provenance }
import { getEconomicsSummary } from '@/lib/economics/live/money';
import { SiteIdQuery } from '@/lib/http/params';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ req, actor }) =>
  getEconomicsSummary(actor, parseQuery(req, SiteIdQuery), Date.now()),
);
