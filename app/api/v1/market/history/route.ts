// GET /api/v1/market/history?series=btc_usd,hashprice_usd_per_ph_day,site:3,gpu:h100-sxm&range=7d|from&to
// → { from, to, series: [{ key, label, unit, stepMs, providers, simulated, points: [{ ts, value }], reason }] }
import { RangeQuerySchema } from '@/lib/http/range';
import { parseQuery, route } from '@/lib/http/route';
import { getMarketHistory, HistorySeriesQuery } from '@/lib/market/views/history';

export const GET = route(async ({ req, actor }) => {
  const { from, to } = parseQuery(req, RangeQuerySchema);
  const { series } = parseQuery(req, HistorySeriesQuery);
  return getMarketHistory(actor, { series, from, to });
});
