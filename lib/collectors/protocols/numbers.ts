/**
 * Coerces a field that firmware sends as a number or a (padded) numeric string: `"  5.0000"`,
 * `"7903.729"` (reference §1.8 C11). `""`, non-numeric text and non-finite values become undefined.
 */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export const MHS_TO_THS = 1e-6;
export const GHS_TO_THS = 1e-3;

/** Rounds to a fixed number of decimals so float noise from unit scaling does not leak into storage. */
export function round(value: number, decimals = 6): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * Sensor readings that mean "no sensor": −273 (Avalon devs), −83 (S9 slot), −1 (AxeOS), ≤ −40 in
 * general (reference §1.8 C14, §2.6 A3). Zero is ambiguous and handled by the callers that know.
 */
export function validTemp(value: number | undefined): number | undefined {
  if (value === undefined || value <= -40 || value > 200) return undefined;
  return value;
}

export function max(values: (number | undefined)[]): number | undefined {
  let best: number | undefined;
  for (const v of values) if (v !== undefined && (best === undefined || v > best)) best = v;
  return best;
}

export function mean(values: (number | undefined)[]): number | undefined {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === undefined) continue;
    sum += v;
    n++;
  }
  return n === 0 ? undefined : sum / n;
}

/** Dash-joined sensor strings keep negatives: `"2--1-20-22"` is 2, −1, 20, 22 (§1.8 C13). */
export function dashNumbers(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(?:^|-)(-?\d+(?:\.\d+)?)/g)) out.push(Number(m[1]));
  return out;
}
