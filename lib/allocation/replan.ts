import type { PlanInputs } from './inputs';
import { applyOverrides } from './overrides';
import { type PlanBody, toPlanBody } from './plan-body';
import type { AllocationOverrides } from './request';
import { planHeuristic } from './solve';

/**
 * The browser what-if entry point (and the server's fast path): a stored plan's `inputs` with
 * overrides → a plan in the API's shape, with the heuristic. Pure and synchronous: nothing in its
 * import graph touches Node, the database or a clock (replan.test.ts walks the graph).
 */
export function replan(
  inputs: PlanInputs,
  overrides?: AllocationOverrides,
  options: { constraints?: { guardrails?: boolean; holdTimes?: boolean } } = {},
): { inputs: PlanInputs; plan: PlanBody } {
  let applied = applyOverrides(inputs, overrides);
  if (options.constraints) {
    const c = applied.instance.constraints;
    applied = {
      ...applied,
      instance: {
        ...applied.instance,
        constraints: {
          guardrails: options.constraints.guardrails ?? c.guardrails,
          holdTimes: options.constraints.holdTimes ?? c.holdTimes,
        },
      },
    };
  }
  const result = planHeuristic(applied.instance);
  return { inputs: applied, plan: toPlanBody(result, applied) };
}
