// GET /metrics – Prometheus text exposition of fleet metrics (bearer token or session).
import { route } from '@/lib/http/route';
import { renderPrometheusMetrics } from '@/lib/metrics/prometheus';

export const dynamic = 'force-dynamic';

export const GET = route(async ({ actor }) => {
  const body = await renderPrometheusMetrics(actor);
  return new Response(body, { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' } });
});
