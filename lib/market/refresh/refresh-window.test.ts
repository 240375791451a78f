import { describe, expect, it } from 'vitest';
import { parseSpotSource } from '../electricity/spot-source';
import { historyStepMs } from '../views/history';
import { refreshWindow, startOfLocalDay } from './refresh-electricity';

const H = 3_600_000;
const source = (text: string) => {
  const p = parseSpotSource(text);
  if (!p.ok) throw new Error(p.reason);
  return p.source;
};

describe('startOfLocalDay', () => {
  it.each([
    ['Europe/Stockholm', Date.UTC(2026, 10, 21, 12), Date.UTC(2026, 10, 20, 23)],
    ['America/Chicago', Date.UTC(2026, 10, 21, 3), Date.UTC(2026, 10, 20, 6)],
    // 2026-03-29: Stockholm springs forward at 02:00; the day still starts at 00:00 CET.
    ['Europe/Stockholm', Date.UTC(2026, 2, 29, 20), Date.UTC(2026, 2, 28, 23)],
  ])('%s at %i starts at %i', (tz, ts, expected) => expect(startOfLocalDay(ts, tz)).toBe(expected));
});

describe('refreshWindow', () => {
  it('covers local today and tomorrow for a real day-ahead source', () => {
    const now = Date.UTC(2026, 10, 21, 12, 7);
    const w = refreshWindow(source('entsoe:10Y1001A1001A46L'), now, 'Europe/Stockholm');
    expect(w).toEqual({ fromMs: Date.UTC(2026, 10, 20, 23), toMs: Date.UTC(2026, 10, 22, 23) });
  });

  it('spans 49 h when tomorrow is the 25-hour autumn DST day', () => {
    const now = Date.UTC(2026, 9, 24, 10); // Saturday before the Sunday 2026-10-25 change
    const w = refreshWindow(source('energi-data-service:SE3'), now, 'Europe/Stockholm');
    expect((w.toMs - w.fromMs) / H).toBe(49);
  });

  it('rewrites the last 48 h for a simulated source', () => {
    const now = Date.UTC(2026, 10, 21, 12, 7);
    const w = refreshWindow(source('sim:se3'), now, 'Europe/Stockholm');
    expect(w.fromMs).toBe(Date.UTC(2026, 10, 19, 12));
  });
});

describe('historyStepMs', () => {
  it.each([
    [24 * H, 60_000, 60_000],
    [7 * 24 * H, 60_000, 900_000],
    [30 * 24 * H, 60_000, 1_800_000],
    [30 * 24 * H, H, H],
    [400 * 24 * H, H, 43_200_000],
  ])('span %i with minimum %i → %i', (span, min, step) => {
    expect(historyStepMs(span, min)).toBe(step);
    expect(span / historyStepMs(span, min)).toBeLessThanOrEqual(1500);
  });
});
