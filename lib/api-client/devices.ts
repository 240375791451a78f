import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { type DeviceListParams, normalizeDeviceListParams } from './device-list-params';
import { apiFetch } from './fetch';
import { deviceKeys } from './keys';
import { chartRefreshMs, LIVE_REFRESH_MS, type RangeParam, rangeQuery } from './range';
import type { DeviceList, DevicePoint, DeviceRow, Series, StatusChange } from './types';

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

export function patchDevice(id: number, patch: DevicePatch): Promise<DeviceRow> {
  return apiFetch<DeviceRow>(`/api/v1/devices/${id}`, { method: 'PATCH', body: patch });
}

/** Write-only device credentials (miner login, Whatsminer admin password): the API only says whether they exist. */
export type DeviceCredentialsBody = { username?: string; password?: string; apiKey?: string };

export function putDeviceCredentials(id: number, body: DeviceCredentialsBody) {
  return apiFetch<{ hasCredentials: true }>(`/api/v1/devices/${id}/credentials`, { method: 'PUT', body });
}

export function deleteDeviceCredentials(id: number) {
  return apiFetch<{ hasCredentials: false }>(`/api/v1/devices/${id}/credentials`, { method: 'DELETE' });
}
