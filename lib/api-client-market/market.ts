import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ApiError, apiFetch, toApiError } from '@/lib/api-client/fetch';
import { chartRefreshMs, type RangeParam, rangeQuery } from '@/lib/api-client/range';
import { marketKeys } from './keys';
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
    queryKey: marketKeys.settings(),
    queryFn: ({ signal }) => apiFetch<MarketSettingsPage>('/api/v1/settings/market', { signal }),
    refetchInterval: 60_000,
  });

export function updateMarketSettings(body: MarketSettingsUpdate): Promise<MarketSettingsView> {
  return send<MarketSettingsView>('PUT', '/api/v1/settings/market', 'application/json', JSON.stringify(body));
}

export function saveGpuRateTable(rows: GpuRateRow[]): Promise<GpuRatesView> {
  return send<GpuRatesView>('PUT', '/api/v1/market/gpu-rates', 'application/json', JSON.stringify({ rows }));
}

/** Posts a CSV file body; errors (422 with a per-row report) arrive as ApiError with `details`. */
export function postCsv<T>(
  path: string,
  csv: string,
  query: Record<string, string | undefined> = {},
): Promise<T> {
  const search = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])),
  );
  return send<T>('POST', `${path}${search.size ? `?${search}` : ''}`, 'text/csv', csv);
}

/** For what apiFetch does not cover (PUT, CSV bodies); same error envelope handling. */
async function send<T>(method: 'PUT' | 'POST', path: string, contentType: string, body: string): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': contentType },
    body,
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) throw toApiError(response.status, response.statusText, parsed);
  return parsed as T;
}

export function importGpuRateCsv(csv: string): Promise<GpuRatesView> {
  return postCsv<GpuRatesView>('/api/v1/market/gpu-rates/import', csv);
}

/** The per-row report of a rejected CSV upload, or null for any other error. */
export function csvIssues(error: unknown): { line: number; kind?: string; message: string }[] | null {
  if (!(error instanceof ApiError) || error.code !== 'invalid_csv') return null;
  const details = error.details as
    | { issues?: { line: number; kind?: string; message: string }[] }
    | undefined;
  return details?.issues ?? null;
}
