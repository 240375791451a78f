import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { MarketSettingsView } from '@/components/market/settings/market-settings-view';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { marketSettingsQuery } from '@/lib/api-client/market';
import { requirePageActor } from '@/lib/auth/page';
import { getMarketSettingsPage } from '@/lib/market/settings/view';

export const metadata: Metadata = { title: 'Market settings' };

export default async function MarketSettingsPage() {
  const actor = await requirePageActor();
  if (actor.tenantId !== null) {
    return (
      <>
        <PageHeader title="Market settings" />
        <Alert variant="info" title="Not available for hosting clients">
          Market providers and prices are managed by the site operator.
        </Alert>
      </>
    );
  }
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery({
    ...marketSettingsQuery(),
    queryFn: () => getMarketSettingsPage(actor, Date.now()),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <MarketSettingsView role={actor.role} />
    </HydrationBoundary>
  );
}
