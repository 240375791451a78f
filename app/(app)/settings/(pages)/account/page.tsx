import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { AccountView } from '@/components/settings/account-view';
import { sessionsQuery } from '@/lib/api-client/account';
import { twoFactorQuery } from '@/lib/api-client/two-factor';
import { listOwnSessions, sessionIdOf } from '@/lib/auth/account';
import { requirePageActor } from '@/lib/auth/page';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { getTwoFactorStatus } from '@/lib/auth/two-factor';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const actor = await requirePageActor();
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({
      ...sessionsQuery(),
      queryFn: () => listOwnSessions(actor, token ? sessionIdOf(token) : null),
    }),
    ...(actor.kind === 'user'
      ? [queryClient.prefetchQuery({ ...twoFactorQuery(), queryFn: () => getTwoFactorStatus(actor) })]
      : []),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AccountView email={actor.email ?? null} />
    </HydrationBoundary>
  );
}
