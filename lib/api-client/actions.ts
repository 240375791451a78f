import { queryOptions } from '@tanstack/react-query';
import type { DeviceActionCapabilities } from '@/lib/actions/device-capabilities';
import type { ActionName, ActionView, BatchProgress, DeviceFilter } from '@/lib/actions/types';
import { apiFetch } from './fetch';
import { actionKeys } from './keys';

export type { ActionName, ActionView, BatchProgress, DeviceActionCapabilities, DeviceFilter };

export type DeviceActionsView = { capabilities: DeviceActionCapabilities; data: ActionView[] };

/** Capabilities and history; refreshed every 2 s while an action is pending, else every 15 s. */
export const deviceActionsQuery = (deviceId: number) =>
  queryOptions({
    queryKey: actionKeys.device(deviceId),
    queryFn: ({ signal }) => apiFetch<DeviceActionsView>(`/api/v1/devices/${deviceId}/actions`, { signal }),
    refetchInterval: (q) => (q.state.data?.data.some((a) => a.status === 'pending') ? 2_000 : 15_000),
  });

/** A batch's progress until its last action ends. */
export const batchProgressQuery = (batchId: string) =>
  queryOptions({
    queryKey: actionKeys.batch(batchId),
    queryFn: ({ signal }) => apiFetch<BatchProgress>(`/api/v1/action-batches/${batchId}`, { signal }),
    refetchInterval: (q) => (q.state.data?.finished ? false : 2_000),
  });

export type ActionBody = { action: ActionName; poolId?: number; powerTargetW?: number };

export const postDeviceAction = (deviceId: number, body: ActionBody) =>
  apiFetch<{ id: number; status: 'pending'; simulated: boolean }>(`/api/v1/devices/${deviceId}/actions`, {
    method: 'POST',
    body,
  });

export type BulkActionBody = ActionBody & {
  deviceIds?: number[];
  filter?: DeviceFilter;
  expectedCount: number;
  batchSize: number;
  intervalS: number;
};

export const postBulkAction = (body: BulkActionBody) =>
  apiFetch<{ batchId: string; total: number; status: 'pending' }>('/api/v1/actions', {
    method: 'POST',
    body,
  });

export const postRefresh = (deviceIds: number[]) =>
  apiFetch<{ scheduled: number; notPolled: number[] }>('/api/v1/devices/refresh', {
    method: 'POST',
    body: { deviceIds },
  });
