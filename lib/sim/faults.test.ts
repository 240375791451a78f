import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterEpochStart, integrateOverFaults } from './counters';
import {
  activeEpisode,
  episodeInWindow,
  episodesBetween,
  FAULT_PLANS,
  type FaultKind,
  faultStateAt,
} from './faults';

const T0 = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;
const KINDS = Object.keys(FAULT_PLANS) as FaultKind[];

describe('fault episodes', () => {
  it.each(KINDS)('%s episodes lie inside their window with the planned duration', (kind) => {
    const plan = FAULT_PLANS[kind];
    let found = 0;
    for (let id = 1; id <= 200; id++) {
      for (let w = 100_000; w < 100_020; w++) {
        const ep = episodeInWindow(42, id, kind, w);
        if (!ep) continue;
        found++;
        const duration = ep.endTs - ep.startTs;
        expect(duration).toBeGreaterThanOrEqual(plan.minMs - 1);
        expect(duration).toBeLessThanOrEqual(plan.maxMs + 1);
        expect(ep.startTs).toBeGreaterThanOrEqual(w * plan.windowMs);
        expect(ep.endTs).toBeLessThanOrEqual((w + 2) * plan.windowMs);
      }
    }
    expect(found).toBeGreaterThan(0);
  });

  it('agrees between activeEpisode and episodesBetween', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: T0, max: T0 + 365 * DAY_MS }),
        (kind, id, ts) => {
          const active = activeEpisode(42, id, kind, ts);
          const around = episodesBetween(42, id, kind, ts, ts).filter((e) => e.startTs <= ts && ts < e.endTs);
          expect(around).toEqual(active ? [active] : []);
        },
      ),
    );
  });

  it.each([
    ['offline', 0.02],
    ['degraded', 0.0175],
  ] as const)('puts devices in %s for about %d of the time over a year', (kind, share) => {
    let hits = 0;
    let n = 0;
    for (let id = 1; id <= 300; id++) {
      for (let ts = T0; ts < T0 + 365 * DAY_MS; ts += 0.5 * DAY_MS + 3_600_000, n++) {
        if (activeEpisode(42, id, kind, ts)) hits++;
      }
    }
    expect(hits / n).toBeGreaterThan(share * 0.75);
    expect(hits / n).toBeLessThan(share * 1.25);
  });

  it('applies each fault only to the classes it belongs to', () => {
    // One assertion over 72,000 states: an expect() per state made this take > 5 s on a busy machine.
    const wrong: string[] = [];
    for (let id = 1; id <= 300; id++) {
      for (let ts = T0; ts < T0 + 10 * DAY_MS; ts += 3_600_000) {
        const gpu = faultStateAt(42, id, 'gpu', ts);
        const software = faultStateAt(42, id, 'software', ts);
        if (gpu.degraded || gpu.overheat) wrong.push(`gpu ${id}@${ts}`);
        if (software.degraded || software.overheat || software.xid) wrong.push(`software ${id}@${ts}`);
        if (faultStateAt(42, id, 'asic', ts).xid) wrong.push(`asic ${id}@${ts}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('counters', () => {
  it('starts the epoch after the last offline episode and never in the future', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: T0, max: T0 + 365 * DAY_MS }),
        (id, ts) => {
          if (activeEpisode(42, id, 'offline', ts)) return;
          const start = counterEpochStart(42, id, 'asic', ts);
          expect(start).toBeLessThanOrEqual(ts);
          expect(ts - start).toBeLessThanOrEqual(DAY_MS);
          const offline = episodesBetween(42, id, 'offline', start, ts).filter((e) => e.endTs > start);
          expect(offline.filter((e) => e.startTs < ts && e.endTs <= ts)).toEqual([]);
        },
      ),
    );
  });

  it('honours a later mode change as the epoch start', () => {
    const ts = T0 + 5 * 3_600_000;
    expect(counterEpochStart(42, 1, 'gpu', ts, ts - 60_000)).toBe(ts - 60_000);
  });

  it('integrates a constant factor exactly and weights degraded time', () => {
    expect(integrateOverFaults(42, 1, 'gpu', T0, T0 + 1000, () => [2, 3])).toEqual([2000, 3000]);
    let id = 1;
    let ep = episodeInWindow(42, id, 'degraded', 5000);
    while (!ep) ep = episodeInWindow(42, ++id, 'degraded', 5000);
    const from = ep.startTs - 3_600_000;
    const to = ep.startTs + 3_600_000;
    // Overheat episodes may split the range too; the factor ignores them, so the total must not move.
    expect(integrateOverFaults(42, id, 'asic', from, to, (s) => [s.degraded ? 0 : 1])).toEqual([3_600_000]);
    expect(integrateOverFaults(42, id, 'asic', from, to, (s) => [s.degraded ? 2 / 3 : 1])[0]).toBeCloseTo(
      3_600_000 * (1 + 2 / 3),
      3,
    );
  });
});
