import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { DeviceDetail } from '@/components/devices/device-detail';
import { loadTimeRange, resolveTimeRange } from '@/components/shell/time-range';
import { deviceModelsQuery } from '@/lib/api-client/device-models';
import { deviceMetricsQuery, deviceQuery, deviceStatusHistoryQuery } from '@/lib/api-client/devices';
import { rangeBounds, toRangeParam } from '@/lib/api-client/range';
import { hasRole } from '@/lib/auth/actor';
import { type DetailPageProps, parseRouteId } from '@/lib/auth/detail-page';
import { loadDevicePage } from '@/lib/inventory/detail-pages';
import { listDeviceModels } from '@/lib/inventory/models';
import { getSite } from '@/lib/inventory/sites';
import { getDeviceSeries } from '@/lib/telemetry/series';
import { getStatusHistory } from '@/lib/telemetry/status-history';

export async function generateMetadata({ params }: DetailPageProps): Promise<Metadata> {
  const { device } = await loadDevicePage(parseRouteId((await params).id));
  return { title: device.name };
}

export default async function DevicePage({ params, searchParams }: DetailPageProps) {
  const id = parseRouteId((await params).id);
  const { actor, device } = await loadDevicePage(id);
  const now = Date.now();
  const range = toRangeParam(resolveTimeRange(await loadTimeRange(searchParams), now));
  const bounds = { ...rangeBounds(range, now), now };
  const queryClient = new QueryClient();
  queryClient.setQueryData(deviceQuery(id).queryKey, device);
  const [site] = await Promise.all([
    getSite(actor, device.siteId),
    queryClient.prefetchQuery({
      ...deviceMetricsQuery(id, range),
      queryFn: () => getDeviceSeries(actor, id, bounds),
    }),
    queryClient.prefetchQuery({
      ...deviceStatusHistoryQuery(id, range),
      queryFn: () => getStatusHistory(actor, id, bounds),
    }),
    queryClient.prefetchQuery({ ...deviceModelsQuery(), queryFn: () => listDeviceModels(actor) }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DeviceDetail deviceId={id} timeZone={site.timezone} canOperate={hasRole(actor, 'operator')} />
    </HydrationBoundary>
  );
}
