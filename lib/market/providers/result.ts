import type { z } from 'zod';

/** Why a provider call produced nothing usable. `retryable` tells the scheduler whether trying again soon helps. */
export const PROVIDER_ERROR_CODES = [
  'network',
  'timeout',
  'http_status',
  'rate_limited',
  'html',
  'empty',
  'bad_json',
  'bad_xml',
  'shape',
  'absurd_value',
  'no_data',
  'upstream_error',
  'config',
] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<ProviderErrorCode> = new Set(['network', 'timeout', 'rate_limited']);

export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly status?: number;
  /** First characters of the offending body, for logs (never includes request URLs, which may carry tokens). */
  readonly bodySnippet?: string;
  /** Whole body (≤ 64 kB) of a non-2xx answer: some APIs explain the error in it (ENTSO-E Acknowledgement). */
  readonly body?: string;

  constructor(
    code: ProviderErrorCode,
    message: string,
    opts: { provider?: string; status?: number; bodySnippet?: string; body?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ProviderError';
    this.code = code;
    this.provider = opts.provider ?? 'unknown';
    this.status = opts.status;
    this.bodySnippet = opts.bodySnippet;
    this.body = opts.body?.slice(0, 65_536);
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code) || (this.code === 'http_status' && (this.status ?? 0) >= 500);
  }
}

/** Providers return errors as values: a scheduler loops over many providers and must never crash on one. */
export type ProviderResult<T> =
  | { ok: true; value: T; warnings: string[] }
  | { ok: false; error: ProviderError };

export function ok<T>(value: T, warnings: string[] = []): ProviderResult<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(
  provider: string,
  code: ProviderErrorCode,
  message: string,
  extra: { status?: number; bodySnippet?: string } = {},
): ProviderResult<T> {
  return { ok: false, error: new ProviderError(code, message, { provider, ...extra }) };
}

export function failWith<T>(error: ProviderError): ProviderResult<T> {
  return { ok: false, error };
}

export function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Catches the two classic non-answers: an empty body and an HTML error page served with status 200. */
export function bodyProblem(
  text: string,
  contentType = '',
): { code: 'html' | 'empty'; message: string } | undefined {
  const head = text.trimStart().slice(0, 256).toLowerCase();
  if (head.length === 0) return { code: 'empty', message: 'empty response body' };
  if (
    contentType.toLowerCase().includes('text/html') ||
    head.startsWith('<!doctype html') ||
    head.startsWith('<html')
  ) {
    return { code: 'html', message: `HTML page instead of data: "${snippet(text, 80)}"` };
  }
  return undefined;
}

export function parseJsonText(provider: string, text: string): ProviderResult<unknown> {
  const problem = bodyProblem(text);
  if (problem) return fail(provider, problem.code, problem.message, { bodySnippet: snippet(text) });
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail(provider, 'bad_json', 'response is not valid JSON', { bodySnippet: snippet(text) });
  }
}

function shapeError(provider: string, error: z.ZodError): ProviderError {
  const issues = error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  return new ProviderError('shape', `unexpected response shape — ${issues}`, { provider });
}

/** Parses with a zod schema, turning a mismatch into a `shape` error. */
export function parseShape<S extends z.ZodType>(
  provider: string,
  schema: S,
  data: unknown,
): ProviderResult<z.output<S>> {
  const parsed = schema.safeParse(data);
  return parsed.success ? ok(parsed.data) : failWith(shapeError(provider, parsed.error));
}
