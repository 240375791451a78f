import { describe, expect, it } from 'vitest';
import { bucketRange, chooseResolution, MAX_POINTS } from './resolution';

const now = Date.UTC(2026, 10, 21, 12);
const H = 3_600_000;
const base = { now, to: now, rawRetentionMs: 48 * H };

describe('chooseResolution', () => {
  it.each([
    ['1 h', 1 * H, '1m', 60_000],
    ['12 h', 12 * H, '1m', 60_000],
    ['24 h', 24 * H, '1m', 60_000],
    ['3 d', 3 * 24 * H, '5m', 300_000],
    ['7 d', 7 * 24 * H, '1h', H],
    ['30 d', 30 * 24 * H, '1h', H],
    ['90 d', 90 * 24 * H, '1h', 2 * H],
  ] as const)('%s → %s', (_label, span, source, step) => {
    const r = chooseResolution({ ...base, from: now - span });
    expect(r.source).toBe(source);
    expect(r.stepMs).toBe(step);
  });

  it('uses 5-minute rollups for a short range older than 24 h', () => {
    expect(chooseResolution({ ...base, from: now - 30 * H, to: now - 29 * H }).source).toBe('5m');
  });

  it('uses hourly rollups beyond the 5-minute retention', () => {
    expect(chooseResolution({ ...base, from: now - 100 * 24 * H, to: now - 99 * 24 * H }).source).toBe('1h');
  });

  it('honours a coarser requested step', () => {
    expect(chooseResolution({ ...base, from: now - H, requestedStepMs: 600_000 })).toEqual({
      source: '1m',
      stepMs: 600_000,
    });
  });

  it('keeps every span within the point budget', () => {
    for (let span = 60_000; span < 400 * 24 * H; span *= 1.7) {
      const r = chooseResolution({ ...base, from: now - span });
      expect(Math.ceil(span / r.stepMs) + 1).toBeLessThanOrEqual(MAX_POINTS + 1);
    }
  });
});

describe('bucketRange', () => {
  it('aligns to the step and covers the range', () => {
    expect(bucketRange(65_000, 250_000, 60_000)).toEqual([60_000, 120_000, 180_000, 240_000]);
  });
});
