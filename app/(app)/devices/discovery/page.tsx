import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { DiscoveryView } from '@/components/discovery/discovery-view';
import { PageHeader } from '@/components/shell/page-header';
import { discoveryScansQuery } from '@/lib/api-client/discovery';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { listScans } from '@/lib/discovery/scans';

export const metadata: Metadata = { title: 'Discovery' };

export default async function DiscoveryPage() {
  const actor = await requirePageActor();
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery({ ...discoveryScansQuery(), queryFn: () => listScans(actor) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <PageHeader
        title="Discovery"
        description="Scan a network range for cgminer (4028), AxeOS (80) and dcgm-exporter (9400) endpoints and add what answers to the inventory. Devices already known (same MAC, serial or address) are marked, not duplicated."
      />
      <DiscoveryView canOperate={hasRole(actor, 'operator')} />
    </HydrationBoundary>
  );
}
