import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { PoolsView } from '@/components/workloads/pools-view';
import { poolMismatchesQuery, poolsQuery } from '@/lib/api-client/workloads';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { listPoolMismatches } from '@/lib/workloads/coverage';
import { listPools } from '@/lib/workloads/pools';

export const metadata: Metadata = { title: 'Pools' };

export default async function PoolsPage() {
  const actor = await requirePageActor();
  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ ...poolsQuery(), queryFn: () => listPools(actor) }),
    queryClient.prefetchQuery({ ...poolMismatchesQuery(), queryFn: () => listPoolMismatches(actor) }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <PoolsView canOperate={hasRole(actor, 'operator')} />
    </HydrationBoundary>
  );
}
