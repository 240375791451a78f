// Allocation plans (issue #10): the dry-run plan, its apply, automatic mode and the decision log.
import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { allocationKeys } from './keys';
import { LIVE_REFRESH_MS } from './range';
import type {
  AllocationApplyResult,
  AllocationAutoSettings,
  AllocationAutoSettingsUpdate,
  AllocationDecisionLogEntry,
  AllocationPlan,
  AllocationPlanRequest,
  AllocationPlanSummary,
} from './types';

/** A fresh dry run is a solve on the server: refreshed far less often than live telemetry. */
export const PLAN_REFRESH_MS = LIVE_REFRESH_MS * 60;

/**
 * The recommended plan for the given sites (all when empty). A POST, because every dry run is kept
 * as a draft with its inputs snapshot; the key is what the request depends on, so the server
 * prefetch and the browser share it.
 */
export const draftPlanQuery = (siteIds: readonly number[] = []) =>
  queryOptions({
    queryKey: allocationKeys.draft(siteIds),
    queryFn: ({ signal }) => postAllocationPlan(siteIds.length > 0 ? { siteIds: [...siteIds] } : {}, signal),
    refetchInterval: PLAN_REFRESH_MS,
    staleTime: PLAN_REFRESH_MS,
  });

export const planQuery = (id: number) =>
  queryOptions({
    queryKey: allocationKeys.plan(id),
    queryFn: ({ signal }) => apiFetch<AllocationPlan>(`/api/v1/allocation/plans/${id}`, { signal }),
  });

/** The newest stored plan (read-only users see it instead of a fresh dry run, which takes an operator). */
export const latestPlanQuery = () =>
  queryOptions({
    queryKey: allocationKeys.latest(),
    queryFn: async ({ signal }) => {
      const list = await apiFetch<{ data: AllocationPlanSummary[] }>('/api/v1/allocation/plans', {
        query: { limit: 1 },
        signal,
      });
      const newest = list.data[0];
      return newest ? apiFetch<AllocationPlan>(`/api/v1/allocation/plans/${newest.id}`, { signal }) : null;
    },
    refetchInterval: PLAN_REFRESH_MS,
  });

export const autoSettingsQuery = () =>
  queryOptions({
    queryKey: allocationKeys.auto(),
    queryFn: ({ signal }) =>
      apiFetch<{ sites: AllocationAutoSettings[] }>('/api/v1/allocation/auto', { signal }).then(
        (b) => b.sites,
      ),
    refetchInterval: LIVE_REFRESH_MS * 6,
  });

export const decisionLogQuery = (siteId: number | null) =>
  queryOptions({
    queryKey: allocationKeys.decisions(siteId),
    queryFn: ({ signal }) =>
      apiFetch<{ data: AllocationDecisionLogEntry[] }>('/api/v1/allocation/decisions', {
        query: { siteId, limit: 50 },
        signal,
      }).then((b) => b.data),
    refetchInterval: LIVE_REFRESH_MS * 6,
  });

export const postAllocationPlan = (body: AllocationPlanRequest, signal?: AbortSignal) =>
  apiFetch<AllocationPlan>('/api/v1/allocation/plans', { method: 'POST', body, signal });

export const postAllocationPlanApply = (id: number) =>
  apiFetch<AllocationApplyResult>(`/api/v1/allocation/plans/${id}/apply`, { method: 'POST', body: {} });

export const putAllocationAutoSettings = (body: AllocationAutoSettingsUpdate) =>
  apiFetch<AllocationAutoSettings>('/api/v1/allocation/auto', { method: 'PUT', body });
