// POST /api/v1/sites/{id}/prices/import?timeZone&currency&stepMinutes – CSV `timestamp,price[,currency]`.
// 201 { imported, rowCount, from, to, inUse, warning } or 422 { error: { code: 'invalid_csv',
//   details: { issues: [{ line, kind, message }], rowCount, truncated } } }; nothing is stored on error.
import { readCsv } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { parseQuery, route } from '@/lib/http/route';
import { importSitePriceCsv, PriceImportQuery } from '@/lib/market/electricity/price-import';

const CSV_LIMITS = { maxBytes: 5_000_000, maxInflatedBytes: 20_000_000 };

export const POST = route<{ id: string }>(async ({ req, actor, params }) => {
  const siteId = IdParam.parse(params.id);
  const options = parseQuery(req, PriceImportQuery);
  const result = await importSitePriceCsv(actor, siteId, await readCsv(req, CSV_LIMITS), options, Date.now());
  return Response.json(result, { status: 201 });
});
