/**
 * The constraints leave no plan at all (for example devices that must stay on already exceed a
 * site's cap). Distinct from PlanViolationError, which is a solver bug.
 */
export class AllocationInfeasibleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllocationInfeasibleError';
  }
}
