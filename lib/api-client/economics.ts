import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { economicsKeys } from './keys';
import { MARKET_REFRESH_MS } from './market';
import type { DeviceEconomics, EconomicsSummary, FleetProjection } from './types';

export const economicsSummaryQuery = (siteId: number | null = null) =>
  queryOptions({
    queryKey: economicsKeys.summary(siteId),
    queryFn: ({ signal }) =>
      apiFetch<EconomicsSummary>('/api/v1/economics/summary', { query: { siteId }, signal }),
    refetchInterval: MARKET_REFRESH_MS,
  });

export const deviceEconomicsQuery = (deviceId: number) =>
  queryOptions({
    queryKey: economicsKeys.device(deviceId),
    queryFn: ({ signal }) => apiFetch<DeviceEconomics>(`/api/v1/economics/devices/${deviceId}`, { signal }),
    refetchInterval: MARKET_REFRESH_MS,
  });

export const projectionQuery = (
  growthPctPerMonth: number,
  days: number | null,
  siteId: number | null = null,
) =>
  queryOptions({
    queryKey: economicsKeys.projection(growthPctPerMonth, days, siteId),
    queryFn: ({ signal }) =>
      apiFetch<FleetProjection>('/api/v1/economics/projection', {
        query: { growthPctPerMonth, days, siteId },
        signal,
      }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
