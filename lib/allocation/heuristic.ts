import { disaggregate } from './disaggregate';
import { busyGpus, evaluatePlan } from './evaluate';
import { placeJobs } from './job-placement';
import type { Model } from './prepare';
import { solveSite } from './site-heuristic';
import type { Plan } from './types';

/** Jobs first (they are worth the most per kW and hold their GPUs), then each site on its own. */
export function solveHeuristic(model: Model): { plan: Plan; unplaced: Map<string, string> } {
  const byRate = solveWith(model, 'rate');
  // The second order only matters when a job was crowded out of GPUs it could have used.
  const crowded = [...byRate.unplaced.values()].some((r) => r.startsWith('waits: every matching GPU'));
  if (!crowded) return byRate;
  const bySize = solveWith(model, 'size');
  return evaluatePlan(model, bySize.plan).objectiveUsd > evaluatePlan(model, byRate.plan).objectiveUsd
    ? bySize
    : byRate;
}

function solveWith(model: Model, order: 'rate' | 'size'): { plan: Plan; unplaced: Map<string, string> } {
  const { placements, unplaced } = placeJobs(model, order);
  const idle = [...model.servers.values()].map((s) => ({
    deviceId: s.deviceId,
    rentedByInterval: new Array<number>(model.intervals).fill(0),
  }));
  const jobBusy = busyGpus(model, { miners: [], gpus: idle, placements });
  const decisions = model.sites.map((_, si) => solveSite(model, si, jobBusy));
  return { plan: disaggregate(model, decisions, placements), unplaced };
}
