import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fractionalBoundUsd } from './bound';
import { planHeuristic } from './solve';
import { DGX_H100, input, job, miners, S21, servers, site } from './testing/fixtures';
import { randomFleet } from './testing/random-fleet';

// S21 at its 3,500 W profile only: 200 TH/s × $0.05/TH/day = $10/day → $0.41667/h; at $50/MWh
// and PUE 1 it pays 3.5 kW × $0.05 = $0.175/h: margin $0.241667 per miner-hour.
const S21_ONE = { ...S21, profiles: [S21.profiles[3]!], nominalIndex: 0 };
const MARGIN = 10 / 24 - 0.175;

describe('fractional bound', () => {
  it('fills the cap fractionally: 8.75 kW holds 2.5 S21s, the plan 2 (hand-checked)', () => {
    const result = planHeuristic(
      input({
        sites: [site('A', [50], { capacityKw: 8.75 })],
        minerModels: [S21_ONE],
        devices: miners('m', 'A', S21_ONE, 3, { kind: 'off', sinceMin: 600 }),
      }),
    );
    expect(result.evaluation.objectiveUsd).toBeCloseTo(2 * MARGIN, 9);
    expect(result.boundUsd).toBeCloseTo(2.5 * MARGIN, 9);
    expect(result.gapBound).toBe('fractional');
    expect(result.gapPct).toBeCloseTo(20, 6);
  });

  it('prices a job as a whole: two jobs that want the same 8 GPUs count once (hand-checked)', () => {
    // Two 8-GPU jobs at $2 and $3/GPU-h for 2 h on one DGX (no energy cost at $0/MWh, no cap).
    // Per interval each copy would take the GPUs; the bound must not count both: 8 × 3 × 2 = $48.
    const result = planHeuristic(
      input({
        sites: [site('A', [0, 0])],
        devices: servers('g', 'A', DGX_H100, 1),
        jobs: [job('cheap', { usdPerGpuH: 2, remainingH: 2 }), job('dear', { usdPerGpuH: 3, remainingH: 2 })],
      }),
    );
    expect(result.evaluation.objectiveUsd).toBeCloseTo(48, 9);
    expect(result.boundUsd).toBeCloseTo(48, 6);
    expect(result.gapPct).toBeCloseTo(0, 6);
  });

  it('is never below the heuristic plan or a feasible reference plan, so gapPct is ≥ 0 and set', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.record({
          sites: fc.integer({ min: 1, max: 3 }),
          miners: fc.integer({ min: 0, max: 60 }),
          gpuServers: fc.integer({ min: 0, max: 6 }),
          jobs: fc.integer({ min: 0, max: 8 }),
          intervals: fc.integer({ min: 1, max: 24 }),
          extraModels: fc.integer({ min: 0, max: 2 }),
        }),
        (seed, size) => {
          const result = planHeuristic(randomFleet(seed, size));
          const bound = result.boundUsd!;
          const tolerance = 1e-6 * (1 + Math.abs(bound));
          expect(bound).toBeGreaterThanOrEqual(result.evaluation.objectiveUsd - tolerance);
          if (result.current.feasible)
            expect(bound).toBeGreaterThanOrEqual(result.current.evaluation.objectiveUsd - tolerance);
          if (result.mineAll.feasible)
            expect(bound).toBeGreaterThanOrEqual(result.mineAll.evaluation.objectiveUsd - tolerance);
          expect(result.gapBound).toBe('fractional');
          expect(result.gapPct).not.toBeNull();
          expect(result.gapPct!).toBeGreaterThanOrEqual(0);
          expect(bound).toBeCloseTo(fractionalBoundUsd(result.model), 9);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('is skipped when not asked for (the backtest replay)', () => {
    const result = planHeuristic(
      randomFleet(3, { sites: 1, miners: 10, gpuServers: 1, jobs: 1, intervals: 4 }),
      {
        bound: false,
      },
    );
    expect(result.gapPct).toBeNull();
    expect(result.gapBound).toBeNull();
    expect(result.boundUsd).toBeNull();
  });
});
