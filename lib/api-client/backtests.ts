import { queryOptions } from '@tanstack/react-query';
import type { BacktestRequest } from '../allocation/backtest/schemas';
import type { BacktestView, UploadView } from '../allocation/backtest/store';
import { apiFetch } from './fetch';
import { backtestKeys } from './keys';

export type { BacktestView, UploadView };

/** The request as the browser sends it (times as ISO strings; the server turns them into ms). */
export type BacktestBody = Omit<BacktestRequest, 'from' | 'to'> & { from: string; to: string };

const active = (status: BacktestView['status'] | undefined) => status === 'queued' || status === 'running';

export const backtestsQuery = () =>
  queryOptions({
    queryKey: backtestKeys.list(),
    queryFn: ({ signal }) => apiFetch<{ data: BacktestView[] }>('/api/v1/allocation/backtests', { signal }),
    refetchInterval: (query) => (query.state.data?.data.some((b) => active(b.status)) ? 2_000 : false),
  });

/** Polled once a second while the backtest is queued or running. */
export const backtestQuery = (id: number) =>
  queryOptions({
    queryKey: backtestKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<BacktestView>(`/api/v1/allocation/backtests/${id}`, { signal }),
    refetchInterval: (query) => (active(query.state.data?.status) || !query.state.data ? 1_000 : false),
  });

export const startBacktest = (body: BacktestBody) =>
  apiFetch<{ id: number }>('/api/v1/allocation/backtests', { method: 'POST', body });

export const cancelBacktest = (id: number) =>
  apiFetch<BacktestView>(`/api/v1/allocation/backtests/${id}`, { method: 'DELETE' });

export const uploadBacktestCsv = (kind: 'electricity' | 'bitcoin', name: string, text: string) =>
  apiFetch<UploadView>('/api/v1/allocation/backtests/uploads', {
    method: 'POST',
    query: { kind, name },
    raw: { contentType: 'text/csv', text },
  });

export const backtestExportUrl = (id: number, what: 'results' | 'cumulative') =>
  `/api/v1/allocation/backtests/${id}/export?what=${what}`;
