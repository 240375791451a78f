import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { siteKeys } from './keys';
import type { ContractDraft, PriceImportResult, SitePricesView } from './types';

export const sitePricesQuery = (siteId: number, from: number, to: number) =>
  queryOptions({
    queryKey: siteKeys.prices(siteId, from, to),
    queryFn: ({ signal }) =>
      apiFetch<SitePricesView>(`/api/v1/sites/${siteId}/prices`, { query: { from, to }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** The next 24 h under a contract being edited; the draft is part of the key. */
export const contractPreviewQuery = (siteId: number, draft: ContractDraft) =>
  queryOptions({
    queryKey: siteKeys.pricePreview(siteId, JSON.stringify(draft)),
    queryFn: ({ signal }) =>
      apiFetch<SitePricesView>(`/api/v1/sites/${siteId}/prices/preview`, {
        method: 'POST',
        body: draft,
        signal,
      }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });

export type SiteContractPatch = ContractDraft & {
  pue?: number;
  poolFeePct?: number;
  curtailable?: boolean;
  firmPower?: boolean;
};

export function patchSiteContract(siteId: number, patch: SiteContractPatch) {
  return apiFetch<unknown>(`/api/v1/sites/${siteId}`, { method: 'PATCH', body: patch });
}

/** Errors (422 with a per-row report) arrive as ApiError with `details`: see csvIssues. */
export function postSitePricesCsv(
  siteId: number,
  csv: string,
  options: { timeZone?: string; currency?: string; stepMinutes?: string },
): Promise<PriceImportResult> {
  return apiFetch<PriceImportResult>(`/api/v1/sites/${siteId}/prices/import`, {
    method: 'POST',
    raw: { contentType: 'text/csv', text: csv },
    query: options,
  });
}
