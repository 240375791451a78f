import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { loadTimeRange, resolveTimeRange } from '@/components/shell/time-range';
import { SiteDetail } from '@/components/sites/site-detail';
import { totalsMetricsQuery } from '@/lib/api-client/fleet';
import { rangeBounds, toRangeParam } from '@/lib/api-client/range';
import { siteAttentionQuery, siteHeatmapQuery, siteQuery, siteSummaryQuery } from '@/lib/api-client/sites';
import { hasRole } from '@/lib/auth/actor';
import { type DetailPageProps, parseRouteId } from '@/lib/auth/detail-page';
import { getFleetSummary } from '@/lib/economics/live/fleet-summary';
import { loadSitePage } from '@/lib/inventory/detail-pages';
import { getRackHeatmap } from '@/lib/telemetry/rack-heatmap';
import { getTotalsSeries } from '@/lib/telemetry/series';
import { getWorstDevices } from '@/lib/telemetry/worst-devices';

export async function generateMetadata({ params }: DetailPageProps): Promise<Metadata> {
  const { site } = await loadSitePage(parseRouteId((await params).id));
  return { title: site.name };
}

export default async function SitePage({ params, searchParams }: DetailPageProps) {
  const id = parseRouteId((await params).id);
  const { actor, site } = await loadSitePage(id);
  const now = Date.now();
  const range = toRangeParam(resolveTimeRange(await loadTimeRange(searchParams), now));
  const queryClient = new QueryClient();
  queryClient.setQueryData(siteQuery(id).queryKey, site);
  await Promise.all([
    queryClient.prefetchQuery({ ...siteSummaryQuery(id), queryFn: () => getFleetSummary(actor, id) }),
    queryClient.prefetchQuery({ ...siteHeatmapQuery(id), queryFn: () => getRackHeatmap(actor, id) }),
    queryClient.prefetchQuery({
      ...siteAttentionQuery(id),
      queryFn: () => getWorstDevices(actor, { siteId: id, limit: 8 }),
    }),
    queryClient.prefetchQuery({
      ...totalsMetricsQuery(range, id),
      queryFn: () => getTotalsSeries(actor, { ...rangeBounds(range, now), now }, id),
    }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SiteDetail siteId={id} canOperate={hasRole(actor, 'operator') && actor.tenantId === null} />
    </HydrationBoundary>
  );
}
