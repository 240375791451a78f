import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { UsersView } from '@/components/tenants/users-view';
import { Alert } from '@/components/ui/alert';
import { tenantsQuery, usersQuery } from '@/lib/api-client/tenants';
import { twoFactorPolicyQuery } from '@/lib/api-client/two-factor';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { readTwoFactorPolicy } from '@/lib/auth/two-factor-policy';
import { listUsers } from '@/lib/auth/user-admin';
import { listTenants } from '@/lib/tenants/tenants';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requirePageActor();
  if (actor.tenantId !== null) notFound();
  if (!hasRole(actor, 'admin')) {
    return (
      <>
        <PageHeader title="Users" />
        <Alert variant="info" title="Administrators manage users">
          Ask an administrator to invite someone or change a role.
        </Alert>
      </>
    );
  }
  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ ...usersQuery(), queryFn: () => listUsers(actor) }),
    queryClient.prefetchQuery({ ...tenantsQuery(), queryFn: () => listTenants(actor) }),
    queryClient.prefetchQuery({ ...twoFactorPolicyQuery(), queryFn: () => readTwoFactorPolicy() }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <UsersView selfId={actor.kind === 'user' ? actor.id : null} />
    </HydrationBoundary>
  );
}
