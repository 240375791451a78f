import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { twoFactorQuery } from '@/lib/api-client/two-factor';
import { requirePageActor } from '@/lib/auth/page';
import { getTwoFactorStatus } from '@/lib/auth/two-factor';
import { SetupTwoFactor } from './setup-two-factor';

export const metadata: Metadata = { title: 'Set up two-factor sign-in' };

/**
 * Where a user whose role must use two-factor lands until they enrol (requirePageActor sends them
 * here; their session reaches nothing else). Outside the app shell, like the sign-in page.
 */
export default async function SetupTwoFactorPage() {
  const actor = await requirePageActor({ enrolmentPage: true });
  if (!actor.twoFactorEnrolmentDue) redirect('/settings/account');
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery({ ...twoFactorQuery(), queryFn: () => getTwoFactorStatus(actor) });
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="flex w-full max-w-3xl flex-col gap-6">
        <div className="flex flex-col items-center gap-2 text-center">
          <ShieldCheck aria-hidden className="size-8 text-primary" />
          <h1 className="font-semibold text-xl tracking-tight">Set up two-factor sign-in</h1>
          <p className="text-muted-foreground text-sm">
            Your administrator requires it for the {actor.role} role. Signed in as {actor.email}.
          </p>
        </div>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <SetupTwoFactor />
        </HydrationBoundary>
      </div>
    </main>
  );
}
