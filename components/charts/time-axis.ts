// Time-axis ticks and labels for charts, in a site's time zone. Pure: the range comes in, numbers and strings
// go out, so the same chart renders identically on the server and in the browser.
import { utcOffsetMs } from '@/lib/time/zone';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Candidate tick spacings, smallest first; ticks land on multiples of these in local wall-clock time.
const TICK_STEPS_MS = [
  MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  28 * DAY,
] as const;

// The Unix epoch was a Thursday; week-sized steps count from Monday 1970-01-05 instead.
const WEEK_ORIGIN_MS = 4 * DAY;

export type TimeLabelStyle = 'time' | 'weekday-time' | 'date';

/** HH:mm up to 24 h, "Mon 14:00" up to 7 days, "May 1" beyond. */
export function timeLabelStyle(spanMs: number): TimeLabelStyle {
  if (spanMs <= DAY) return 'time';
  if (spanMs <= 7 * DAY) return 'weekday-time';
  return 'date';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * About `maxTicks` (never more than `maxTicks + 1`) evenly spaced ticks inside [fromMs, toMs], on round local times (whole hours, local
 * midnight, Mondays). Across a DST change the local spacing stays round and the UTC spacing shifts by an hour.
 */
export function timeTicks(fromMs: number, toMs: number, timeZone = 'UTC', maxTicks = 6): number[] {
  if (!(toMs > fromMs) || maxTicks < 1) return [];
  const span = toMs - fromMs;
  const step = TICK_STEPS_MS.find((candidate) => span / candidate <= maxTicks) ?? TICK_STEPS_MS.at(-1)!;
  const origin = step >= 7 * DAY ? WEEK_ORIGIN_MS : 0;
  const fromLocal = fromMs + utcOffsetMs(fromMs, timeZone);
  let local = Math.ceil((fromLocal - origin) / step) * step + origin;
  const ticks: number[] = [];
  while (ticks.length <= maxTicks) {
    // Local wall time → UTC: guess with the offset near this instant, then correct once for a DST crossing.
    const guess = local - utcOffsetMs(local - utcOffsetMs(local, timeZone), timeZone);
    if (guess > toMs) break;
    if (guess >= fromMs) ticks.push(guess);
    local += step;
  }
  // A coarse step can leave no aligned boundary inside a short range (4 days, weekly step):
  // keep one labelled tick mid-range rather than an unlabelled axis.
  return ticks.length > 0 ? ticks : [Math.round((fromMs + toMs) / 2)];
}

/** Axis label for a tick, styled by the span of the visible range. */
export function formatTimeTick(atMs: number, spanMs: number, timeZone = 'UTC'): string {
  switch (timeLabelStyle(spanMs)) {
    case 'time':
      return formatter(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(atMs);
    case 'weekday-time':
      return formatter(timeZone, { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .format(atMs)
        .replace(',', '');
    case 'date':
      return formatter(timeZone, { month: 'short', day: 'numeric' }).format(atMs);
  }
}

/** Full timestamp for tooltips: "Wed, May 1, 14:05". */
export function formatTooltipTime(atMs: number, timeZone = 'UTC'): string {
  return formatter(timeZone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(atMs);
}
