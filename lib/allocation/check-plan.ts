import { busyGpus, type Evaluation, evaluatePlan } from './evaluate';
import { isPinned, serverFits, siteAllows } from './job-terms';
import type { Model } from './prepare';
import type { Plan } from './types';

const EPS_KW = 1e-6;

/** A plan that breaks a constraint: the solver has a bug, and the request must fail. */
export class PlanViolationError extends Error {
  constructor(readonly violations: string[]) {
    super(
      `allocation plan violates ${violations.length} constraint(s): ${violations.slice(0, 5).join('; ')}`,
    );
    this.name = 'PlanViolationError';
  }
}

/**
 * Every constraint of the model, checked on the per-device schedule independently of the solver
 * that produced it. Returns the violations (empty = feasible).
 */
export function checkPlan(model: Model, plan: Plan, ev: Evaluation = evaluatePlan(model, plan)): string[] {
  const out: string[] = [];
  checkCoverage(model, plan, out);
  checkMiners(model, plan, out);
  checkJobs(model, plan, out);
  model.sites.forEach((s, si) => {
    ev.sites[si]!.forEach((cell, t) => {
      const drawn = cell.miningKw + cell.aiKw + cell.maintenanceKw;
      if (drawn > s.site.capacityKw + EPS_KW) {
        out.push(
          `site ${s.site.siteId} interval ${t}: ${drawn.toFixed(3)} kW over cap ${s.site.capacityKw} kW`,
        );
      }
      const switches = ev.switchesBySite[si]![t]!;
      if (switches > s.maxSwitches[t]!) {
        out.push(
          `site ${s.site.siteId} interval ${t}: ${switches} switches, guardrail allows ${s.maxSwitches[t]}`,
        );
      }
    });
  });
  return out;
}

export function assertPlanFeasible(model: Model, plan: Plan, ev?: Evaluation): void {
  const violations = checkPlan(model, plan, ev);
  if (violations.length > 0) throw new PlanViolationError(violations);
}

function checkCoverage(model: Model, plan: Plan, out: string[]) {
  const seen = new Set<string>();
  for (const id of [...plan.miners.map((m) => m.deviceId), ...plan.gpus.map((g) => g.deviceId)]) {
    if (seen.has(id)) out.push(`device ${id} appears twice`);
    seen.add(id);
    const d = model.devices.get(id);
    if (!d) out.push(`device ${id} is not in the input`);
    else if (d.maintenance) out.push(`device ${id} is in maintenance and must not be planned`);
  }
  for (const d of model.input.devices) {
    if (!d.maintenance && !seen.has(d.deviceId)) out.push(`device ${d.deviceId} has no decision`);
  }
}

function checkMiners(model: Model, plan: Plan, out: string[]) {
  const T = model.intervals;
  const { intervalMin } = model.input;
  for (const m of plan.miners) {
    const device = model.devices.get(m.deviceId);
    const mm = device && model.minerModels.get(device.modelId);
    if (!device || !mm || device.state.kind === 'gpu') {
      out.push(`miner schedule for ${m.deviceId}, which is not a miner`);
      continue;
    }
    if (m.profileByInterval.length !== T) out.push(`device ${m.deviceId}: schedule length`);
    const site = model.sites[model.siteIndex.get(device.siteId)!]!.site;
    const hyst = model.input.hysteresis[mm.class];
    let on = device.state.kind === 'mine';
    let runMin = device.state.sinceMin;
    for (let t = 0; t < T; t++) {
      const p = m.profileByInterval[t]!;
      const valid =
        p === -1 || (mm.class === 'micro' ? p === mm.nominalIndex : p >= 0 && p < mm.profiles.length);
      if (!(Number.isInteger(p) && valid)) out.push(`device ${m.deviceId} interval ${t}: profile ${p}`);
      const nowOn = p >= 0;
      if (nowOn !== on) {
        const hold = on ? hyst.minOnMin : hyst.minOffMin;
        if (model.input.constraints.holdTimes && runMin + 1e-9 < hold) {
          out.push(`device ${m.deviceId} interval ${t}: switched after ${runMin} min, hold is ${hold} min`);
        }
        if (on && !site.curtailable) out.push(`device ${m.deviceId}: switched off at a non-curtailable site`);
        on = nowOn;
        runMin = 0;
      }
      runMin += intervalMin;
    }
  }
}

function checkJobs(model: Model, plan: Plan, out: string[]) {
  const placed = new Map<string, Plan['placements'][number]>();
  for (const pl of plan.placements) {
    const job = model.jobs.get(pl.jobId);
    if (!job) {
      out.push(`placement of unknown job ${pl.jobId}`);
      continue;
    }
    if (placed.has(pl.jobId)) out.push(`job ${pl.jobId} placed twice`);
    placed.set(pl.jobId, pl);
    const total = pl.allocations.reduce((sum, a) => sum + a.gpus, 0);
    if (total !== job.gpuCount) out.push(`job ${job.jobId}: ${total} GPUs placed, needs ${job.gpuCount}`);
    if (!job.multiNode && pl.allocations.length !== 1) out.push(`job ${job.jobId}: split over servers`);
    const sitesUsed = new Set<number>();
    for (const a of pl.allocations) {
      const server = model.servers.get(a.deviceId);
      if (!server) {
        out.push(`job ${job.jobId} on ${a.deviceId}, not a plannable GPU server`);
        continue;
      }
      if (!(Number.isInteger(a.gpus) && a.gpus >= 1))
        out.push(`job ${job.jobId}: ${a.gpus} GPUs on ${a.deviceId}`);
      if (!serverFits(job, server)) out.push(`job ${job.jobId}: ${a.deviceId} has the wrong GPUs`);
      if (!siteAllows(job, model, server.siteIndex)) out.push(`job ${job.jobId} needs firm power`);
      sitesUsed.add(server.siteIndex);
    }
    if (sitesUsed.size > 1) out.push(`job ${job.jobId} spans sites`);
    if (job.running && !sameAllocation(job.running, pl.allocations)) {
      out.push(`running job ${job.jobId} was moved`);
    }
  }
  for (const job of model.input.jobs) {
    if (isPinned(job) && !placed.has(job.jobId))
      out.push(`running non-preemptible job ${job.jobId} was stopped`);
  }
  for (const g of plan.gpus) {
    const server = model.servers.get(g.deviceId);
    if (!server) continue;
    const rental = model.sites[server.siteIndex]!.rental.get(server.model.gpuModel);
    g.rentedByInterval.forEach((r, t) => {
      if (!(Number.isInteger(r) && r >= 0)) out.push(`server ${g.deviceId} interval ${t}: ${r} rented`);
      if (r > 0 && !rental) out.push(`server ${g.deviceId}: rented without a rental market`);
    });
  }
  for (const [deviceId, row] of busyGpus(model, plan)) {
    const server = model.servers.get(deviceId);
    if (!server) continue;
    row.forEach((b, t) => {
      if (b > server.model.gpuCount)
        out.push(`server ${deviceId} interval ${t}: ${b} GPUs busy of ${server.model.gpuCount}`);
    });
  }
}

function sameAllocation(
  a: { deviceId: string; gpus: number }[],
  b: { deviceId: string; gpus: number }[],
): boolean {
  const key = (x: { deviceId: string; gpus: number }[]) =>
    x
      .map((y) => `${y.deviceId}:${y.gpus}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}
