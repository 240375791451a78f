// POST /api/v1/market/gpu-rates/import – CSV body `gpu_model,usd_per_gpu_h[,min…,max…,label,note]`;
// replaces the table, or 422 { error: { code: 'invalid_csv', details: { issues: [{ line, message }] } } }.

import { readCsv } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { importGpuRatesCsv } from '@/lib/market/gpu/gpu-rate-table';

const CSV_LIMITS = { maxBytes: 1_000_000, maxInflatedBytes: 4_000_000 };

export const POST = route(async ({ req, actor }) => {
  return importGpuRatesCsv(actor, await readCsv(req, CSV_LIMITS), Date.now());
});
