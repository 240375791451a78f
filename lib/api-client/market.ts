import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ApiError, apiFetch } from './fetch';
import { marketKeys, settingsKeys } from './keys';
import { chartRefreshMs, type RangeParam, rangeQuery } from './range';
import type {
  GpuRateRow,
  GpuRatesView,
  MarketHistory,
  MarketLatest,
  MarketSettingsPage,
  MarketSettingsUpdate,
  MarketSettingsView,
} from './types';

/** Network and BTC refresh every minute; 30 s keeps ages honest without hammering the server. */
export const MARKET_REFRESH_MS = 30_000;

export const marketLatestQuery = () =>
  queryOptions({
    queryKey: marketKeys.latest(),
    queryFn: ({ signal }) => apiFetch<MarketLatest>('/api/v1/market/latest', { signal }),
    refetchInterval: MARKET_REFRESH_MS,
  });

export const marketHistoryQuery = (series: readonly string[], range: RangeParam) =>
  queryOptions({
    queryKey: marketKeys.history(series, range),
    queryFn: ({ signal }) =>
      apiFetch<MarketHistory>('/api/v1/market/history', {
        query: { series: [...series].sort(), ...rangeQuery(range) },
        signal,
      }),
    refetchInterval: (() => {
      const ms = chartRefreshMs(range);
      return ms === false ? false : Math.max(ms, 60_000);
    })(),
    placeholderData: keepPreviousData,
    enabled: series.length > 0,
  });

export const gpuRatesQuery = () =>
  queryOptions({
    queryKey: marketKeys.gpuRates(),
    queryFn: ({ signal }) => apiFetch<GpuRatesView>('/api/v1/market/gpu-rates', { signal }),
  });

export const marketSettingsQuery = () =>
  queryOptions({
    queryKey: settingsKeys.market(),
    queryFn: ({ signal }) => apiFetch<MarketSettingsPage>('/api/v1/settings/market', { signal }),
    refetchInterval: 60_000,
  });

export function putMarketSettings(body: MarketSettingsUpdate): Promise<MarketSettingsView> {
  return apiFetch<MarketSettingsView>('/api/v1/settings/market', { method: 'PUT', body });
}

export function putGpuRateTable(rows: GpuRateRow[]): Promise<GpuRatesView> {
  return apiFetch<GpuRatesView>('/api/v1/market/gpu-rates', { method: 'PUT', body: { rows } });
}

/** Errors (422 with a per-row report) arrive as ApiError with `details`: see csvIssues. */
export function postGpuRateCsv(csv: string): Promise<GpuRatesView> {
  return apiFetch<GpuRatesView>('/api/v1/market/gpu-rates/import', {
    method: 'POST',
    raw: { contentType: 'text/csv', text: csv },
  });
}

/** The per-row report of a rejected CSV upload, or null for any other error. */
export function csvIssues(error: unknown): { line: number; kind?: string; message: string }[] | null {
  if (!(error instanceof ApiError) || error.code !== 'invalid_csv') return null;
  const details = error.details as
    | { issues?: { line: number; kind?: string; message: string }[] }
    | undefined;
  return details?.issues ?? null;
}
