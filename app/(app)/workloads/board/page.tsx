import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { AssignmentBoard } from '@/components/workloads/assignment-board';
import { loadBoardSearchParams } from '@/components/workloads/board-search-params';
import { siteRacksQuery, sitesListQuery } from '@/lib/api-client/sites';
import { siteCurrentAssignmentsQuery, siteDevicesQuery } from '@/lib/api-client/workloads';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { listRacks } from '@/lib/inventory/racks';
import { listSites } from '@/lib/inventory/sites';
import { listAssignments } from '@/lib/workloads/history';
import { listSiteDevices } from '@/lib/workloads/site-devices';

export const metadata: Metadata = { title: 'Assignment board' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function BoardPage({ searchParams }: Props) {
  const actor = await requirePageActor();
  const state = await loadBoardSearchParams(searchParams);
  const queryClient = new QueryClient();
  const sites = await queryClient.fetchQuery({ ...sitesListQuery(), queryFn: () => listSites(actor) });
  // The site the board shows (the URL's, else the first), prefetched as the client would load it.
  const siteId = state.site ?? sites[0]?.id ?? null;
  if (siteId !== null && sites.some((s) => s.id === siteId)) {
    await Promise.all([
      queryClient.prefetchQuery({
        ...siteDevicesQuery(siteId),
        queryFn: () => listSiteDevices(actor, siteId),
      }),
      queryClient.prefetchQuery({
        ...siteCurrentAssignmentsQuery(siteId),
        queryFn: () => listAssignments(actor, { siteId, current: true, limit: 5000 }),
      }),
      queryClient.prefetchQuery({ ...siteRacksQuery(siteId), queryFn: () => listRacks(actor, siteId) }),
    ]);
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AssignmentBoard canOperate={hasRole(actor, 'operator')} />
    </HydrationBoundary>
  );
}
