import { queryOptions } from '@tanstack/react-query';
import { ApiError, apiFetch, buildQuery, toApiError } from './fetch';
import { reportKeys } from './keys';
import type { ReportJson } from './types';

export type ReportFormat = 'csv' | 'xlsx' | 'pdf' | 'json';

/** The JSON of a report, the page's preview. */
export const reportPreviewQuery = (kind: string, query: Record<string, string>) =>
  queryOptions({
    queryKey: reportKeys.preview(kind, query),
    queryFn: ({ signal }) => apiFetch<ReportJson>(`/api/v1/reports/${kind}`, { query, signal }),
    staleTime: 60_000,
  });

export function reportUrl(kind: string, query: Record<string, string>, format: ReportFormat): string {
  return `/api/v1/reports/${kind}${buildQuery({ ...query, format })}`;
}

/**
 * Downloads a report file reading the body chunk by chunk, so the page can show bytes received and
 * cancel through `signal` (the server stops producing CSV pages once the stream is cancelled).
 */
export async function downloadReport(
  url: string,
  onProgress: (bytes: number) => void,
  signal: AbortSignal,
): Promise<{ blob: Blob; filename: string }> {
  const res = await fetch(url, { signal, credentials: 'same-origin' });
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw toApiError(res.status, res.statusText, body);
  }
  if (!res.body) throw new ApiError(500, 'no_body', 'The server sent no file');
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    onProgress(bytes);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'report';
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  return { blob: new Blob(chunks as BlobPart[], { type }), filename };
}
