// GET /api/v1/market/history?series=btc_usd,hashprice_usd_per_ph_day,site:3,gpu:h100-sxm&range=7d|from&to
// → { from, to, series: [{ key, label, unit, stepMs, providers, simulated, points: [{ ts, value }], reason }] }
import { z } from 'zod';
import { RangeQuerySchema } from '@/lib/http/range';
import { parseQuery, route } from '@/lib/http/route';
import { getMarketHistory, HISTORY_SERIES_PATTERN } from '@/lib/market/views/history';

const SeriesQuery = z.object({
  series: z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(HISTORY_SERIES_PATTERN, 'unknown series'))
        .min(1, 'name at least one series')
        .max(20, 'at most 20 series'),
    ),
});

export const GET = route(async ({ req, actor }) => {
  const { from, to } = parseQuery(req, RangeQuerySchema);
  const { series } = parseQuery(req, SeriesQuery);
  return getMarketHistory(actor, { series, from, to });
});
