/** An error with an HTTP meaning; the API wrapper turns it into `{ error: { code, message, details } }`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Sign in or send a valid API token') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role does not allow this', details?: unknown) =>
  new AppError(403, 'forbidden', message, details);
/** A session of a user whose role must use two-factor, not enrolled yet: only enrolment is open. */
export const twoFactorEnrolmentRequired = () =>
  new AppError(
    403,
    'two_factor_enrolment_required',
    'Your role must use two-factor sign-in: set it up in Settings → Account first',
  );
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown) =>
  new AppError(409, 'conflict', message, details);
export const payloadTooLarge = (message: string) => new AppError(413, 'payload_too_large', message);
export const unsupportedMediaType = (message: string) => new AppError(415, 'unsupported_media_type', message);
export const tooManyRequests = (retryAfterS: number) =>
  new AppError(429, 'rate_limited', 'Too many requests; retry later', undefined, {
    'Retry-After': String(Math.max(1, Math.ceil(retryAfterS))),
  });
export const unavailable = (message: string, retryAfterS = 5) =>
  new AppError(503, 'unavailable', message, undefined, { 'Retry-After': String(retryAfterS) });

/** One problem of an uploaded CSV; line 0 is the file as a whole, line 1 the header. */
export type CsvIssue = { line: number; field?: string; kind?: string; message: string };

/**
 * The one error contract of every CSV import: 422 `invalid_csv` with `details.issues`, nothing stored.
 * `extra` carries an import's own additions (e.g. the device import's per-row `rows`).
 */
export const invalidCsv = (message: string, issues: CsvIssue[], extra?: Record<string, unknown>) =>
  new AppError(422, 'invalid_csv', message, { ...extra, issues });
