// GET /api/v1/sites/{id}/prices?from&to|range → { siteId, contractKind, provider, simulated, now,
//   averageUsdPerMwh, points: [{ intervalStart, intervalEnd, priceUsdPerMwh, marketPriceUsdPerMwh, provider }], reason }
// `to` may lie ahead of now (next 24 h preview of day-ahead prices).
import { IdParam } from '@/lib/http/params';
import { RangeQuerySchema } from '@/lib/http/range';
import { parseQuery, route } from '@/lib/http/route';
import { getSitePrices } from '@/lib/market/electricity/site-price-views';

export const GET = route<{ id: string }>(async ({ req, actor, params }) => {
  const { from, to, now } = parseQuery(req, RangeQuerySchema);
  return getSitePrices(actor, IdParam.parse(params.id), { from, to }, now);
});
