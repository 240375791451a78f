// POST /api/v1/market/gpu-rates/import – CSV body `gpu_model,usd_per_gpu_h[,min…,max…,label,note]`;
// replaces the table, or 422 { error: { code: 'invalid_csv', details: { issues: [{ line, message }] } } }.

import { unsupportedMediaType } from '@/lib/errors';
import { readText, route } from '@/lib/http/route';
import { importGpuRatesCsv } from '@/lib/market/gpu/gpu-rate-table';

export const POST = route(async ({ req, actor }) => {
  if (!/^text\/(csv|plain)\b/i.test(req.headers.get('content-type') ?? '')) {
    throw unsupportedMediaType('Send the CSV with Content-Type: text/csv');
  }
  return importGpuRatesCsv(actor, await readText(req, 1_000_000), Date.now());
});
