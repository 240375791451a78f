import type { ElectricityPoint } from '../types';

/**
 * Replaying a recorded series at other times: an instant outside the series is moved by whole weeks
 * (keeping weekday and hour of day) onto the same season of the recorded year(s).
 */
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const YEAR_MS = 365.2425 * DAY_MS;

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The instant inside [startMs, endMs) that `tsMs` maps onto. */
export function replayTsMs(tsMs: number, startMs: number, endMs: number): number {
  if (tsMs >= startMs && tsMs < endMs) return tsMs;
  const span = endMs - startMs;
  if (!(span > 0)) throw new RangeError('empty series');
  if (span >= 52 * WEEK_MS) {
    const years = Math.round((tsMs - (startMs + span / 2)) / YEAR_MS);
    let mapped = tsMs - Math.round((years * YEAR_MS) / WEEK_MS) * WEEK_MS;
    while (mapped >= endMs) mapped -= 52 * WEEK_MS;
    while (mapped < startMs) mapped += 52 * WEEK_MS;
    return mapped;
  }
  const cycle = span >= WEEK_MS ? Math.floor(span / WEEK_MS) * WEEK_MS : span;
  return startMs + mod(tsMs - startMs, cycle);
}

type Interval = { intervalStart: number; intervalEnd: number };

/**
 * The recorded interval covering `tsMs` after mapping, and the shift to add to its times to place it
 * at `tsMs`. `points` must be sorted and non-overlapping; undefined when the mapped instant falls in a gap.
 */
export function replayAt<T extends Interval>(
  points: readonly T[],
  tsMs: number,
): { point: T; shiftMs: number } | undefined {
  if (points.length === 0) return undefined;
  const mapped = replayTsMs(tsMs, points[0]!.intervalStart, points.at(-1)!.intervalEnd);
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const midIndex = (lo + hi + 1) >> 1;
    if (points[midIndex]!.intervalStart <= mapped) lo = midIndex;
    else hi = midIndex - 1;
  }
  const point = points[lo]!;
  if (mapped < point.intervalStart || mapped >= point.intervalEnd) return undefined;
  return { point, shiftMs: tsMs - mapped };
}

/** An uploaded or recorded price series replayed at `tsMs`: the matching interval, moved to cover `tsMs`. */
export function replayElectricityAt(
  points: readonly ElectricityPoint[],
  tsMs: number,
): ElectricityPoint | undefined {
  const hit = replayAt(points, tsMs);
  if (!hit) return undefined;
  return {
    ...hit.point,
    intervalStart: hit.point.intervalStart + hit.shiftMs,
    intervalEnd: hit.point.intervalEnd + hit.shiftMs,
  };
}
