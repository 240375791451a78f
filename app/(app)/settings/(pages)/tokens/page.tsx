import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { TokensView } from '@/components/settings/tokens-view';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { tenantsQuery } from '@/lib/api-client/tenants';
import { tokensQuery } from '@/lib/api-client/tokens';
import { hasRole } from '@/lib/auth/actor';
import { listApiTokens } from '@/lib/auth/api-tokens';
import { requirePageActor } from '@/lib/auth/page';
import { listTenants } from '@/lib/tenants/tenants';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const actor = await requirePageActor();
  if (!hasRole(actor, 'admin') || actor.tenantId !== null) {
    return (
      <>
        <PageHeader title="API tokens" />
        <Alert variant="info" title="Administrators manage API tokens">
          Ask an administrator for a token, or for the admin role if you need to manage them.
        </Alert>
      </>
    );
  }
  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ ...tokensQuery(), queryFn: () => listApiTokens(actor) }),
    queryClient.prefetchQuery({ ...tenantsQuery(), queryFn: () => listTenants(actor) }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <TokensView />
    </HydrationBoundary>
  );
}
