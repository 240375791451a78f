import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from './check-plan';
import { AllocationInfeasibleError } from './errors';
import { allOffReference, planHeuristic } from './solve';
import { randomFleet } from './testing/random-fleet';

const sizes = fc.record({
  sites: fc.integer({ min: 1, max: 3 }),
  miners: fc.integer({ min: 0, max: 60 }),
  gpuServers: fc.integer({ min: 0, max: 6 }),
  jobs: fc.integer({ min: 0, max: 8 }),
  intervals: fc.integer({ min: 1, max: 24 }),
  extraModels: fc.integer({ min: 0, max: 2 }),
});

describe('heuristic on random fleets', () => {
  it('returns a feasible plan no worse than all-off, keep-current or mine-everything', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), sizes, (seed, size) => {
        const inp = randomFleet(seed, size);
        let result: ReturnType<typeof planHeuristic>;
        try {
          result = planHeuristic(inp);
        } catch (error) {
          // Only legitimate when nothing at all is feasible, which the generator never builds.
          expect(error).not.toBeInstanceOf(AllocationInfeasibleError);
          throw error;
        }
        expect(checkPlan(result.model, result.plan)).toEqual([]);
        const objective = result.evaluation.objectiveUsd;
        const tolerance = 1e-6 * (1 + Math.abs(objective));
        expect(result.current.feasible).toBe(true);
        expect(objective).toBeGreaterThanOrEqual(result.current.evaluation.objectiveUsd - tolerance);
        if (result.mineAll.feasible) {
          expect(objective).toBeGreaterThanOrEqual(result.mineAll.evaluation.objectiveUsd - tolerance);
        }
        const allOff = allOffReference(result.model);
        if (allOff.feasible)
          expect(objective).toBeGreaterThanOrEqual(allOff.evaluation.objectiveUsd - tolerance);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('improves on the reference plans by its own search, not only by picking one of them', () => {
    let solverWins = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const result = planHeuristic(
        randomFleet(seed, { sites: 2, miners: 40, gpuServers: 4, jobs: 6, intervals: 12 }),
      );
      if (result.chosen === 'solver') solverWins++;
    }
    expect(solverWins).toBe(20);
  });
});
