// In the integration project with the other HiGHS tests (WebAssembly solver, seconds per instance
// on a busy machine).
import { describe, expect, it } from 'vitest';
import { planExact } from './exact';
import { solveLpInProcess } from './highs/solve-lp';
import { planHeuristic } from './solve';
import { randomFleet } from './testing/random-fleet';

describe('fractional bound against HiGHS optima', () => {
  it('is at least the proven optimum and the heuristic on instances HiGHS solves exactly', async () => {
    let proven = 0;
    for (let seed = 1; seed <= 8; seed++) {
      for (const guardrails of [true, false]) {
        const inp = randomFleet(seed, { sites: 2, miners: 8, gpuServers: 2, jobs: 2, intervals: 4 });
        inp.constraints.guardrails = guardrails;
        const exact = await planExact(inp, solveLpInProcess, { mipRelGap: 1e-6, timeLimitS: 30 });
        const heuristic = planHeuristic(inp);
        const bound = heuristic.boundUsd!;
        const tolerance = 1e-6 * (1 + Math.abs(bound));
        if (exact.gapBound === 'milp' && exact.gapPct! < 1e-3) proven++;
        expect(bound).toBeGreaterThanOrEqual(exact.evaluation.objectiveUsd - tolerance);
        expect(bound).toBeGreaterThanOrEqual(heuristic.evaluation.objectiveUsd - tolerance);
        expect(heuristic.gapPct!).toBeGreaterThanOrEqual(0);
        // The bound computed for the exact plan is the same number on the same model.
        expect(exact.boundUsd).toBeCloseTo(bound, 6);
      }
    }
    expect(proven).toBeGreaterThanOrEqual(12);
  }, 180_000);
});
