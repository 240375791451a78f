import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { alertKeys } from './keys';
import { LIVE_REFRESH_MS } from './range';
import type {
  AlertEventView,
  AlertView,
  RuleActionView,
  RuleCreate,
  RulePreview,
  RuleView,
  SilenceCreate,
  SilenceView,
  TargetCreate,
  TargetUpdate,
  TargetView,
} from './types';

export type AlertFilters = { status?: string; severity?: string; deviceId?: number };

export const alertsQuery = (filters: AlertFilters = {}) =>
  queryOptions({
    queryKey: alertKeys.list(filters),
    queryFn: ({ signal }) =>
      apiFetch<{ data: AlertView[] }>('/api/v1/alerts', {
        query: {
          status: filters.status || undefined,
          severity: filters.severity || undefined,
          deviceId: filters.deviceId,
        },
        signal,
      }).then((b) => b.data),
    refetchInterval: LIVE_REFRESH_MS,
  });

export const alertQuery = (id: number) =>
  queryOptions({
    queryKey: alertKeys.detail(id),
    queryFn: ({ signal }) =>
      apiFetch<AlertView & { events: AlertEventView[]; ruleActions: RuleActionView[] }>(
        `/api/v1/alerts/${id}`,
        {
          signal,
        },
      ),
    refetchInterval: LIVE_REFRESH_MS,
  });

export const alertCountQuery = () =>
  queryOptions({
    queryKey: alertKeys.count(),
    queryFn: ({ signal }) =>
      apiFetch<{ firing: number }>('/api/v1/alerts/count', { signal }).then((b) => b.firing),
    refetchInterval: LIVE_REFRESH_MS,
  });

export const alertRulesQuery = () =>
  queryOptions({
    queryKey: alertKeys.rules(),
    queryFn: ({ signal }) =>
      apiFetch<{ data: RuleView[] }>('/api/v1/alert-rules', { signal }).then((b) => b.data),
  });

export const silencesQuery = () =>
  queryOptions({
    queryKey: alertKeys.silences(),
    queryFn: ({ signal }) =>
      apiFetch<{ data: SilenceView[] }>('/api/v1/alert-silences', { signal }).then((b) => b.data),
  });

export const postAlertAck = (id: number, note: string) =>
  apiFetch<AlertView>(`/api/v1/alerts/${id}/ack`, { method: 'POST', body: note ? { note } : {} });

export const postAlertRule = (rule: RuleCreate) =>
  apiFetch<RuleView>('/api/v1/alert-rules', { method: 'POST', body: rule });

export const patchAlertRule = (id: number, changes: Partial<RuleCreate>) =>
  apiFetch<RuleView>(`/api/v1/alert-rules/${id}`, { method: 'PATCH', body: changes });

export const deleteAlertRule = (id: number) =>
  apiFetch<null>(`/api/v1/alert-rules/${id}`, { method: 'DELETE' });

export const postSilence = (silence: SilenceCreate) =>
  apiFetch<SilenceView>('/api/v1/alert-silences', { method: 'POST', body: silence });

export const deleteSilence = (id: number) =>
  apiFetch<null>(`/api/v1/alert-silences/${id}`, { method: 'DELETE' });

export const postAlertRulePreview = (rule: RuleCreate) =>
  apiFetch<RulePreview>('/api/v1/alert-rules/preview', { method: 'POST', body: rule });

export const notificationTargetsQuery = () =>
  queryOptions({
    queryKey: alertKeys.targets(),
    queryFn: ({ signal }) =>
      apiFetch<{ data: TargetView[] }>('/api/v1/notification-targets', { signal }).then((b) => b.data),
    refetchInterval: LIVE_REFRESH_MS,
  });

export const postNotificationTarget = (target: TargetCreate) =>
  apiFetch<TargetView>('/api/v1/notification-targets', { method: 'POST', body: target });

export const patchNotificationTarget = (id: number, changes: TargetUpdate) =>
  apiFetch<TargetView>(`/api/v1/notification-targets/${id}`, { method: 'PATCH', body: changes });

export const deleteNotificationTarget = (id: number) =>
  apiFetch<null>(`/api/v1/notification-targets/${id}`, { method: 'DELETE' });
