import type { Decision } from './explain';
import type { PlanInputs } from './inputs';
import { toPlanView } from './plan-view';
import type { SolveResult } from './solve';
import type { SolverName } from './types';

/**
 * The plan in the shape of the plans API (issue #10 contract), with database ids as numbers and
 * names for display. Pure: the server stores it as the plan's result, the browser what-if
 * (lib/allocation/replan.ts) builds the same object from `plan.inputs`.
 */

export type PlanHour = {
  ts: string;
  priceUsdPerMwh: number;
  priceSource: string;
  miningKw: number;
  aiKw: number;
  curtailedKw: number;
  idleKw: number;
  maintenanceKw: number;
  /** Share of the site's capacity (0–1) per use. */
  miningShare: number;
  aiShare: number;
  curtailedShare: number;
  idleShare: number;
  expectedProfitUsd: number;
  currentProfitUsd: number | null;
  mineAllProfitUsd: number | null;
};

export type PlanSite = {
  siteId: number;
  name: string;
  capacityKw: number;
  hours: PlanHour[];
  expectedProfitUsd: number;
  currentProfitUsd: number | null;
  mineAllProfitUsd: number | null;
};

export type PlanDevice = {
  deviceId: number;
  siteId: number;
  name: string;
  model: string;
  decision: Decision;
  /** What it does now, in the same words. */
  current: Decision;
  changed: boolean;
  maintenance: boolean;
  powerTargetW?: number;
  jobId?: number;
  jobIds?: number[];
  rentedGpus?: number;
  reason: string;
};

export type PlanJob = {
  jobId: number;
  name: string;
  decision: 'run' | 'wait' | 'pause';
  deviceIds: number[];
  reason: string;
};

export type PlanBody = {
  horizonH: number;
  intervalMin: number;
  solver: SolverName;
  /** How far from optimal the plan is at most, %; see gapBound for how it was bounded. */
  gapPct: number | null;
  /** "milp": HiGHS' proven gap; "fractional": against the closed-form LP relaxation (bound.ts). */
  gapBound: SolveResult['gapBound'];
  /** The solver's own plan, or a reference that was better ("keep-current", "mine-all"). */
  chosen: SolveResult['chosen'];
  hashpriceUsdPerPhDay: number;
  expectedProfitUsd: number;
  currentProfitUsd: number | null;
  mineAllProfitUsd: number | null;
  sites: PlanSite[];
  devices: PlanDevice[];
  jobs: PlanJob[];
  summary: { devices: number; changed: number; byDecision: Partial<Record<Decision, number>> };
  skippedSites: PlanInputs['skippedSites'];
  skippedJobs: PlanInputs['skippedJobs'];
};

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export function toPlanBody(result: SolveResult, inputs: PlanInputs): PlanBody {
  const view = toPlanView(result);
  const { model } = result;
  const current = currentDecisions(result);
  const refHour = (b: SolveResult['current'], si: number, t: number) =>
    b.feasible ? round(b.evaluation.sites[si]![t]!.profitUsd) : null;
  const sites: PlanSite[] = view.sites.map((s, si) => {
    const cap = s.capacityKw > 0 ? s.capacityKw : 1;
    const sources = inputs.basis.priceSources[s.siteId] ?? [];
    return {
      siteId: Number(s.siteId),
      name: model.sites[si]!.site.name,
      capacityKw: s.capacityKw,
      expectedProfitUsd: s.expectedProfitUsd,
      currentProfitUsd: s.currentProfitUsd,
      mineAllProfitUsd: s.mineAllProfitUsd,
      hours: s.hours.map((h, t) => ({
        ...h,
        priceSource: sources[t] ?? 'known',
        miningShare: round(h.miningKw / cap, 4),
        aiShare: round(h.aiKw / cap, 4),
        curtailedShare: round(h.curtailedKw / cap, 4),
        idleShare: round(h.idleKw / cap, 4),
        currentProfitUsd: refHour(result.current, si, t),
        mineAllProfitUsd: refHour(result.mineAll, si, t),
      })),
    };
  });
  const byDecision: Partial<Record<Decision, number>> = {};
  let changed = 0;
  const devices: PlanDevice[] = view.devices.map((d) => {
    byDecision[d.decision] = (byDecision[d.decision] ?? 0) + 1;
    if (d.changed) changed++;
    const label = inputs.labels.devices[d.deviceId];
    const out: PlanDevice = {
      deviceId: Number(d.deviceId),
      siteId: Number(d.siteId),
      name: label?.name ?? d.deviceId,
      model: label?.model ?? '',
      decision: d.decision,
      current: current.get(d.deviceId) ?? d.decision,
      changed: d.changed,
      maintenance: model.devices.get(d.deviceId)?.maintenance ?? false,
      reason: d.reason,
    };
    if (d.powerTargetW !== undefined) out.powerTargetW = d.powerTargetW;
    if (d.jobId !== undefined) out.jobId = Number(d.jobId);
    if (d.jobIds !== undefined) out.jobIds = d.jobIds.map(Number);
    if (d.rentedGpus !== undefined) out.rentedGpus = d.rentedGpus;
    return out;
  });
  return {
    horizonH: view.horizonH,
    intervalMin: view.intervalMin,
    solver: view.solver,
    gapPct: view.gapPct === null ? null : round(view.gapPct, 4),
    gapBound: view.gapBound,
    chosen: view.chosen,
    hashpriceUsdPerPhDay: round(model.input.hashpriceUsdPerPhDay, 3),
    expectedProfitUsd: view.expectedProfitUsd,
    currentProfitUsd: view.currentProfitUsd,
    mineAllProfitUsd: view.mineAllProfitUsd,
    sites,
    devices,
    jobs: view.jobs.map((j) => ({
      jobId: Number(j.jobId),
      name: inputs.labels.jobs[j.jobId] ?? j.jobId,
      decision: j.decision,
      deviceIds: j.deviceIds.map(Number),
      reason: j.reason,
    })),
    summary: { devices: devices.length, changed, byDecision },
    skippedSites: inputs.skippedSites,
    skippedJobs: inputs.skippedJobs,
  };
}

/** What each device does now, in the decision vocabulary. */
function currentDecisions(result: SolveResult): Map<string, Decision> {
  const { model } = result;
  const onJob = new Set<string>();
  for (const j of model.input.jobs) for (const a of j.running ?? []) onJob.add(a.deviceId);
  const out = new Map<string, Decision>();
  for (const d of model.input.devices) {
    const s = d.state;
    if (s.kind === 'mine') out.set(d.deviceId, 'mine');
    else if (s.kind === 'off')
      out.set(d.deviceId, model.minerModels.get(d.modelId)?.class === 'micro' ? 'off' : 'curtail');
    else out.set(d.deviceId, onJob.has(d.deviceId) ? 'job' : s.rentedGpus > 0 ? 'rent' : 'idle');
  }
  return out;
}
