import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePriceCsv } from './price-csv';
import { replayAt, replayElectricityAt, replayTsMs } from './replay';

const H = 3_600_000;
const DAY = 24 * H;
const start = Date.UTC(2023, 11, 31, 23);
const end = Date.UTC(2024, 11, 31, 23);

describe('replayTsMs', () => {
  it('leaves instants inside the series alone', () => {
    expect(replayTsMs(Date.UTC(2024, 5, 1), start, end)).toBe(Date.UTC(2024, 5, 1));
  });

  it.each([
    ['late 2026', Date.UTC(2026, 10, 16, 14, 30)],
    ['early 2026', Date.UTC(2026, 0, 2, 1)],
    ['2023', Date.UTC(2023, 6, 4, 9)],
    ['2040', Date.UTC(2040, 2, 1, 12)],
  ])('maps %s into the series by whole weeks, within a few days of the same date', (_n, ts) => {
    const mapped = replayTsMs(ts, start, end);
    expect(mapped).toBeGreaterThanOrEqual(start);
    expect(mapped).toBeLessThan(end);
    expect(Math.abs((ts - mapped) % (7 * DAY))).toBe(0);
    const dayOfYear = (ms: number) => (ms - Date.UTC(new Date(ms).getUTCFullYear(), 0, 1)) / DAY;
    const drift = Math.abs(dayOfYear(ts) - dayOfYear(mapped));
    expect(Math.min(drift, 366 - drift)).toBeLessThan(8);
  });

  it('always lands inside any series and keeps weekday and time of day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / H, max: Date.UTC(2060, 0, 1) / H }),
        fc.integer({ min: 1, max: 800 }),
        (hour, spanDays) => {
          const s = Date.UTC(2024, 0, 1);
          const e = s + spanDays * DAY;
          const ts = hour * H;
          const mapped = replayTsMs(ts, s, e);
          const weekAligned = spanDays < 7 || (ts - mapped) % (7 * DAY) === 0;
          return mapped >= s && mapped < e && weekAligned && (ts - mapped) % DAY === 0;
        },
      ),
    );
  });
});

describe('replayAt', () => {
  const points = Array.from({ length: 24 * 14 }, (_, i) => ({
    intervalStart: start + i * H,
    intervalEnd: start + (i + 1) * H,
    v: i,
  }));

  it('finds the covering interval and the shift to apply', () => {
    const ts = start + 5 * H + 17 * 60_000 + 8 * 7 * DAY; // 8 weeks ≡ 0 in a 2-week cycle
    const hit = replayAt(points, ts);
    expect(hit?.point.v).toBe(5);
    expect(hit!.point.intervalStart + hit!.shiftMs).toBeLessThanOrEqual(ts);
    expect(hit!.point.intervalEnd + hit!.shiftMs).toBeGreaterThan(ts);
  });

  it('returns undefined for an empty series or a gap', () => {
    expect(replayAt([], 0)).toBeUndefined();
    const gappy = [points[0]!, points[2]!];
    expect(replayAt(gappy, points[1]!.intervalStart)).toBeUndefined();
  });
});

describe('replayElectricityAt', () => {
  it('replays an uploaded week of prices on later dates', () => {
    const rows = Array.from(
      { length: 24 * 7 },
      (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * H).toISOString()},${i}`,
    );
    const upload = parsePriceCsv(`timestamp,price\n${rows.join('\n')}`);
    if (!upload.ok) throw new Error('upload rejected');
    // Wednesday 2026-11-18 10:20Z → Wednesday 2024-01-03 10:00Z, which is row 2 × 24 + 10.
    const p = replayElectricityAt(upload.points, Date.UTC(2026, 10, 18, 10, 20));
    expect(p).toMatchObject({
      intervalStart: Date.UTC(2026, 10, 18, 10),
      intervalEnd: Date.UTC(2026, 10, 18, 11),
      originalPrice: 58,
    });
  });
});
