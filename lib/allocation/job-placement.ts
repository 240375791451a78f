import {
  activeIntervals,
  isPinned,
  jobRevenueUsd,
  serverFits,
  siteAllows,
  unplacedPenaltyUsd,
} from './job-terms';
import { energyUsd, type GpuServer, type Model, rentalMarginUsd } from './prepare';
import type { AllocationJob, JobPlacement } from './types';

/**
 * Greedy job placement for the heuristic: pinned jobs first, then jobs that must start now to
 * meet a deadline, then by $/GPU-h. A job is placed where it adds the most after the energy it
 * draws, the rental it displaces and — where the site cap binds — the best mining it displaces,
 * and only where the site's unavoidable load plus the job fits the cap in every interval.
 */

export type PlacementResult = { placements: JobPlacement[]; unplaced: Map<string, string> };

export function minimumLoadKw(model: Model): number[][] {
  return model.sites.map((s) =>
    Array.from({ length: model.intervals }, (_, t) => {
      let kw = s.maintenanceKw;
      for (const server of s.servers) kw += server.idleKw;
      for (const g of s.groups) {
        if (g.currentOn && (t < g.holdIntervals || g.noSwitchOff)) {
          kw += g.count * Math.min(...g.options.map((o) => g.kwByProfile[o]!));
        }
      }
      return kw;
    }),
  );
}

/**
 * Per site: meter kW everything could draw on top of the unavoidable load (miners at their biggest
 * profile, every GPU busy), and per interval the best mining $ per kW — what a job displaces when
 * the cap binds.
 */
function displacementTerms(model: Model) {
  return model.sites.map((s) => {
    let extraKw = 0;
    for (const g of s.groups) extraKw += g.count * Math.max(...g.options.map((o) => g.kwByProfile[o]!));
    for (const server of s.servers) extraKw += server.model.gpuCount * server.busyKwPerGpu;
    const bestUsdPerKw = Array.from({ length: model.intervals }, (_, t) => {
      let best = 0;
      for (const g of s.groups) {
        for (const o of g.options) best = Math.max(best, g.marginByProfile[o]![t]! / g.kwByProfile[o]!);
      }
      return best;
    });
    return { extraKw, bestUsdPerKw };
  });
}

export function placeJobs(model: Model, order: 'rate' | 'size' = 'rate'): PlacementResult {
  const free = new Map<string, number>();
  for (const server of model.servers.values()) free.set(server.deviceId, server.model.gpuCount);
  const load = minimumLoadKw(model);
  const displacement = displacementTerms(model);
  const placements: JobPlacement[] = [];
  const unplaced = new Map<string, string>();
  const commit = (job: AllocationJob, allocations: JobPlacement['allocations']) => {
    placements.push({ jobId: job.jobId, allocations });
    const d = activeIntervals(job, model);
    for (const a of allocations) {
      const server = model.servers.get(a.deviceId)!;
      free.set(a.deviceId, free.get(a.deviceId)! - a.gpus);
      for (let t = 0; t < d; t++) load[server.siteIndex]![t]! += a.gpus * server.busyKwPerGpu;
    }
  };
  for (const job of model.input.jobs) if (isPinned(job)) commit(job, job.running!);
  // What running the job is worth per GPU-hour, counting the penalty it avoids (deadline, pause).
  const worth = (j: AllocationJob) => jobRevenueUsd(j, model) + unplacedPenaltyUsd(j, model);
  const rate = (j: AllocationJob) =>
    order === 'size'
      ? worth(j)
      : worth(j) / (j.gpuCount * Math.min(j.remainingH, model.intervals * model.dtH));
  const queue = model.input.jobs
    .filter((j) => !isPinned(j))
    .sort((a, b) => rate(b) - rate(a) || b.priority - a.priority || a.jobId.localeCompare(b.jobId));
  for (const job of queue) {
    const options = job.running ? [job.running] : candidateAllocations(model, job, free);
    if (options.length === 0) {
      unplaced.set(job.jobId, noFitReason(model, job));
      continue;
    }
    const scored: { allocations: JobPlacement['allocations']; value: number; siteIndex: number }[] = [];
    let capBlocked = false;
    for (const allocations of options) {
      const si = model.servers.get(allocations[0]!.deviceId)!.siteIndex;
      const d = activeIntervals(job, model);
      const fits = allocations.every((a) => free.get(a.deviceId)! >= a.gpus);
      let value = jobRevenueUsd(job, model) + unplacedPenaltyUsd(job, model);
      let capOk = fits;
      for (let t = 0; t < d && capOk; t++) {
        const site = model.sites[si]!;
        let kw = 0;
        for (const a of allocations) {
          const server = model.servers.get(a.deviceId)!;
          kw += a.gpus * server.busyKwPerGpu;
          value -= a.gpus * Math.max(0, rentalMarginUsd(model, server, t) ?? 0);
        }
        value -= energyUsd(
          (kw * 1000) / site.site.pue,
          site.site.pue,
          site.site.priceUsdPerMwh[t]!,
          model.dtH,
        );
        if (load[si]![t]! + kw > site.site.capacityKw + 1e-9) capOk = false;
        const d = displacement[si]!;
        if (load[si]![t]! + d.extraKw > site.site.capacityKw) value -= kw * d.bestUsdPerKw[t]!;
      }
      if (!capOk) {
        capBlocked ||= fits;
        continue;
      }
      scored.push({ allocations, value, siteIndex: si });
    }
    const best = pickOption(model, job, scored, free);
    if (best && best.value > 0) commit(job, best.allocations);
    else if (best)
      unplaced.set(job.jobId, 'waits: its GPUs earn more rented out or mining the power, net of energy');
    else if (capBlocked)
      unplaced.set(job.jobId, 'waits: the site cap has no room for it next to devices that must stay on');
    else unplaced.set(job.jobId, 'waits: every matching GPU is taken by a job that pays more or must run');
  }
  return { placements, unplaced };
}

