import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { MarketOverview } from '@/components/market/market-overview';
import { marketLatestQuery } from '@/lib/api-client/market';
import { requirePageActor } from '@/lib/auth/page';
import { getMarketLatest } from '@/lib/market/views/latest';

export const metadata: Metadata = { title: 'Market' };

export default async function MarketPage() {
  const actor = await requirePageActor();
  const queryClient = new QueryClient();
  // First paint with data: the same key the client polls, filled from lib/ directly.
  await queryClient.prefetchQuery({
    ...marketLatestQuery(),
    queryFn: () => getMarketLatest(actor, Date.now()),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <MarketOverview canConfigure={actor.tenantId === null} />
    </HydrationBoundary>
  );
}
