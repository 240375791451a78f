import { niceStepMs } from '../time/steps';
import { BUCKET_MS } from './buckets';

export const MAX_POINTS = 1500;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type Source = '1m' | '5m' | '1h';
export type Resolution = { source: Source; stepMs: number };

/**
 * How long the 1-minute tiers are kept: charts read them for ranges starting ≤ 24 h ago only,
 * and never past raw retention (they are recomputed from raw samples).
 */
export function oneMinuteRetentionMs(rawRetentionMs: number): number {
  return Math.min(DAY, rawRetentionMs);
}

export type ResolutionInput = {
  from: number;
  to: number;
  now: number;
  rawRetentionMs: number;
  requestedStepMs?: number;
};

/**
 * Picks the rollup tier and bucket for a chart: at most MAX_POINTS points, the finest tier that
 * still holds the range. Dashboards never read raw samples: even the 1-minute tier is a rollup.
 */
export function chooseResolution(input: ResolutionInput): Resolution {
  const span = Math.max(1, input.to - input.from);
  const age = input.now - input.from;
  const source: Source =
    span <= DAY && age <= oneMinuteRetentionMs(input.rawRetentionMs)
      ? '1m'
      : span <= 5 * DAY && age <= 90 * DAY
        ? '5m'
        : '1h';
  return {
    source,
    stepMs: niceStepMs(span, Math.max(BUCKET_MS[source], input.requestedStepMs ?? 0), MAX_POINTS),
  };
}

/** Bucket starts covering [from, to], aligned to the step (for gap-filled series). */
export function bucketRange(from: number, to: number, stepMs: number): number[] {
  const out: number[] = [];
  for (let t = from - (from % stepMs); t <= to; t += stepMs) out.push(t);
  return out;
}
