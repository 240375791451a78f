import { allOffPlan, keepCurrentPlan, mineAllPlan } from './baselines';
import { fractionalBoundUsd } from './bound';
import { assertPlanFeasible, checkPlan } from './check-plan';
import { AllocationInfeasibleError } from './errors';
import { type Evaluation, evaluatePlan } from './evaluate';
import { solveHeuristic } from './heuristic';
import { noFitReason } from './job-placement';
import { buildModel, type Model } from './prepare';
import type { AllocationInput, Plan, SolverName } from './types';

export type GapBound = 'milp' | 'fractional';

export type SolveOptions = {
  /** Compute the fractional bound and gapPct (default true; the backtest's replay skips it). */
  bound?: boolean;
};

export type Baseline = { plan: Plan; evaluation: Evaluation; feasible: boolean };

export type SolveResult = {
  model: Model;
  plan: Plan;
  evaluation: Evaluation;
  solver: SolverName;
  /**
   * How far the returned plan is from optimal at most, % : HiGHS' proven MILP gap when its own plan
   * won, else (bound − objective) / |bound| against the fractional relaxation (bound.ts). Null only
   * when the bound was not asked for (the backtest's hourly re-plans).
   */
  gapPct: number | null;
  /** Where gapPct comes from. */
  gapBound: GapBound | null;
  /** The fractional relaxation's upper bound on the objective, $ (null when not computed). */
  boundUsd: number | null;
  /** Which candidate won: the solver's own plan or a reference plan that was better. */
  chosen: 'solver' | 'keep-current' | 'mine-all';
  current: Baseline;
  mineAll: Baseline;
  /** Reason per job that is not placed. */
  unplaced: Map<string, string>;
};

/** Everything off except pinned jobs: a lower bound for tests, not computed on every plan. */
export function allOffReference(model: Model): Baseline {
  return baseline(model, allOffPlan(model));
}

function baseline(model: Model, plan: Plan): Baseline {
  const evaluation = evaluatePlan(model, plan);
  return { plan, evaluation, feasible: checkPlan(model, plan, evaluation).length === 0 };
}

/**
 * Picks the best of the solver's plan and the feasible reference plans, post-checks it against
 * every constraint (a violation throws: it is a bug), and returns it with the references.
 */
export function finishSolve(
  model: Model,
  solverPlan: Plan | null,
  solver: SolverName,
  gapPct: number | null,
  unplaced: Map<string, string>,
  infeasible: AllocationInfeasibleError | null,
  options: SolveOptions = {},
): SolveResult {
  const current = baseline(model, keepCurrentPlan(model));
  const mineAll = baseline(model, mineAllPlan(model));
  const candidates: { plan: Plan; evaluation: Evaluation; chosen: SolveResult['chosen'] }[] = [];
  if (solverPlan) {
    const evaluation = evaluatePlan(model, solverPlan);
    assertPlanFeasible(model, solverPlan, evaluation);
    candidates.push({ plan: solverPlan, evaluation, chosen: 'solver' });
  }
  if (current.feasible) candidates.push({ ...current, chosen: 'keep-current' });
  if (mineAll.feasible) candidates.push({ ...mineAll, chosen: 'mine-all' });
  if (candidates.length === 0) throw infeasible ?? new AllocationInfeasibleError('no feasible plan');
  // Ties go to the solver's plan (first in the list).
  // Every candidate was checked above (the solver's plan by assertPlanFeasible, the references by
  // baseline()), so the winner needs no second pass.
  const best = candidates.reduce((a, b) =>
    b.evaluation.objectiveUsd > a.evaluation.objectiveUsd + 1e-9 ? b : a,
  );
  const placed = new Set(best.plan.placements.map((p) => p.jobId));
  const reasons = new Map<string, string>();
  for (const job of model.input.jobs) {
    if (placed.has(job.jobId)) continue;
    reasons.set(job.jobId, (best.chosen === 'solver' && unplaced.get(job.jobId)) || noFitReason(model, job));
  }
  const useOwnGap = best.chosen === 'solver' && gapPct !== null;
  const boundUsd = options.bound === false ? null : fractionalBoundUsd(model);
  return {
    model,
    plan: best.plan,
    evaluation: best.evaluation,
    solver,
    gapPct: useOwnGap
      ? gapPct
      : boundUsd === null
        ? null
        : gapToBoundPct(boundUsd, best.evaluation.objectiveUsd),
    gapBound: useOwnGap ? 'milp' : boundUsd === null ? null : 'fractional',
    boundUsd,
    chosen: best.chosen,
    current,
    mineAll,
    unplaced: reasons,
  };
}

/**
 * (bound − objective) / |bound| in %, never below 0: the bound is valid, so a negative difference
 * is rounding (a few 1e-12 $ on sums of thousands of terms).
 */
export function gapToBoundPct(boundUsd: number, objectiveUsd: number): number {
  return (100 * Math.max(0, boundUsd - objectiveUsd)) / Math.max(1e-9, Math.abs(boundUsd));
}

/** The fast path: synchronous, pure, the same in the browser and on the server. */
export function planHeuristic(input: AllocationInput, options: SolveOptions = {}): SolveResult {
  const model = buildModel(input);
  try {
    const { plan, unplaced } = solveHeuristic(model);
    return finishSolve(model, plan, 'heuristic', null, unplaced, null, options);
  } catch (error) {
    if (!(error instanceof AllocationInfeasibleError)) throw error;
    return finishSolve(model, null, 'heuristic', null, new Map(), error, options);
  }
}
