// Pools, AI jobs and assignments: one queryOptions factory per endpoint, plus the writes.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { rentalKeys, workloadKeys } from './keys';
import { LIVE_REFRESH_MS } from './range';
import type {
  AssignmentResponse,
  AssignmentView,
  DeviceList,
  DeviceRow,
  DeviceWorkloadView,
  JobCreate,
  JobList,
  JobStatus,
  JobView,
  PoolCreate,
  PoolMismatch,
  PoolView,
  RentalSettings,
  Workload,
} from './types';

export const poolsQuery = () =>
  queryOptions({
    queryKey: workloadKeys.pools(),
    queryFn: ({ signal }) => apiFetch<{ data: PoolView[] }>('/api/v1/pools', { signal }).then((b) => b.data),
    refetchInterval: LIVE_REFRESH_MS * 2,
  });

export const poolMismatchesQuery = () =>
  queryOptions({
    queryKey: workloadKeys.mismatches(),
    queryFn: ({ signal }) =>
      apiFetch<{ data: PoolMismatch[] }>('/api/v1/pools/mismatches', { signal }).then((b) => b.data),
    refetchInterval: LIVE_REFRESH_MS * 2,
  });

export type JobFilters = { status: readonly JobStatus[]; tenantId: number | null; q: string };

export const jobsQuery = (filters: JobFilters) =>
  queryOptions({
    queryKey: workloadKeys.jobList(filters),
    queryFn: ({ signal }) =>
      apiFetch<JobList>('/api/v1/jobs', {
        query: { status: filters.status, tenantId: filters.tenantId, q: filters.q.trim() },
        signal,
      }),
    refetchInterval: LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

export const jobQuery = (id: number) =>
  queryOptions({
    queryKey: workloadKeys.job(id),
    queryFn: ({ signal }) => apiFetch<JobView>(`/api/v1/jobs/${id}`, { signal }),
    refetchInterval: LIVE_REFRESH_MS,
  });

export const deviceAssignmentsQuery = (deviceId: number) =>
  queryOptions({
    queryKey: workloadKeys.device(deviceId),
    queryFn: ({ signal }) =>
      apiFetch<{ data: AssignmentView[] } & DeviceWorkloadView>(`/api/v1/devices/${deviceId}/assignments`, {
        signal,
      }),
    refetchInterval: LIVE_REFRESH_MS,
  });

/** Open assignments of one site's devices (what each device does now). */
export const siteCurrentAssignmentsQuery = (siteId: number) =>
  queryOptions({
    queryKey: workloadKeys.siteCurrent(siteId),
    queryFn: ({ signal }) =>
      apiFetch<{ data: AssignmentView[] }>('/api/v1/assignments', {
        query: { siteId, current: true, limit: 5000 },
        signal,
      }).then((b) => b.data),
    refetchInterval: LIVE_REFRESH_MS * 2,
  });

const DEVICE_PAGE = 500;
const MAX_BOARD_DEVICES = 20_000;

/** Every device of a site (the board filters and selects client-side, so "all matching" is exact). */
export const siteDevicesQuery = (siteId: number) =>
  queryOptions({
    queryKey: workloadKeys.siteDevices(siteId),
    queryFn: async ({ signal }) => {
      const rows: DeviceRow[] = [];
      let cursor: string | null = null;
      do {
        const page: DeviceList = await apiFetch<DeviceList>('/api/v1/devices', {
          query: { siteId, sort: 'name', dir: 'asc', limit: DEVICE_PAGE, cursor },
          signal,
        });
        rows.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor && rows.length < MAX_BOARD_DEVICES);
      return rows;
    },
    refetchInterval: LIVE_REFRESH_MS * 2,
  });

export const createPool = (body: PoolCreate) => apiFetch<PoolView>('/api/v1/pools', { method: 'POST', body });
export const updatePool = (id: number, body: Partial<PoolCreate>) =>
  apiFetch<PoolView>(`/api/v1/pools/${id}`, { method: 'PATCH', body });
export const deletePool = (id: number) => apiFetch<null>(`/api/v1/pools/${id}`, { method: 'DELETE' });

/** The form's shape: the deadline as ISO text (the API parses it). */
export type JobCreateBody = Omit<JobCreate, 'deadline'> & { deadline?: string | null };

export const createJob = (body: JobCreateBody) => apiFetch<JobView>('/api/v1/jobs', { method: 'POST', body });
export const transitionJob = (id: number, to: JobStatus) =>
  apiFetch<{ id: number; status: JobStatus }>(`/api/v1/jobs/${id}/transitions`, {
    method: 'POST',
    body: { to },
  });

export type AssignmentTarget = { deviceIds: number[] } | { rackId: number } | { siteId: number };

export const postAssignment = (target: AssignmentTarget, workload: Workload, signal?: AbortSignal) =>
  apiFetch<AssignmentResponse>('/api/v1/assignments', {
    method: 'POST',
    body: { ...target, workload },
    signal,
  });

export type RentalSettingsList = { default: RentalSettings; sites: RentalSettings[] };
export type RentalSettingsPut = Partial<Omit<RentalSettings, 'siteId'>> & { siteId: number | null };

export const rentalSettingsQuery = () =>
  queryOptions({
    queryKey: rentalKeys.settings(),
    queryFn: ({ signal }) => apiFetch<RentalSettingsList>('/api/v1/rental-settings', { signal }),
  });

export function putRentalSettings(input: RentalSettingsPut): Promise<RentalSettingsList> {
  return apiFetch<RentalSettingsList>('/api/v1/rental-settings', { method: 'PUT', body: input });
}
