import { queryOptions } from '@tanstack/react-query';
import type { HistoryProgress } from '../sim/history-plan';
import { apiFetch } from './fetch';

export const simulatorKeys = {
  all: ['simulator'] as const,
  history: () => ['simulator', 'history'] as const,
};

/** Polled while the first-start history fills; once done (or never planned) it stops. */
export const historyFillQuery = () =>
  queryOptions({
    queryKey: simulatorKeys.history(),
    queryFn: ({ signal }) => apiFetch<HistoryProgress>('/api/v1/simulator/history', { signal }),
    refetchInterval: (query) => (query.state.data?.status === 'filling' ? 3_000 : false),
  });
