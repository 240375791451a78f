/**
 * Time-zone arithmetic on top of Intl (no date library): UTC instant → local wall parts, and local wall
 * time → the UTC instants that show it (none in a spring-forward gap, two in an autumn fold). Every
 * function takes the instant first and the zone second.
 */

export type WallTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
};
export type LocalParts = Required<WallTime> & { isoWeekday: number };

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localParts(tsMs: number, timeZone: string): LocalParts {
  const out: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(tsMs)) out[part.type] = part.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    isoWeekday: WEEKDAYS[out.weekday ?? ''] ?? 0,
  };
}

function wallAsUtcMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
}

/** Local time minus UTC at `tsMs`, in ms (e.g. +3,600,000 for CET in winter). */
export function utcOffsetMs(tsMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(tsMs / 1000) * 1000;
  return wallAsUtcMs(localParts(wholeSecond, timeZone)) - wholeSecond;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Per zone: UTC hour start → offset. */
const hourlyOffsets = new Map<string, Map<number, number>>();

/**
 * utcOffsetMs for hot loops. Intl is slow, and the zones in use change offset on whole UTC hours, so
 * the offset is cached per (zone, UTC hour): a 7-day backfill of a thousand devices then costs a few
 * hundred Intl calls, not millions. Not for zones that change offset off the hour.
 */
export function hourlyUtcOffsetMs(tsMs: number, timeZone: string): number {
  const hourStart = Math.floor(tsMs / HOUR_MS) * HOUR_MS;
  let zone = hourlyOffsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    hourlyOffsets.set(timeZone, zone);
  }
  const cached = zone.get(hourStart);
  if (cached !== undefined) return cached;
  const offset = utcOffsetMs(hourStart, timeZone);
  if (zone.size > 20_000) zone.clear();
  zone.set(hourStart, offset);
  return offset;
}

/** Local hour of day as a fraction in [0, 24). */
export function localHourOfDay(tsMs: number, timeZone: string): number {
  const local = tsMs + hourlyUtcOffsetMs(tsMs, timeZone);
  return (((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}

function sameWall(a: LocalParts, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === (b.second ?? 0)
  );
}

/**
 * UTC instants (ascending) whose local wall time in `timeZone` equals `wall`:
 * [] for a time skipped by a spring-forward change, two for the repeated hour in autumn.
 */
export function wallToUtcCandidates(wall: WallTime, timeZone: string): number[] {
  const naive = wallAsUtcMs(wall);
  const day = 86_400_000;
  // Zones change offset at most once in any 48 h window, so the offsets a day either side cover every case.
  const offsets = new Set([utcOffsetMs(naive - day, timeZone), utcOffsetMs(naive + day, timeZone)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const candidate = naive - offset;
    if (sameWall(localParts(candidate, timeZone), wall)) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

export function formatWall(w: WallTime): string {
  const p = (n: number, len = 2) => String(n).padStart(len, '0');
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
}
