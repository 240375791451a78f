import { busyGpus } from './evaluate';
import { isPinned } from './job-terms';
import { type Model, nearestProfile } from './prepare';
import type { JobPlacement, Plan } from './types';

/**
 * Reference plans the result is compared with (and falls back to when they are better): keep what
 * runs now, mine everything at nameplate, and everything off except pinned jobs.
 */

function minersAt(model: Model, pick: (modelId: string, current: number) => number): Plan['miners'] {
  const out: Plan['miners'] = [];
  for (const d of model.input.devices) {
    if (d.maintenance || d.state.kind === 'gpu') continue;
    const mm = model.minerModels.get(d.modelId)!;
    const current = d.state.kind === 'mine' ? nearestProfile(mm, d.state.powerW) : -1;
    out.push({
      deviceId: d.deviceId,
      profileByInterval: new Array<number>(model.intervals).fill(pick(d.modelId, current)),
    });
  }
  return out;
}

function gpusWith(model: Model, placements: JobPlacement[], keepRental: boolean): Plan {
  const gpus = [...model.servers.values()].map((s) => ({
    deviceId: s.deviceId,
    rentedByInterval: new Array<number>(model.intervals).fill(0),
  }));
  const plan: Plan = { miners: [], gpus, placements };
  if (!keepRental) return plan;
  const busy = busyGpus(model, plan);
  for (const g of gpus) {
    const state = model.devices.get(g.deviceId)!.state;
    const rented = state.kind === 'gpu' ? state.rentedGpus : 0;
    const server = model.servers.get(g.deviceId)!;
    const market = model.sites[server.siteIndex]!.rental.has(server.model.gpuModel);
    g.rentedByInterval = busy
      .get(g.deviceId)!
      .map((b) => (market ? Math.max(0, Math.min(rented, server.model.gpuCount - b)) : 0));
  }
  return plan;
}

const running = (model: Model): JobPlacement[] =>
  model.input.jobs.filter((j) => j.running).map((j) => ({ jobId: j.jobId, allocations: j.running! }));

export function keepCurrentPlan(model: Model): Plan {
  return { ...gpusWith(model, running(model), true), miners: minersAt(model, (_, current) => current) };
}

export function mineAllPlan(model: Model): Plan {
  return {
    ...gpusWith(model, running(model), true),
    miners: minersAt(model, (modelId) => model.minerModels.get(modelId)!.nominalIndex),
  };
}

export function allOffPlan(model: Model): Plan {
  const pinned = model.input.jobs.filter(isPinned).map((j) => ({ jobId: j.jobId, allocations: j.running! }));
  return { ...gpusWith(model, pinned, false), miners: minersAt(model, () => -1) };
}
