// Telemetry samples as flat storage rows: one Float64Array of `STRIDE` slots per row in
// telemetry_sample's column order, NaN meaning NULL, the two text columns as indexes into an
// interned string list. The ingest validator writes straight into it (no object per sample),
// the SQLite writer thread reads it after a cheap copy (not a structured clone of 1,000
// objects), and the PostgreSQL path turns it into UNNEST array literals.
import { NUMERIC_METRICS, type TelemetrySample } from './metrics';

/** telemetry_sample's columns, in row order. */
export const SAMPLE_COLUMNS = [
  'device_id',
  'ts',
  ...NUMERIC_METRICS.map((m) => m.column),
  'status',
  'pool_url',
] as const;
export const STRIDE = SAMPLE_COLUMNS.length;
export const DEVICE_SLOT = 0;
export const TS_SLOT = 1;
/** Slot of the first metric; metric k of NUMERIC_METRICS sits at METRIC_SLOT + k. */
export const METRIC_SLOT = 2;
export const STATUS_SLOT = STRIDE - 2;
export const POOL_SLOT = STRIDE - 1;

/** What crosses to the writer thread: plain data, copied by postMessage. */
export type SampleRowsData = { buffer: ArrayBuffer; count: number; strings: string[] };

export class SampleRows {
  readonly values: Float64Array;
  count = 0;
  readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();

  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(1, capacity) * STRIDE).fill(Number.NaN);
  }

  /** Index of `s` in `strings`, added on first use (a batch has a handful of statuses and pools). */
  intern(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.push(s) - 1;
      this.stringIndex.set(s, i);
    }
    return i;
  }

  text(row: number, slot: typeof STATUS_SLOT | typeof POOL_SLOT): string | null {
    const v = this.values[row * STRIDE + slot]!;
    return Number.isNaN(v) ? null : this.strings[v]!;
  }

  /** Moves row `from` to row `to` (to ≤ from), for compacting after rows are dropped. */
  move(from: number, to: number) {
    if (from !== to) this.values.copyWithin(to * STRIDE, from * STRIDE, from * STRIDE + STRIDE);
  }

  /** Ready for postMessage (which copies it); the thread reads only the first `count` rows. */
  data(): SampleRowsData {
    return { buffer: this.values.buffer as ArrayBuffer, count: this.count, strings: this.strings };
  }

  /**
   * One PostgreSQL array literal per column ('{1.5,NULL}', '{"ok",NULL}') for the UNNEST insert,
   * NULL for NaN; each interned string is quoted once, not once per row. Given JS arrays,
   * node-postgres builds the same text element by element (prepareValue and escapeElement for
   * every number too): ≈16 % of the server's CPU under ingest load.
   */
  pgArrayLiterals(): string[] {
    const quoted = this.strings.map(quoteArrayElement);
    const out: string[] = new Array(STRIDE);
    const parts = new Array<string>(this.count);
    for (let slot = 0; slot < STRIDE; slot++) {
      const text = slot === STATUS_SLOT || slot === POOL_SLOT;
      for (let row = 0; row < this.count; row++) {
        const v = this.values[row * STRIDE + slot]!;
        parts[row] = Number.isNaN(v) ? 'NULL' : text ? quoted[v]! : String(v);
      }
      out[slot] = `{${parts.join(',')}}`;
    }
    return out;
  }

  timestamps(): number[] {
    const out = new Array<number>(this.count);
    for (let row = 0; row < this.count; row++) out[row] = this.values[row * STRIDE + TS_SLOT]!;
    return out;
  }
}

/** A text element of an array literal: double-quoted, `\` and `"` escaped. */
export function quoteArrayElement(s: string): string {
  return `"${s.replace(/[\\"]/g, '\\$&')}"`;
}

/** Rows of already-validated sample objects (simulator backfill, tests, collectors' stores). */
export function packSamples(samples: readonly TelemetrySample[]): SampleRows {
  const rows = new SampleRows(samples.length);
  const { values } = rows;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]! as Record<string, unknown>;
    const base = i * STRIDE;
    // A Float64Array turns null into 0: only numbers go in, anything else stays NaN (NULL).
    if (typeof s.deviceId === 'number') values[base + DEVICE_SLOT] = s.deviceId;
    if (typeof s.ts === 'number') values[base + TS_SLOT] = s.ts;
    for (let k = 0; k < NUMERIC_METRICS.length; k++) {
      const v = s[NUMERIC_METRICS[k]!.key];
      if (typeof v === 'number') values[base + METRIC_SLOT + k] = v;
    }
    if (typeof s.status === 'string') values[base + STATUS_SLOT] = rows.intern(s.status);
    if (typeof s.poolUrl === 'string') values[base + POOL_SLOT] = rows.intern(s.poolUrl);
  }
  rows.count = samples.length;
  return rows;
}
