import { type DeviceDecision, explainDevices } from './explain';
import type { SolveResult } from './solve';
import type { SolverName } from './types';

/**
 * The engine's answer in the shape of the plans API (issue #10): per site and hour the split at the
 * meter, per device the decision for the next interval, and expected $ against the references.
 */

export type SiteHourView = {
  ts: string;
  priceUsdPerMwh: number;
  miningKw: number;
  aiKw: number;
  curtailedKw: number;
  idleKw: number;
  maintenanceKw: number;
  expectedProfitUsd: number;
};

export type PlanView = {
  horizonH: number;
  intervalMin: number;
  solver: SolverName;
  gapPct: number | null;
  gapBound: SolveResult['gapBound'];
  chosen: SolveResult['chosen'];
  expectedProfitUsd: number;
  currentProfitUsd: number | null;
  mineAllProfitUsd: number | null;
  sites: {
    siteId: string;
    capacityKw: number;
    hours: SiteHourView[];
    expectedProfitUsd: number;
    currentProfitUsd: number | null;
    mineAllProfitUsd: number | null;
  }[];
  devices: DeviceDecision[];
  jobs: { jobId: string; decision: 'run' | 'wait' | 'pause'; deviceIds: string[]; reason: string }[];
};

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export function toPlanView(result: SolveResult): PlanView {
  const { model, evaluation } = result;
  const { input } = model;
  const siteTotal = (ev: SolveResult['evaluation'], si: number) =>
    ev.sites[si]!.reduce((a, c) => a + c.profitUsd, 0);
  const ref = (b: SolveResult['current'], si?: number) =>
    b.feasible ? round(si === undefined ? b.evaluation.objectiveUsd : siteTotal(b.evaluation, si)) : null;
  return {
    horizonH: (input.intervals * input.intervalMin) / 60,
    intervalMin: input.intervalMin,
    solver: result.solver,
    gapPct: result.gapPct,
    gapBound: result.gapBound,
    chosen: result.chosen,
    expectedProfitUsd: round(evaluation.objectiveUsd),
    currentProfitUsd: ref(result.current),
    mineAllProfitUsd: ref(result.mineAll),
    sites: model.sites.map((s, si) => ({
      siteId: s.site.siteId,
      capacityKw: s.site.capacityKw,
      hours: evaluation.sites[si]!.map((c, t) => ({
        ts: new Date(input.startMs + t * input.intervalMin * 60_000).toISOString(),
        priceUsdPerMwh: s.site.priceUsdPerMwh[t]!,
        miningKw: round(c.miningKw, 3),
        aiKw: round(c.aiKw, 3),
        curtailedKw: round(c.curtailedKw, 3),
        idleKw: round(c.idleKw, 3),
        maintenanceKw: round(c.maintenanceKw, 3),
        expectedProfitUsd: round(c.profitUsd),
      })),
      expectedProfitUsd: round(siteTotal(evaluation, si)),
      currentProfitUsd: ref(result.current, si),
      mineAllProfitUsd: ref(result.mineAll, si),
    })),
    devices: explainDevices(model, result.plan),
    jobs: input.jobs.map((j) => {
      const placement = result.plan.placements.find((p) => p.jobId === j.jobId);
      if (placement) {
        return {
          jobId: j.jobId,
          decision: 'run' as const,
          deviceIds: placement.allocations.map((a) => a.deviceId),
          reason: j.running ? 'keeps running' : 'starts now',
        };
      }
      return {
        jobId: j.jobId,
        decision: j.running ? ('pause' as const) : ('wait' as const),
        deviceIds: [],
        reason: result.unplaced.get(j.jobId) ?? 'waits',
      };
    }),
  };
}
