// POST /api/v1/devices/import – CSV body (text/csv); all rows or none, with a per-row report.

import { unsupportedMediaType } from '@/lib/errors';
import { readText, route } from '@/lib/http/route';
import { importDevicesCsv } from '@/lib/inventory/device-import';

export const POST = route(async ({ req, actor }) => {
  if (!/^text\/(csv|plain)\b/i.test(req.headers.get('content-type') ?? '')) {
    throw unsupportedMediaType('Send the CSV with Content-Type: text/csv');
  }
  const result = await importDevicesCsv(actor, await readText(req, 5_000_000));
  return Response.json(result, { status: 201 });
});
