import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeviceDetail } from '@/components/devices/device-detail';
import { loadTimeRange, resolveTimeRange } from '@/components/shell/time-range';
import { deviceModelsQuery } from '@/lib/api-client/device-models';
import { deviceMetricsQuery, deviceQuery, deviceStatusHistoryQuery } from '@/lib/api-client/devices';
import { rangeBounds, toRangeParam } from '@/lib/api-client/range';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { AppError } from '@/lib/errors';
import { getDevice } from '@/lib/inventory/devices';
import { listDeviceModels } from '@/lib/inventory/models';
import { getSite } from '@/lib/inventory/sites';
import { getStatusHistory } from '@/lib/telemetry/fleet';
import { getDeviceSeries } from '@/lib/telemetry/series';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function parseId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

async function loadDevice(id: number) {
  const actor = await requirePageActor();
  try {
    return { actor, device: await getDevice(actor, id) };
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { device } = await loadDevice(parseId((await params).id));
  return { title: device.name };
}

export default async function DevicePage({ params, searchParams }: Props) {
  const id = parseId((await params).id);
  const { actor, device } = await loadDevice(id);
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
