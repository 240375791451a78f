import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RentalSettingsView } from '@/components/workloads/rental-settings-view';
import { rentalSettingsQuery } from '@/lib/api-client/workloads';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { listRentalSettings } from '@/lib/workloads/rental';

export const metadata: Metadata = { title: 'GPU rental' };

export default async function RentalPage() {
  const actor = await requirePageActor();
  // Fleet-wide settings: a hosting client changes none (PUT is staff-only) and has no use for them.
  if (actor.tenantId !== null) notFound();
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery({ ...rentalSettingsQuery(), queryFn: () => listRentalSettings(actor) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RentalSettingsView canOperate={hasRole(actor, 'operator')} />
    </HydrationBoundary>
  );
}
