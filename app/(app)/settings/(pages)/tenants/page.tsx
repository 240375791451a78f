import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { TenantsView } from '@/components/tenants/tenants-view';
import { Alert } from '@/components/ui/alert';
import { tenantsQuery } from '@/lib/api-client/tenants';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { listTenants } from '@/lib/tenants/tenants';

export const metadata: Metadata = { title: 'Tenants' };

export default async function TenantsPage() {
  const actor = await requirePageActor();
  if (actor.tenantId !== null) notFound();
  if (!hasRole(actor, 'admin')) {
    return (
      <>
        <PageHeader title="Tenants" />
        <Alert variant="info" title="Administrators manage tenants">
          Ask an administrator to create a tenant or change its hosting terms.
        </Alert>
      </>
    );
  }
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery({ ...tenantsQuery(), queryFn: () => listTenants(actor) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <TenantsView />
    </HydrationBoundary>
  );
}
