import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { loadTimeRange, resolveTimeRange } from '@/components/shell/time-range';
import { SiteDetail } from '@/components/sites/site-detail';
import { totalsMetricsQuery } from '@/lib/api-client/fleet';
import { rangeBounds, toRangeParam } from '@/lib/api-client/range';
import { siteAttentionQuery, siteHeatmapQuery, siteQuery, siteSummaryQuery } from '@/lib/api-client/sites';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { AppError } from '@/lib/errors';
import { getFleetSummary } from '@/lib/fleet/summary';
import { getSite } from '@/lib/inventory/sites';
import { getRackHeatmap, getWorstDevices } from '@/lib/telemetry/fleet';
import { getTotalsSeries } from '@/lib/telemetry/series';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function parseId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

async function loadSite(id: number) {
  const actor = await requirePageActor();
  try {
    return { actor, site: await getSite(actor, id) };
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { site } = await loadSite(parseId((await params).id));
  return { title: site.name };
}

export default async function SitePage({ params, searchParams }: Props) {
  const id = parseId((await params).id);
  const { actor, site } = await loadSite(id);
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
