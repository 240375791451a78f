// The browser's one way to call the Switchyard API: typed JSON in and out, the error envelope
// `{ error: { code, message, details } }` turned into a thrown ApiError so react-query sees a failure.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** `{ siteId: 3, status: ['online', 'degraded'], q: '' }` → `?siteId=3&status=online%2Cdegraded`; empties dropped. */
export function buildQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
      continue;
    }
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function isEnvelope(body: unknown): body is { error: { code: string; message: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** The ApiError for a non-2xx answer: the envelope when there is one, else the HTTP status text. */
export function toApiError(status: number, statusText: string, body: unknown): ApiError {
  if (isEnvelope(body)) return new ApiError(status, body.error.code, body.error.message, body.error.details);
  return new ApiError(status, `http_${status}`, statusText ? `${status} ${statusText}` : `HTTP ${status}`);
}

export interface ApiFetchOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is with its content type (CSV uploads); takes the place of `body`. */
  raw?: { contentType: string; text: string };
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

/**
 * Calls `/api/...` with the session cookie and parses JSON. 204 resolves to null. The generic is the
 * caller's claim about the wire shape (the server validates its own output, the client trusts it).
 */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const { method = 'GET', body, raw, query, signal } = options;
  const response = await fetch(`${path}${query ? buildQuery(query) : ''}`, {
    method,
    signal,
    credentials: 'same-origin',
    headers: raw
      ? { 'content-type': raw.contentType }
      : body === undefined
        ? { accept: 'application/json' }
        : { 'content-type': 'application/json' },
    body: raw ? raw.text : body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null as T;
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