/**
 * Among options within 1 % of the best value, keep firm-power sites for jobs that need them and
 * fill the fullest server first, so scarce capacity stays free for jobs that can only use it.
 */
function pickOption<T extends { allocations: JobPlacement['allocations']; value: number; siteIndex: number }>(
  model: Model,
  job: AllocationJob,
  options: T[],
  free: Map<string, number>,
): T | null {
  if (options.length === 0) return null;
  const top = Math.max(...options.map((o) => o.value));
  const near = options.filter((o) => o.value >= top - 0.01 * Math.abs(top));
  const firm = (o: T) => (job.needsFirmPower ? 0 : Number(model.sites[o.siteIndex]!.site.firmPower));
  const slack = (o: T) => o.allocations.reduce((a, x) => a + free.get(x.deviceId)! - x.gpus, 0);
  return near.sort((a, b) => firm(a) - firm(b) || slack(a) - slack(b) || b.value - a.value)[0]!;
}

/** Possible placements on GPUs free at interval 0, best-fit first. */
function candidateAllocations(
  model: Model,
  job: AllocationJob,
  free: Map<string, number>,
): JobPlacement['allocations'][] {
  const fitting = [...model.servers.values()].filter(
    (s) =>
      serverFits(job, s) &&
      siteAllows(job, model, s.siteIndex) &&
      s.model.gpuCount >= (job.multiNode ? 1 : job.gpuCount),
  );
  if (fitting.length === 0) return [];
  if (!job.multiNode) {
    // Identical servers at one site differ only in free GPUs: offer the best fit of each kind.
    const bestFit = new Map<string, GpuServer>();
    for (const s of fitting) {
      const f = free.get(s.deviceId)!;
      if (f < job.gpuCount) continue;
      const key = `${s.siteIndex}|${s.model.modelId}`;
      const cur = bestFit.get(key);
      if (
        !cur ||
        f < free.get(cur.deviceId)! ||
        (f === free.get(cur.deviceId)! && s.deviceId < cur.deviceId)
      ) {
        bestFit.set(key, s);
      }
    }
    return [...bestFit.values()].map((s) => [{ deviceId: s.deviceId, gpus: job.gpuCount }]);
  }
  const bySite = new Map<number, GpuServer[]>();
  for (const s of fitting) bySite.set(s.siteIndex, [...(bySite.get(s.siteIndex) ?? []), s]);
  const out: JobPlacement['allocations'][] = [];
  for (const servers of bySite.values()) {
    servers.sort(
      (a, b) => free.get(b.deviceId)! - free.get(a.deviceId)! || a.deviceId.localeCompare(b.deviceId),
    );
    let need = job.gpuCount;
    const allocations: JobPlacement['allocations'] = [];
    for (const s of servers) {
      const take = Math.min(need, free.get(s.deviceId)!);
      if (take > 0) allocations.push({ deviceId: s.deviceId, gpus: take });
      need -= take;
      if (need === 0) break;
    }
    if (need === 0) out.push(allocations);
  }
  return out;
}

/** Why a job cannot run anywhere in this fleet, whatever else runs. */
export function noFitReason(model: Model, job: AllocationJob): string {
  const servers = [...model.servers.values()];
  const want = job.gpuModel ?? `≥ ${job.minGpuMemoryGb} GB`;
  const matching = servers.filter((s) => serverFits(job, s));
  if (matching.length === 0) return `fits nowhere: no plannable server has ${want} GPUs`;
  const firm = matching.filter((s) => siteAllows(job, model, s.siteIndex));
  if (firm.length === 0) return `fits nowhere: it needs firm power and no firm-power site has ${want} GPUs`;
  const largest = Math.max(...firm.map((s) => s.model.gpuCount));
  if (!job.multiNode && largest < job.gpuCount) {
    return `fits nowhere: it needs ${job.gpuCount} GPUs on one server and the largest ${want} server has ${largest}`;
  }
  const bySite = new Map<number, number>();
  for (const s of firm) bySite.set(s.siteIndex, (bySite.get(s.siteIndex) ?? 0) + s.model.gpuCount);
  if (job.multiNode && Math.max(...bySite.values()) < job.gpuCount) {
    return `fits nowhere: it needs ${job.gpuCount} GPUs at one site and no site has that many ${want} GPUs`;
  }
  return 'waits: every matching GPU is taken by a job that pays more or must run';
}
