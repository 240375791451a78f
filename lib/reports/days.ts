// Report ranges and day boundaries in a site's zone (a DST day has 23 or 25 hours). Pure.
import { localParts, wallToUtcCandidates } from '../time/zone';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR_MS = 3_600_000;

export type LocalDay = { date: string; startMs: number; endMs: number };

/** The instant a local calendar day starts (00:00, or the first existing minute after a midnight gap). */
export function localDayStartMs(year: number, month: number, day: number, timeZone: string): number {
  for (let hour = 0; hour < 24; hour++) {
    const [first] = wallToUtcCandidates({ year, month, day, hour, minute: 0 }, timeZone);
    if (first !== undefined) return first;
  }
  throw new RangeError(`no instant shows ${year}-${month}-${day} in ${timeZone}`);
}

function nextDate(year: number, month: number, day: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, day + 1));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/**
 * A range bound: ISO-8601 instant or epoch ms as such; a bare date `YYYY-MM-DD` read in `timeZone`
 * (`from` = that day's start, `to` = the end of that day: dates are inclusive, as a finance person
 * writes "2024-03-01 to 2024-03-31").
 */
export function parseBound(text: string, timeZone: string, side: 'from' | 'to'): number | null {
  const m = DATE_RE.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
    return side === 'from'
      ? localDayStartMs(y, mo, d, timeZone)
      : localDayStartMs(...nextDate(y, mo, d), timeZone);
  }
  if (/^\d{11,14}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || !/(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** The local days overlapping [fromMs, toMs), each clipped to the range. */
export function localDays(fromMs: number, toMs: number, timeZone: string): LocalDay[] {
  const days: LocalDay[] = [];
  const p = localParts(fromMs, timeZone);
  let [y, m, d] = [p.year, p.month, p.day];
  let start = localDayStartMs(y, m, d, timeZone);
  while (start < toMs) {
    const [ny, nm, nd] = nextDate(y, m, d);
    const end = localDayStartMs(ny, nm, nd, timeZone);
    const pad = (n: number) => String(n).padStart(2, '0');
    days.push({
      date: `${y}-${pad(m)}-${pad(d)}`,
      startMs: Math.max(start, fromMs),
      endMs: Math.min(end, toMs),
    });
    [y, m, d, start] = [ny, nm, nd, end];
  }
  return days;
}

/** Finds the day holding `tsMs` in a sorted day list (binary search); undefined outside. */
export function dayOf(days: readonly LocalDay[], tsMs: number): LocalDay | undefined {
  let lo = 0;
  let hi = days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const day = days[mid]!;
    if (tsMs < day.startMs) hi = mid - 1;
    else if (tsMs >= day.endMs) lo = mid + 1;
    else return day;
  }
  return undefined;
}

export function hoursIn(day: LocalDay): number {
  return (day.endMs - day.startMs) / HOUR_MS;
}
