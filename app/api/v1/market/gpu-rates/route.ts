// GET /api/v1/market/gpu-rates → { source, table (staff), latest[] }
// PUT /api/v1/market/gpu-rates { rows: [{ gpuModel, usdPerGpuH, minUsdPerGpuH?, maxUsdPerGpuH?, label?, note? }] }
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { getGpuRates, replaceGpuRates } from '@/lib/market/gpu/gpu-rate-table';
import { GpuRateTableBody } from '@/lib/market/gpu/gpu-rates';

export const GET = route(async ({ actor }) => getGpuRates(actor, Date.now()));

export const PUT = route(async ({ req, actor }) => {
  const { rows } = await parseJson(req, GpuRateTableBody);
  return replaceGpuRates(actor, rows, 'editor', Date.now());
});
