import { describe, expect, it } from 'vitest';
import { bucketRange, chooseResolution, MAX_POINTS } from './resolution';

const now = Date.UTC(2026, 10, 21, 12);
const H = 3_600_000;
const base = { now, to: now, intervalMs: 30_000, rawRetentionMs: 48 * H };

describe('chooseResolution', () => {
  it.each([
    ['device 1 h', 'device', 1 * H, 'raw', 30_000],
    ['device 12 h', 'device', 12 * H, 'raw', 30_000],
    ['device 24 h', 'device', 24 * H, '5m', 300_000],
    ['device 7 d', 'device', 7 * 24 * H, '1h', H],
    ['device 30 d', 'device', 30 * 24 * H, '1h', H],
    ['device 90 d', 'device', 90 * 24 * H, '1h', 2 * H],
    ['site 1 h', 'site', 1 * H, '1m', 60_000],
    ['site 24 h', 'site', 24 * H, '1m', 60_000],
    ['site 7 d', 'site', 7 * 24 * H, '1h', H],
    ['site 3 d', 'site', 3 * 24 * H, '5m', 300_000],
  ] as const)('%s → %s', (_label, kind, span, source, step) => {
    const r = chooseResolution({ ...base, from: now - span, kind });
    expect(r.source).toBe(source);
    expect(r.stepMs).toBe(step);
    expect(span / r.stepMs).toBeLessThanOrEqual(MAX_POINTS);
  });

  it('never reads raw samples older than 24 h, even for a short range', () => {
    const r = chooseResolution({ ...base, kind: 'device', from: now - 30 * H, to: now - 29 * H });
    expect(r.source).toBe('5m');
  });

  it('honours a coarser requested step', () => {
    const r = chooseResolution({ ...base, kind: 'device', from: now - H, requestedStepMs: 600_000 });
    expect(r).toEqual({ source: 'raw', stepMs: 600_000 });
  });

  it('keeps every span within the point budget', () => {
    for (let span = 60_000; span < 400 * 24 * H; span *= 1.7) {
      for (const kind of ['device', 'site'] as const) {
        const r = chooseResolution({ ...base, from: now - span, kind });
        expect(Math.ceil(span / r.stepMs) + 1).toBeLessThanOrEqual(MAX_POINTS + 1);
      }
    }
  });
});

describe('bucketRange', () => {
  it('aligns to the step and covers the range', () => {
    expect(bucketRange(65_000, 250_000, 60_000)).toEqual([60_000, 120_000, 180_000, 240_000]);
  });
});
