// POST /api/v1/devices/import – CSV body (text/csv); all rows or none, with a per-row report.

import { readCsv } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { importDevicesCsv } from '@/lib/inventory/device-import';

const CSV_LIMITS = { maxBytes: 5_000_000, maxInflatedBytes: 20_000_000 };

export const POST = route(async ({ req, actor }) => {
  const result = await importDevicesCsv(actor, await readCsv(req, CSV_LIMITS));
  return Response.json(result, { status: 201 });
});
