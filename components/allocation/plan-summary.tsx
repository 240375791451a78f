import { KpiCard } from '@/components/ui/kpi-card';
import type { AllocationPlanBody, AllocationPlanSite } from '@/lib/api-client/types';
import { formatNumber, formatPercent, formatUsd } from '@/lib/format';

type SitePlan = AllocationPlanSite;

const usd0 = (x: number | null) => formatUsd(x, { decimals: 0 });

function versus(expected: number, reference: number | null) {
  if (reference === null) return { text: 'not feasible', direction: 'flat' as const };
  const d = expected - reference;
  return {
    text: `${d >= 0 ? '+' : '−'}${usd0(Math.abs(d))} by the plan`,
    direction: d > 0.5 ? ('up' as const) : d < -0.5 ? ('down' as const) : ('flat' as const),
    sentiment: d >= -0.5 ? ('positive' as const) : ('negative' as const),
  };
}

/** Expected $ over the horizon for one site against the two references, and how the plan was made. */
export function PlanSummary({
  plan,
  site,
  replanMs,
  replanWhere,
}: {
  plan: AllocationPlanBody;
  site: SitePlan;
  /** Wall time of the in-browser re-plan when the what-if panel is in use. */
  replanMs: number | null;
  replanWhere?: 'worker' | 'main';
}) {
  // Plans stored before gapBound existed carry HiGHS' gap or none.
  const boundSub =
    plan.gapPct === null
      ? 'no optimality bound'
      : plan.gapBound === 'fractional'
        ? `within ${formatPercent(plan.gapPct, 2)} of optimal (LP bound)`
        : `gap ${formatPercent(plan.gapPct, 2)}`;
  const solverSub = plan.chosen === 'solver' ? boundSub : `the ${plan.chosen} plan was better · ${boundSub}`;
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="allocation-summary">
      <KpiCard
        label={`Expected profit, next ${formatNumber(plan.horizonH)} h`}
        value={usd0(site.expectedProfitUsd)}
        sub={`fleet ${usd0(plan.expectedProfitUsd)}`}
        data-testid="allocation-expected"
      />
      <KpiCard
        label="Keep what runs now"
        value={usd0(site.currentProfitUsd)}
        delta={versus(site.expectedProfitUsd, site.currentProfitUsd)}
        data-testid="allocation-current"
      />
      <KpiCard
        label="Mine everything"
        value={usd0(site.mineAllProfitUsd)}
        delta={versus(site.expectedProfitUsd, site.mineAllProfitUsd)}
        data-testid="allocation-mine-all"
      />
      <KpiCard
        label="Solver"
        value={plan.solver === 'highs' ? 'HiGHS (MILP)' : 'Heuristic'}
        sub={
          <span data-testid="allocation-solver">
            {solverSub}
            {replanMs !== null && (
              <>
                {' · '}
                <span data-testid="allocation-replan-ms">
                  re-planned in the browser{replanWhere === 'worker' ? ' (background worker)' : ''} in{' '}
                  {formatNumber(replanMs, 0)} ms
                </span>
              </>
            )}
          </span>
        }
      />
    </div>
  );
}
