// The "nice" bucket steps charts are read at: round wall-clock spans, smallest first, so a range of
// any length gets a step a reader recognises and buckets that line up from one refresh to the next.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const NICE_STEPS_MS: readonly number[] = [
  10_000,
  15_000,
  30_000,
  MINUTE_MS,
  2 * MINUTE_MS,
  5 * MINUTE_MS,
  10 * MINUTE_MS,
  15 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  7 * DAY_MS,
];

/**
 * Smallest step of `ladder` that is at least `minimumMs` and keeps `spanMs` within `maxPoints`
 * buckets; past the end of the ladder, whole days.
 */
export function niceStepMs(
  spanMs: number,
  minimumMs: number,
  maxPoints: number,
  ladder: readonly number[] = NICE_STEPS_MS,
): number {
  const needed = Math.max(minimumMs, Math.ceil(spanMs / maxPoints));
  return ladder.find((s) => s >= needed) ?? Math.ceil(needed / DAY_MS) * DAY_MS;
}
