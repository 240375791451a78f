import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { FleetOverview } from '@/components/fleet/fleet-overview';
import { loadTimeRange, resolveTimeRange } from '@/components/shell/time-range';
import { fleetAttentionQuery, fleetSummaryQuery, totalsMetricsQuery } from '@/lib/api-client/fleet';
import { rangeBounds, toRangeParam } from '@/lib/api-client/range';
import { requirePageActor } from '@/lib/auth/page';
import { getFleetSummary } from '@/lib/economics/live/fleet-summary';
import { getTotalsSeries } from '@/lib/telemetry/series';
import { getWorstDevices } from '@/lib/telemetry/worst-devices';

export const metadata: Metadata = { title: 'Fleet' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FleetPage({ searchParams }: Props) {
  const actor = await requirePageActor();
  // A hosting client's overview is its tenant home (the fleet's money is the provider's).
  if (actor.tenantId !== null) redirect('/home');
  const now = Date.now();
  const range = toRangeParam(resolveTimeRange(await loadTimeRange(searchParams), now));
  const queryClient = new QueryClient();
  // First paint with data: the same query keys the client uses, filled from lib/ directly.
  await Promise.all([
    queryClient.prefetchQuery({ ...fleetSummaryQuery(), queryFn: () => getFleetSummary(actor) }),
    queryClient.prefetchQuery({
      ...fleetAttentionQuery(),
      queryFn: () => getWorstDevices(actor, { limit: 8 }),
    }),
    queryClient.prefetchQuery({
      ...totalsMetricsQuery(range),
      queryFn: () => getTotalsSeries(actor, { ...rangeBounds(range, now), now }),
    }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <FleetOverview />
    </HydrationBoundary>
  );
}
