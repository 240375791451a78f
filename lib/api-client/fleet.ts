import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { fleetKeys, siteKeys } from './keys';
import { chartRefreshMs, LIVE_REFRESH_MS, type RangeParam, rangeQuery } from './range';
import type { FleetSummary, Series, TotalsPoint, WorstDevice } from './types';

export const fleetSummaryQuery = () =>
  queryOptions({
    queryKey: fleetKeys.summary(),
    queryFn: ({ signal }) => apiFetch<FleetSummary>('/api/v1/fleet/summary', { signal }),
    refetchInterval: LIVE_REFRESH_MS,
  });

/** Totals over time for the whole fleet, or for one site (key under ['sites', id, …]). */
export const totalsMetricsQuery = (range: RangeParam, siteId?: number) =>
  queryOptions({
    queryKey: siteId ? siteKeys.metrics(siteId, range) : fleetKeys.metrics(range),
    queryFn: ({ signal }) =>
      apiFetch<Series<TotalsPoint>>(siteId ? `/api/v1/sites/${siteId}/metrics` : '/api/v1/fleet/metrics', {
        query: rangeQuery(range),
        signal,
      }),
    refetchInterval: chartRefreshMs(range),
  });

export const fleetAttentionQuery = (limit = 8) =>
  queryOptions({
    queryKey: fleetKeys.attention(limit),
    queryFn: ({ signal }) =>
      apiFetch<{ data: WorstDevice[] }>('/api/v1/fleet/attention', { query: { limit }, signal }).then(
        (body) => body.data,
      ),
    refetchInterval: LIVE_REFRESH_MS,
  });
