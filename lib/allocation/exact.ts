import { AllocationInfeasibleError } from './errors';
import { buildMilp, planFromMilp } from './milp-model';
import { buildModel } from './prepare';
import { finishSolve, type SolveResult } from './solve';
import type { AllocationInput } from './types';

/** What an LP/MILP backend returns; lib/allocation/highs provides one (the pure core never loads it). */
export type LpSolution = {
  status: 'optimal' | 'limit' | 'infeasible' | 'error';
  /** Column values by name; empty when there is no feasible solution. */
  values: Map<string, number>;
  objective: number;
  /** Best proven bound on the objective (MILP dual bound). */
  bound: number;
  message: string;
};

export type LpOptions = { mipRelGap: number; timeLimitS: number };

export type LpSolver = (lp: string, options: LpOptions) => Promise<LpSolution>;

export const DEFAULT_LP_OPTIONS: LpOptions = { mipRelGap: 1e-4, timeLimitS: 10 };

/**
 * The exact path: the aggregated MILP solved by `solveLp`, the solution disaggregated per device,
 * post-checked and compared with the reference plans like the heuristic's. gapPct is the proven
 * bound gap relative to the plan's full objective (the fractional bound's when a reference won).
 */
export async function planExact(
  input: AllocationInput,
  solveLp: LpSolver,
  options: LpOptions = DEFAULT_LP_OPTIONS,
): Promise<SolveResult> {
  const model = buildModel(input);
  const milp = buildMilp(model);
  const solution = await solveLp(milp.lp, options);
  if (solution.status === 'infeasible') {
    return finishSolve(
      model,
      null,
      'highs',
      null,
      new Map(),
      new AllocationInfeasibleError('the constraints leave no feasible plan (HiGHS proved it)'),
    );
  }
  if (solution.status === 'error' || solution.values.size === 0) {
    throw new Error(`HiGHS returned no solution: ${solution.message}`);
  }
  const plan = planFromMilp(model, milp, solution.values);
  const result = finishSolve(model, plan, 'highs', null, new Map(), null);
  // A reference plan that beat HiGHS' keeps the fractional bound's gap from finishSolve.
  if (result.chosen === 'solver') {
    const gapUsd = Math.max(0, solution.bound - solution.objective);
    result.gapPct = (100 * gapUsd) / Math.max(1e-9, Math.abs(result.evaluation.objectiveUsd));
    result.gapBound = 'milp';
  }
  return result;
}
