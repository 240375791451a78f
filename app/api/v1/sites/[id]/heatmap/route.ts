// GET /api/v1/sites/{id}/heatmap – racks with occupied slots and their latest readings.
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { getSite } from '@/lib/inventory/sites';
import { getRackHeatmap } from '@/lib/telemetry/rack-heatmap';

export const GET = route<{ id: string }>(async ({ actor, params }) => {
  const site = await getSite(actor, IdParam.parse(params.id));
  return { data: await getRackHeatmap(actor, site.id) };
});
