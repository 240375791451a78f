import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { DeviceSort } from '@/lib/inventory/schemas';
import { apiFetch } from './fetch';
import { chartRefreshMs, LIVE_REFRESH_MS, type RangeParam, rangeKey, rangeQuery } from './range';
import type {
  DeviceClass,
  DeviceList,
  DevicePoint,
  DeviceRow,
  DeviceStatus,
  Series,
  StatusChange,
} from './types';

export type DeviceListParams = {
  siteId?: number | null;
  rackId?: number | null;
  class?: readonly DeviceClass[];
  status?: readonly DeviceStatus[];
  q?: string;
  sort: DeviceSort;
  dir: 'asc' | 'desc';
  limit: number;
  cursor?: string | null;
};

/** Canonical form for query keys: absent filters omitted, sets sorted, so the server and browser agree. */
export function normalizeDeviceListParams(params: DeviceListParams) {
  const q = params.q?.trim();
  return {
    ...(params.siteId ? { siteId: params.siteId } : {}),
    ...(params.rackId ? { rackId: params.rackId } : {}),
    ...(params.class?.length ? { class: [...params.class].sort() } : {}),
    ...(params.status?.length ? { status: [...params.status].sort() } : {}),
    ...(q ? { q } : {}),
    sort: params.sort,
    dir: params.dir,
    limit: params.limit,
    ...(params.cursor ? { cursor: params.cursor } : {}),
  };
}

export type NormalizedDeviceListParams = ReturnType<typeof normalizeDeviceListParams>;

export const deviceKeys = {
  all: ['devices'] as const,
  lists: () => ['devices', 'list'] as const,
  list: (params: DeviceListParams) => ['devices', 'list', normalizeDeviceListParams(params)] as const,
  detail: (id: number) => ['devices', id] as const,
  metrics: (id: number, range: RangeParam) => ['devices', id, 'metrics', rangeKey(range)] as const,
  statusHistory: (id: number, range: RangeParam) =>
    ['devices', id, 'status-history', rangeKey(range)] as const,
};

export const devicesListQuery = (params: DeviceListParams) =>
  queryOptions({
    queryKey: deviceKeys.list(params),
    queryFn: ({ signal }) =>
      apiFetch<DeviceList>('/api/v1/devices', { query: normalizeDeviceListParams(params), signal }),
    refetchInterval: LIVE_REFRESH_MS,
    // Keep the current page on screen while the next one (or a new filter) loads.
    placeholderData: keepPreviousData,
  });

export const deviceQuery = (id: number) =>
  queryOptions({
    queryKey: deviceKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<DeviceRow>(`/api/v1/devices/${id}`, { signal }),
    refetchInterval: LIVE_REFRESH_MS,
  });

export const deviceMetricsQuery = (id: number, range: RangeParam) =>
  queryOptions({
    queryKey: deviceKeys.metrics(id, range),
    queryFn: ({ signal }) =>
      apiFetch<Series<DevicePoint>>(`/api/v1/devices/${id}/metrics`, { query: rangeQuery(range), signal }),
    refetchInterval: chartRefreshMs(range),
  });

export const deviceStatusHistoryQuery = (id: number, range: RangeParam) =>
  queryOptions({
    queryKey: deviceKeys.statusHistory(id, range),
    queryFn: ({ signal }) =>
      apiFetch<{ data: StatusChange[] }>(`/api/v1/devices/${id}/status-history`, {
        query: rangeQuery(range),
        signal,
      }).then((body) => body.data),
    refetchInterval: chartRefreshMs(range),
  });

export type DevicePatch = { status?: 'maintenance' | 'online'; name?: string; notes?: string | null };

export function updateDevice(id: number, patch: DevicePatch): Promise<DeviceRow> {
  return apiFetch<DeviceRow>(`/api/v1/devices/${id}`, { method: 'PATCH', body: patch });
}
