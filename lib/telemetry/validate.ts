// Validation of POST /api/v1/telemetry bodies, straight into storage rows (sample-rows.ts): one
// pass over each parsed sample, no intermediate object per sample. This is the hot path of
// ingest (every sample of every batch), so it reads fields directly instead of going through a
// schema library; the rules are strict on purpose: unknown fields, strings for numbers,
// non-finite values and out-of-range readings are rejected with a reason, never coerced.
import { NUMERIC_METRICS, REPORTED_STATUSES } from './metrics';
import { DEVICE_SLOT, METRIC_SLOT, POOL_SLOT, SampleRows, STATUS_SLOT, STRIDE, TS_SLOT } from './sample-rows';

export type Rejection = { index: number; error: string };

export type ValidationLimits = {
  /** Oldest accepted timestamp (epoch ms): older samples fall outside raw retention. */
  minTs: number;
  /** Newest accepted timestamp (epoch ms): a little clock skew is fine, the future is not. */
  maxTs: number;
};

type MetricRule = { key: string; min: number; max: number; slot: number };
const METRIC_BY_KEY = new Map<string, MetricRule>(
  NUMERIC_METRICS.map((m, k) => [m.key, { key: m.key, min: m.min, max: m.max, slot: METRIC_SLOT + k }]),
);
const STATUSES = new Set<string>(REPORTED_STATUSES);
const OTHER_KEYS = new Set(['deviceId', 'serial', 'ts', 'status', 'poolUrl']);
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

/** The first problem of one metric value, or undefined when it is fine. */
function metricProblem(key: string, value: unknown, rule: MetricRule): string | undefined {
  if (typeof value !== 'number') return `${key} must be a number, got ${typeof value}`;
  if (!Number.isFinite(value)) return `${key} must be finite`;
  if (value < rule.min || value > rule.max) return `${key} ${value} is outside ${rule.min}…${rule.max}`;
  return undefined;
}

/** Clears a refused sample's row (it is reused by the next sample) and returns the reason. */
function refuse(values: Float64Array, base: number, reason: string): string {
  values.fill(Number.NaN, base, base + STRIDE);
  return reason;
}

/**
 * Validates one sample into row `row` of `rows` and its device reference (id or serial) into
 * `refs[row]`: undefined when it is valid, else the reason it is refused (the row left
 * NaN-filled). The checks run in a fixed order whatever the field order: fields, device, ts,
 * metrics, status, pool.
 */
function validateInto(
  input: unknown,
  limits: ValidationLimits,
  rows: SampleRows,
  refs: (number | string)[],
  row: number,
): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'sample must be an object';
  const raw = input as Record<string, unknown>;
  const { values } = rows;
  const base = row * STRIDE;
  let unknownKey: string | undefined;
  let metricError: string | undefined;
  let metricCount = 0;
  for (const key in raw) {
    const rule = METRIC_BY_KEY.get(key);
    if (rule === undefined) {
      if (!OTHER_KEYS.has(key)) {
        unknownKey = key;
        break;
      }
      continue;
    }
    const value = raw[key];
    if (value === null || metricError !== undefined) continue;
    metricError = metricProblem(key, value, rule);
    if (metricError !== undefined) continue;
    values[base + rule.slot] = value as number;
    metricCount++;
  }
  if (unknownKey !== undefined) return refuse(values, base, `unknown field "${unknownKey.slice(0, 40)}"`);
  let serial: string | undefined;
  const { deviceId } = raw;
  if (deviceId !== undefined) {
    if (raw.serial !== undefined) return refuse(values, base, 'send deviceId or serial, not both');
    if (typeof deviceId !== 'number' || !Number.isInteger(deviceId) || deviceId <= 0 || deviceId > 2 ** 31) {
      return refuse(values, base, 'deviceId must be a positive integer');
    }
    values[base + DEVICE_SLOT] = deviceId;
  } else if (raw.serial !== undefined) {
    if (typeof raw.serial !== 'string' || raw.serial.length === 0 || raw.serial.length > 64) {
      return refuse(values, base, 'serial must be a non-empty string of at most 64 characters');
    }
    serial = raw.serial;
  } else {
    return refuse(values, base, 'deviceId or serial is required');
  }
  const ts = parseTs(raw.ts);
  if (typeof ts === 'string') return refuse(values, base, ts);
  if (ts < limits.minTs)
    return refuse(values, base, `ts ${new Date(ts).toISOString()} is older than the raw retention window`);
  if (ts > limits.maxTs) return refuse(values, base, `ts ${new Date(ts).toISOString()} is in the future`);
  values[base + TS_SLOT] = ts;
  if (metricError !== undefined) return refuse(values, base, metricError);
  const { status, poolUrl } = raw;
  if (status !== undefined && status !== null) {
    if (typeof status !== 'string' || !STATUSES.has(status)) {
      return refuse(values, base, `status must be one of ${REPORTED_STATUSES.join(', ')}`);
    }
    values[base + STATUS_SLOT] = rows.intern(status);
  }
  if (poolUrl !== undefined && poolUrl !== null) {
    if (typeof poolUrl !== 'string' || poolUrl.length > 300)
      return refuse(values, base, 'poolUrl must be a string of at most 300 characters');
    values[base + POOL_SLOT] = rows.intern(poolUrl);
  }
  if (metricCount === 0 && (status === undefined || status === null))
    return refuse(values, base, 'sample has no metrics');
  refs[row] = serial ?? (deviceId as number);
  return undefined;
}

/**
 * (device, ts) pairs seen in one batch. Agents send one sample per device per batch, so the
 * first timestamp per device sits in a number-keyed map; only a device's further timestamps
 * need a composite key.
 */
class SeenPairs {
  private readonly firstById = new Map<number, number>();
  private readonly firstBySerial = new Map<string, number>();
  private more: Set<string> | undefined;

  /** True when the pair was new (and is now recorded). */
  add(ref: number | string, ts: number): boolean {
    const first = typeof ref === 'number' ? this.firstById : this.firstBySerial;
    const seen = (first as Map<number | string, number>).get(ref);
    if (seen === undefined) {
      (first as Map<number | string, number>).set(ref, ts);
      return true;
    }
    if (seen === ts) return false;
    const key = `${typeof ref === 'number' ? ref : `s:${ref}`}@${ts}`;
    this.more ??= new Set();
    if (this.more.has(key)) return false;
    this.more.add(key);
    return true;
  }
}

export type BatchValidation = {
  /** The valid samples as rows, in batch order; device ids not yet resolved for serial rows. */
  rows: SampleRows;
  /** Batch index of each row. */
  index: Int32Array;
  /** Each row's device as the sample named it: its id, or its serial. */
  refs: (number | string)[];
  rejected: Rejection[];
};

/** Validates a batch body `{ samples: [...] }`; whole-body problems are returned, per-sample ones listed. */
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
  const rows = new SampleRows(samples.length);
  const index = new Int32Array(samples.length);
  const refs: (number | string)[] = [];
  const rejected: Rejection[] = [];
  const seen = new SeenPairs();
  let row = 0;
  for (let i = 0; i < samples.length; i++) {
    const error = validateInto(samples[i], limits, rows, refs, row);
    if (error !== undefined) {
      rejected.push({ index: i, error });
      continue;
    }
    const base = row * STRIDE;
    if (!seen.add(refs[row]!, rows.values[base + TS_SLOT]!)) {
      rejected.push({
        index: i,
        error: refuse(rows.values, base, 'duplicate (device, ts) within the batch'),
      });
      continue;
    }
    index[row++] = i;
  }
  rows.count = row;
  refs.length = row;
  return { rows, index, refs, rejected };
}
