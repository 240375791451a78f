import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { siteKeys } from './keys';
import { LIVE_REFRESH_MS } from './range';
import type { FleetSummary, Rack, RackHeatmap, SiteView, SwarmView, WorstDevice } from './types';

export const sitesListQuery = () =>
  queryOptions({
    queryKey: siteKeys.list(),
    queryFn: ({ signal }) =>
      apiFetch<{ data: SiteView[] }>('/api/v1/sites', { signal }).then((body) => body.data),
    staleTime: 30_000,
  });

export const siteQuery = (id: number) =>
  queryOptions({
    queryKey: siteKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<SiteView>(`/api/v1/sites/${id}`, { signal }),
    staleTime: 30_000,
  });

/** Live totals of one site (GET /fleet/summary?siteId). */
export const siteSummaryQuery = (id: number) =>
  queryOptions({
    queryKey: siteKeys.summary(id),
    queryFn: ({ signal }) =>
      apiFetch<FleetSummary>('/api/v1/fleet/summary', { query: { siteId: id }, signal }),
    refetchInterval: LIVE_REFRESH_MS,
  });

export const siteRacksQuery = (id: number) =>
  queryOptions({
    queryKey: siteKeys.racks(id),
    queryFn: ({ signal }) =>
      apiFetch<{ data: Rack[] }>(`/api/v1/sites/${id}/racks`, { signal }).then((body) => body.data),
    staleTime: 60_000,
  });

export const siteHeatmapQuery = (id: number) =>
  queryOptions({
    queryKey: siteKeys.heatmap(id),
    queryFn: ({ signal }) =>
      apiFetch<{ data: RackHeatmap[] }>(`/api/v1/sites/${id}/heatmap`, { signal }).then((body) => body.data),
    refetchInterval: LIVE_REFRESH_MS,
  });

export const siteAttentionQuery = (id: number, limit = 8) =>
  queryOptions({
    queryKey: siteKeys.attention(id, limit),
    queryFn: ({ signal }) =>
      apiFetch<{ data: WorstDevice[] }>('/api/v1/fleet/attention', {
        query: { siteId: id, limit },
        signal,
      }).then((body) => body.data),
    refetchInterval: LIVE_REFRESH_MS,
  });

/** The site's micro-miner swarm (GET /sites/{id}/swarm), live. */
export const siteSwarmQuery = (id: number) =>
  queryOptions({
    queryKey: siteKeys.swarm(id),
    queryFn: ({ signal }) => apiFetch<SwarmView>(`/api/v1/sites/${id}/swarm`, { signal }),
    refetchInterval: LIVE_REFRESH_MS,
  });
