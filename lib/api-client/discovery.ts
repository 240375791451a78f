import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { discoveryKeys } from './keys';
import type { AddOutcome, DiscoveryProtocol, ScanView } from './types';

export type ScanSummary = Omit<ScanView, 'found'> & { foundCount: number };

export const discoveryScansQuery = () =>
  queryOptions({
    queryKey: discoveryKeys.list(),
    queryFn: ({ signal }) =>
      apiFetch<{ data: ScanSummary[] }>('/api/v1/discovery', { signal }).then((body) => body.data),
  });

/** One scan; refetched every second while it runs, then left alone. */
export const discoveryScanQuery = (id: number) =>
  queryOptions({
    queryKey: discoveryKeys.scan(id),
    queryFn: ({ signal }) => apiFetch<ScanView>(`/api/v1/discovery/${id}`, { signal }),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1_000 : false),
  });

export type ScanRequest = { cidr: string; ports?: number[]; protocols?: DiscoveryProtocol[] };

export const postDiscoveryScan = (body: ScanRequest) =>
  apiFetch<ScanView>('/api/v1/discovery', { method: 'POST', body });

export type AddRequest = {
  siteId: number;
  modelId?: number;
  items: { host: string; port: number; modelId?: number }[];
};

export const postDiscoveryAdd = (scanId: number, body: AddRequest) =>
  apiFetch<AddOutcome>(`/api/v1/discovery/${scanId}/add`, { method: 'POST', body });
