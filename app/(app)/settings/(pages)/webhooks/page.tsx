import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { WebhooksView } from '@/components/settings/webhooks-view';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { webhooksQuery } from '@/lib/api-client/webhooks';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { listWebhooks } from '@/lib/webhooks/endpoints';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const actor = await requirePageActor();
  if (!hasRole(actor, 'admin') || actor.tenantId !== null) {
    return (
      <>
        <PageHeader title="Webhooks" />
        <Alert variant="info" title="Administrators manage webhooks">
          Event webhooks send fleet events out of the building; ask an administrator.
        </Alert>
      </>
    );
  }
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery({ ...webhooksQuery(), queryFn: () => listWebhooks(actor) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <WebhooksView />
    </HydrationBoundary>
  );
}
