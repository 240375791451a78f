import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { SitesTable } from '@/components/sites/sites-table';
import { fleetSummaryQuery } from '@/lib/api-client/fleet';
import { sitesListQuery } from '@/lib/api-client/sites';
import { requirePageActor } from '@/lib/auth/page';
import { getFleetSummary } from '@/lib/economics/live/fleet-summary';
import { listSites } from '@/lib/inventory/sites';

export const metadata: Metadata = { title: 'Sites' };

export default async function SitesPage() {
  const actor = await requirePageActor();
  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ ...sitesListQuery(), queryFn: () => listSites(actor) }),
    queryClient.prefetchQuery({ ...fleetSummaryQuery(), queryFn: () => getFleetSummary(actor) }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SitesTable />
    </HydrationBoundary>
  );
}
