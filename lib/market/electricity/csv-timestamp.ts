import { formatWall, isValidTimeZone, type WallTime, wallToUtcCandidates } from '../../time/zone';

/** How one timestamp cell resolved: an instant, a local time the zone shows twice, or a problem. */
export type TimestampCell =
  | { kind: 'instant'; tsMs: number }
  | { kind: 'ambiguous'; candidates: [number, number]; wallKey: string }
  | { kind: 'error'; code: 'bad_timestamp' | 'missing_offset' | 'dst_nonexistent'; message: string };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function validWall(w: WallTime): boolean {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0));
  return (
    d.getUTCFullYear() === w.year &&
    d.getUTCMonth() === w.month - 1 &&
    d.getUTCDate() === w.day &&
    d.getUTCHours() === w.hour &&
    d.getUTCMinutes() === w.minute
  );
}

/**
 * Accepts ISO 8601 with `Z` or an offset, unix seconds (10 digits) or milliseconds (13 digits), and
 * offset-less local time when `timeZone` is given (or `assumeUtc` for columns named *_utc).
 */
export function parseTimestampCell(
  raw: string,
  opts: { timeZone?: string; assumeUtc?: boolean },
): TimestampCell {
  const value = raw.trim();
  if (/^\d{10}$/.test(value)) return { kind: 'instant', tsMs: Number(value) * 1000 };
  if (/^\d{13}$/.test(value)) return { kind: 'instant', tsMs: Number(value) };
  const m = ISO.exec(value);
  if (!m) return { kind: 'error', code: 'bad_timestamp', message: `"${value}" is not an ISO 8601 date-time` };
  const wall: WallTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
  };
  if (!validWall(wall))
    return { kind: 'error', code: 'bad_timestamp', message: `"${value}" is not a real date-time` };
  const naiveUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offset = m[7];
  if (offset !== undefined) {
    if (offset.toUpperCase() === 'Z') return { kind: 'instant', tsMs: naiveUtc };
    const o = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
    const offsetMs = (Number(o[2]) * 60 + Number(o[3])) * 60_000 * (o[1] === '-' ? -1 : 1);
    return { kind: 'instant', tsMs: naiveUtc - offsetMs };
  }
  if (opts.assumeUtc) return { kind: 'instant', tsMs: naiveUtc };
  if (!opts.timeZone) {
    return {
      kind: 'error',
      code: 'missing_offset',
      message: `"${value}" has no UTC offset and no time zone was given`,
    };
  }
  if (!isValidTimeZone(opts.timeZone)) {
    return { kind: 'error', code: 'bad_timestamp', message: `unknown time zone ${opts.timeZone}` };
  }
  const candidates = wallToUtcCandidates(wall, opts.timeZone);
  if (candidates.length === 0) {
    return {
      kind: 'error',
      code: 'dst_nonexistent',
      message: `${formatWall(wall)} does not exist in ${opts.timeZone} (clocks jump forward)`,
    };
  }
  if (candidates.length === 2) {
    return { kind: 'ambiguous', candidates: [candidates[0]!, candidates[1]!], wallKey: formatWall(wall) };
  }
  return { kind: 'instant', tsMs: candidates[0]! };
}
