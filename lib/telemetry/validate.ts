import { NUMERIC_METRICS, REPORTED_STATUSES, type ReportedStatus, type TelemetrySample } from './metrics';

/** A sample that passed validation but whose device reference is not resolved yet. */
export type PendingSample = Omit<TelemetrySample, 'deviceId'> & {
  ref: { deviceId: number } | { serial: string };
};

export type Rejection = { index: number; error: string };

export type ValidationLimits = {
  /** Oldest accepted timestamp (epoch ms): older samples fall outside raw retention. */
  minTs: number;
  /** Newest accepted timestamp (epoch ms): a little clock skew is fine, the future is not. */
  maxTs: number;
};

const METRIC_BY_KEY = new Map<string, (typeof NUMERIC_METRICS)[number]>(
  NUMERIC_METRICS.map((m) => [m.key, m]),
);
const STATUSES = new Set<string>(REPORTED_STATUSES);
const KNOWN_KEYS = new Set(['deviceId', 'serial', 'ts', 'status', 'poolUrl', ...METRIC_BY_KEY.keys()]);
const ISO_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const MAX_DATE_MS = 8.64e15;

function parseTs(value: unknown): number | string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value))
      return 'ts must be an integer of epoch milliseconds';
    // Epoch seconds are a common agent mistake: 1.7e9 would be January 1970 in milliseconds.
    if (value < 1e11) return 'ts looks like epoch seconds; send epoch milliseconds or an ISO-8601 string';
    // Beyond ±8.64e15 ms a Date is invalid and every later toISOString() would throw.
    if (value > MAX_DATE_MS) return 'ts is beyond the representable date range';
    return value;
  }
  if (typeof value === 'string') {
    if (!ISO_TS.test(value)) return 'ts must be ISO-8601 with a timezone (e.g. 2026-11-21T10:00:00Z)';
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? 'ts is not a valid date' : ms;
  }
  return 'ts is required (ISO-8601 string or epoch milliseconds)';
}

/**
 * Validates one sample. Strict on purpose: unknown fields, strings for numbers, non-finite
 * values and out-of-range readings are rejected with a reason, never coerced or dropped.
 */
export function validateSample(input: unknown, limits: ValidationLimits): PendingSample | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'sample must be an object';
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) return `unknown field "${key.slice(0, 40)}"`;
  }
  let ref: PendingSample['ref'];
  if (raw.deviceId !== undefined) {
    if (raw.serial !== undefined) return 'send deviceId or serial, not both';
    if (
      typeof raw.deviceId !== 'number' ||
      !Number.isInteger(raw.deviceId) ||
      raw.deviceId <= 0 ||
      raw.deviceId > 2 ** 31
    ) {
      return 'deviceId must be a positive integer';
    }
    ref = { deviceId: raw.deviceId };
  } else if (raw.serial !== undefined) {
    if (typeof raw.serial !== 'string' || raw.serial.length === 0 || raw.serial.length > 64) {
      return 'serial must be a non-empty string of at most 64 characters';
    }
    ref = { serial: raw.serial };
  } else {
    return 'deviceId or serial is required';
  }
  const ts = parseTs(raw.ts);
  if (typeof ts === 'string') return ts;
  if (ts < limits.minTs) return `ts ${new Date(ts).toISOString()} is older than the raw retention window`;
  if (ts > limits.maxTs) return `ts ${new Date(ts).toISOString()} is in the future`;

  const sample: PendingSample = { ref, ts };
  let metricCount = 0;
  for (const [key, value] of Object.entries(raw)) {
    const metric = METRIC_BY_KEY.get(key);
    if (!metric || value === null) continue;
    if (typeof value !== 'number') return `${key} must be a number, got ${typeof value}`;
    if (!Number.isFinite(value)) return `${key} must be finite`;
    if (value < metric.min || value > metric.max)
      return `${key} ${value} is outside ${metric.min}…${metric.max}`;
    sample[metric.key] = value;
    metricCount++;
  }
  if (raw.status !== undefined && raw.status !== null) {
    if (typeof raw.status !== 'string' || !STATUSES.has(raw.status)) {
      return `status must be one of ${REPORTED_STATUSES.join(', ')}`;
    }
    sample.status = raw.status as ReportedStatus;
  }
  if (raw.poolUrl !== undefined && raw.poolUrl !== null) {
    if (typeof raw.poolUrl !== 'string' || raw.poolUrl.length > 300)
      return 'poolUrl must be a string of at most 300 characters';
    sample.poolUrl = raw.poolUrl;
  }
  if (metricCount === 0 && sample.status === undefined) return 'sample has no metrics';
  return sample;
}

export type BatchValidation = { valid: { index: number; sample: PendingSample }[]; rejected: Rejection[] };

/** Validates a batch body `{ samples: [...] }`; whole-body problems throw, per-sample ones are listed. */
export function validateBatch(
  body: unknown,
  limits: ValidationLimits,
  maxSamples: number,
): BatchValidation | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'body must be an object { "samples": [...] }';
  const { samples } = body as { samples?: unknown };
  if (!Array.isArray(samples)) return '"samples" must be an array';
  if (samples.length === 0) return '"samples" is empty';
  if (samples.length > maxSamples) return `at most ${maxSamples} samples per batch (got ${samples.length})`;
  const valid: BatchValidation['valid'] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  samples.forEach((input, index) => {
    const result = validateSample(input, limits);
    if (typeof result === 'string') {
      rejected.push({ index, error: result });
      return;
    }
    const key = `${'deviceId' in result.ref ? result.ref.deviceId : `s:${result.ref.serial}`}@${result.ts}`;
    if (seen.has(key)) {
      rejected.push({ index, error: 'duplicate (device, ts) within the batch' });
      return;
    }
    seen.add(key);
    valid.push({ index, sample: result });
  });
  return { valid, rejected };
}
