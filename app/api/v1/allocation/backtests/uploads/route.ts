// POST /api/v1/allocation/backtests/uploads?kind=electricity|bitcoin[&name&timeZone&currency] – a CSV
// series for backtests (Content-Type text/csv, at most 4 MB) → 201 { id, kind, rowCount, from, to };
// a bad file is a 422 invalid_csv with every problem and its line. GET – the uploads.
// Electricity: `timestamp,price[,currency]` hourly (price_eur… / price_usd… names the currency);
// bitcoin: `date,btc_usd,difficulty[,fees_btc_per_block]` one UTC day per row.
import { UploadQuerySchema } from '@/lib/allocation/backtest/schemas';
import { createUpload, listUploads, UPLOAD_MAX_BYTES } from '@/lib/allocation/backtest/store';
import { readCsv } from '@/lib/http/body';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ actor }) => ({ data: await listUploads(actor) }));

export const POST = route(
  async ({ req, actor }) => {
    const query = parseQuery(req, UploadQuerySchema);
    const text = await readCsv(req, { maxBytes: UPLOAD_MAX_BYTES });
    return Response.json(await createUpload(actor, { ...query, text }), { status: 201 });
  },
  { minRole: 'operator' },
);
