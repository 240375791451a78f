import { bodyProblem, ProviderError, snippet } from './result';

/** The slice of the Fetch API we use, so tests can pass a plain object instead of a real Response. */
export type FetchResponseLike = {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
};
export type FetchLike = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<FetchResponseLike>;

export type HttpOptions = {
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform [0, 1) for backoff jitter. */
  random?: () => number;
  /** Clock for HTTP-date Retry-After values. */
  now?: () => number;
  timeoutMs?: number;
  /** Extra attempts after the first. */
  retries?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A longer Retry-After (ENTSO-E bans for 10 minutes) fails at once instead of blocking a refresh loop. */
  maxRetryAfterMs?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  provider?: string;
  onRetry?: (info: { attempt: number; delayMs: number; error: ProviderError }) => void;
};

export type HttpResponse = { status: number; text: string; contentType: string };

export const HTTP_DEFAULTS = {
  timeoutMs: 10_000,
  retries: 2,
  backoffMs: 500,
  maxBackoffMs: 15_000,
  maxRetryAfterMs: 60_000,
} as const;

const defaultFetch: FetchLike = (url, init) => fetch(url, init);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with "equal jitter": half the step is fixed, half random, so delays never collapse to 0. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

type ResolvedOptions = HttpOptions & { [K in keyof typeof HTTP_DEFAULTS]: number };

type Attempt = { response: HttpResponse } | { error: ProviderError; retry: boolean; retryAfterMs?: number };

async function attemptOnce(url: string, o: ResolvedOptions, provider: string): Promise<Attempt> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProviderError('timeout', `no answer within ${o.timeoutMs} ms`, { provider }));
    }, o.timeoutMs);
  });
  const run = async () => {
    const res = await (o.fetch ?? defaultFetch)(url, {
      method: o.method ?? 'GET',
      headers: o.headers,
      body: o.body,
      signal: controller.signal,
    });
    return { res, text: await res.text() };
  };
  try {
    const { res, text } = await Promise.race([run(), timeout]);
    const contentType = res.headers.get('content-type') ?? '';
    const status = res.status;
    const bodySnippet = snippet(text);
    if (status >= 200 && status < 300) {
      const problem = bodyProblem(text, contentType);
      if (!problem) return { response: { status, text, contentType } };
      return {
        error: new ProviderError(problem.code, problem.message, { provider, status, bodySnippet }),
        retry: false,
      };
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), (o.now ?? Date.now)());
      const error = new ProviderError('rate_limited', 'HTTP 429 Too Many Requests', {
        provider,
        status,
        bodySnippet,
      });
      return { error, retry: retryAfterMs === undefined || retryAfterMs <= o.maxRetryAfterMs, retryAfterMs };
    }
    const error = new ProviderError('http_status', `HTTP ${status}`, {
      provider,
      status,
      bodySnippet,
      body: text,
    });
    return { error, retry: status >= 500 };
  } catch (e) {
    if (e instanceof ProviderError) return { error: e, retry: true };
    const message = e instanceof Error ? e.message : String(e);
    return {
      error: new ProviderError('network', `request failed: ${message}`, { provider, cause: e }),
      retry: true,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET/POST with a per-attempt timeout, retries with exponential backoff on network errors, timeouts,
 * 5xx and 429 (honouring Retry-After), none on other 4xx. A 2xx with an empty body or an HTML page is
 * rejected. Throws ProviderError; error messages never contain the URL (query strings carry API tokens).
 */
export async function fetchWithRetry(url: string, options: HttpOptions = {}): Promise<HttpResponse> {
  const o: ResolvedOptions = { ...HTTP_DEFAULTS, ...options };
  const provider = o.provider ?? 'http';
  const sleep = o.sleep ?? defaultSleep;
  const random = o.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    const result = await attemptOnce(url, o, provider);
    if ('response' in result) return result.response;
    if (!result.retry || attempt >= o.retries) throw result.error;
    const delayMs = Math.max(
      result.retryAfterMs ?? 0,
      backoffDelayMs(attempt, o.backoffMs, o.maxBackoffMs, random),
    );
    o.onRetry?.({ attempt: attempt + 1, delayMs, error: result.error });
    await sleep(delayMs);
  }
}

/** fetchWithRetry as a result value, for provider fetch functions that must not throw. */
export async function fetchResult(
  url: string,
  http: HttpOptions | undefined,
  provider: string,
  extra: Partial<HttpOptions> = {},
): Promise<{ ok: true; response: HttpResponse } | { ok: false; error: ProviderError }> {
  try {
    const headers = { ...http?.headers, ...extra.headers };
    return { ok: true, response: await fetchWithRetry(url, { ...http, ...extra, headers, provider }) };
  } catch (e) {
    const error =
      e instanceof ProviderError ? e : new ProviderError('network', String(e), { provider, cause: e });
    return { ok: false, error };
  }
}
