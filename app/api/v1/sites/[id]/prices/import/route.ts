// POST /api/v1/sites/{id}/prices/import?timeZone&currency&stepMinutes – CSV `timestamp,price[,currency]`.
// 201 { imported, rowCount, from, to, inUse, warning } or 422 { error: { code: 'invalid_csv',
//   details: { issues: [{ line, kind, message }], rowCount, truncated } } }; nothing is stored on error.
import { z } from 'zod';
import { readCsv } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { parseQuery, route } from '@/lib/http/route';
import { importSitePriceCsv } from '@/lib/market/electricity/price-import';
import { isValidTimeZone } from '@/lib/time/zone';

const CSV_LIMITS = { maxBytes: 5_000_000, maxInflatedBytes: 20_000_000 };

const Query = z.strictObject({
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter currency code')
    .optional(),
  stepMinutes: z.coerce
    .number()
    .pipe(z.union([z.literal(15), z.literal(30), z.literal(60)]))
    .optional(),
});

export const POST = route<{ id: string }>(async ({ req, actor, params }) => {
  const siteId = IdParam.parse(params.id);
  const options = parseQuery(req, Query);
  const result = await importSitePriceCsv(actor, siteId, await readCsv(req, CSV_LIMITS), options, Date.now());
  return Response.json(result, { status: 201 });
});
