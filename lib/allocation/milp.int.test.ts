// In the integration project because HiGHS needs ~40 s for these instances on a busy 2-core machine.
import { describe, expect, it } from 'vitest';
import { checkPlan } from './check-plan';
import { planExact } from './exact';
import { solveLpInProcess } from './highs/solve-lp';
import { planHeuristic } from './solve';
import { randomFleet } from './testing/random-fleet';

const SMALL = { sites: 2, miners: 16, gpuServers: 3, jobs: 4, intervals: 8 };

async function compare(seed: number, guardrails: boolean) {
  const inp = randomFleet(seed, SMALL);
  inp.constraints.guardrails = guardrails;
  const exact = await planExact(inp, solveLpInProcess, { mipRelGap: 1e-6, timeLimitS: 30 });
  const heuristic = planHeuristic(inp);
  expect(checkPlan(exact.model, exact.plan)).toEqual([]);
  const best = exact.evaluation.objectiveUsd;
  return { exact, gapPct: (100 * (best - heuristic.evaluation.objectiveUsd)) / Math.abs(best) };
}

describe('HiGHS MILP against the heuristic', () => {
  it('solves small instances to proven optimality with plans that pass checkPlan', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { exact, gapPct } = await compare(seed, true);
      expect(exact.gapPct ?? 0).toBeLessThan(1e-3);
      // The heuristic can never beat a proven optimum (beyond the solver's tolerance).
      expect(gapPct).toBeGreaterThan(-1e-3);
    }
  }, 120_000);

  it('keeps the heuristic within 0.5 % of the optimum on average, 2 % at worst', async () => {
    // Measured on these 24 instances: mean ≈ 0.1 %, worst ≈ 1.5 % (a 4-GPU job on the server a
    // 2-GPU job needed: the greedy packs jobs one at a time). docs/architecture.md, lib/allocation.
    const gaps: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      for (const guardrails of [false, true]) gaps.push((await compare(seed, guardrails)).gapPct);
    }
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeLessThanOrEqual(0.5);
  }, 180_000);
});
