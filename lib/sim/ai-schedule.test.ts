import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aiBusyAt, aiWindowAt, aiWindowsInBlock } from './ai-schedule';

const HOUR_MS = 3_600_000;
const T0 = Date.UTC(2026, 4, 12);

describe('aiWindowsInBlock', () => {
  it.each([0, 1, 20_000, 20_600])(
    'tiles block %d without gaps or overlaps, in whole quarter hours',
    (block) => {
      const windows = aiWindowsInBlock(42, 7, block);
      expect(windows.at(-1)!.endTs - windows[0]!.startTs).toBe(24 * HOUR_MS);
      for (let i = 0; i < windows.length; i++) {
        const w = windows[i]!;
        expect(w.endTs).toBeGreaterThan(w.startTs);
        if (i > 0) {
          expect(w.startTs).toBe(windows[i - 1]!.endTs);
          expect(w.busy).toBe(!windows[i - 1]!.busy);
        }
        // Every window but the one clipped at the block end keeps its drawn length.
        if (i < windows.length - 1) {
          const hours = (w.endTs - w.startTs) / HOUR_MS;
          if (w.busy) expect(hours).toBeGreaterThanOrEqual(2);
          if (w.busy) expect(hours).toBeLessThanOrEqual(12);
          if (!w.busy) expect(hours).toBeLessThanOrEqual(8);
          expect(hours * 4).toBe(Math.round(hours * 4));
        }
      }
    },
  );

  it('is deterministic', () => {
    expect(aiWindowsInBlock(1, 2, 3)).toEqual(aiWindowsInBlock(1, 2, 3));
    expect(aiWindowsInBlock(1, 2, 3)).not.toEqual(aiWindowsInBlock(1, 3, 3));
  });
});

describe('aiWindowAt', () => {
  it('returns the window that contains the instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: T0, max: T0 + 365 * 24 * HOUR_MS }),
        (id, ts) => {
          const w = aiWindowAt(42, id, ts);
          expect(w.startTs).toBeLessThanOrEqual(ts);
          expect(ts).toBeLessThan(w.endTs);
          expect(aiBusyAt(42, id, ts)).toBe(w.busy);
        },
      ),
    );
  });

  it('keeps nodes busy most, but not all, of the time and varies by node', () => {
    const fractions = Array.from({ length: 48 }, (_, id) => {
      let busy = 0;
      let n = 0;
      for (let ts = T0; ts < T0 + 7 * 24 * HOUR_MS; ts += 15 * 60_000, n++) if (aiBusyAt(42, id, ts)) busy++;
      return busy / n;
    });
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    expect(mean).toBeGreaterThan(0.6);
    expect(mean).toBeLessThan(0.88);
    expect(Math.max(...fractions) - Math.min(...fractions)).toBeGreaterThan(0.1);
  });
});
