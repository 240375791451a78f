import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { loadDeviceSearchParams, toDeviceListParams } from '@/components/devices/device-search-params';
import { DevicesTable } from '@/components/devices/devices-table';
import { normalizeDeviceListParams } from '@/lib/api-client/device-list-params';
import { devicesListQuery } from '@/lib/api-client/devices';
import { sitesListQuery } from '@/lib/api-client/sites';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { listDevices } from '@/lib/inventory/devices';
import { listSites } from '@/lib/inventory/sites';

export const metadata: Metadata = { title: 'Devices' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DevicesPage({ searchParams }: Props) {
  const actor = await requirePageActor();
  const params = toDeviceListParams(await loadDeviceSearchParams(searchParams));
  const { class: classes, status, ...rest } = normalizeDeviceListParams(params);
  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({
      ...devicesListQuery(params),
      queryFn: () => listDevices(actor, { ...rest, class: classes, status }),
    }),
    queryClient.prefetchQuery({ ...sitesListQuery(), queryFn: () => listSites(actor) }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DevicesTable
        canMoveTenants={actor.tenantId === null && hasRole(actor, 'admin')}
        canOperate={hasRole(actor, 'operator')}
      />
    </HydrationBoundary>
  );
}
