// The audit log: one page per query (keyset cursor), and the CSV export's address.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiFetch, buildQuery } from './fetch';
import { auditKeys } from './keys';
import type { AuditEventView } from './types';

export type AuditFilters = { actor: string; action: string; from: string; to: string };
export type AuditPage = { data: AuditEventView[]; nextCursor: string | null; actions: string[] };

function filterQuery(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v.trim() !== '')) as Record<
    string,
    string
  >;
}

export const auditQuery = (filters: AuditFilters, cursor: string | null, limit = 50) =>
  queryOptions({
    queryKey: auditKeys.list({ ...filterQuery(filters), limit: String(limit) }, cursor),
    queryFn: ({ signal }) =>
      apiFetch<AuditPage>('/api/v1/audit', {
        query: { ...filterQuery(filters), cursor, limit },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

/** The export downloads through the browser itself (streamed to disk, never held in memory). */
export function auditExportHref(filters: AuditFilters): string {
  return `/api/v1/audit/export${buildQuery(filterQuery(filters))}`;
}
