import type { GpuServer, Model } from './prepare';
import type { AllocationJob } from './types';

/**
 * The job rules both solvers and the checker share. A placed job starts in interval 0 and holds its
 * GPUs for whole intervals until its remaining hours are done (or the horizon ends); a job that does
 * not start now is reconsidered at the next re-plan.
 */

/** Intervals the job needs, not clipped to the horizon. */
export function jobIntervals(job: AllocationJob, intervalMin: number): number {
  return Math.max(1, Math.ceil((job.remainingH * 60) / intervalMin - 1e-9));
}

export function activeIntervals(job: AllocationJob, model: Model): number {
  return Math.min(model.intervals, jobIntervals(job, model.input.intervalMin));
}

/** Revenue of the placed job inside the horizon: GPUs × $/GPU-h × hours worked. */
export function jobRevenueUsd(job: AllocationJob, model: Model): number {
  const hours = Math.min(job.remainingH, model.intervals * model.dtH);
  return job.gpuCount * job.usdPerGpuH * hours;
}

/** This is the last interval to start the job and still meet its deadline. */
export function isLastChance(job: AllocationJob, intervalMin: number): boolean {
  return job.deadlineInterval !== null && jobIntervals(job, intervalMin) === job.deadlineInterval + 1;
}

/** Penalty paid when the job is not placed in this plan. */
export function unplacedPenaltyUsd(job: AllocationJob, model: Model): number {
  let penalty = 0;
  if (job.running && job.preemptible) penalty += job.preemptPenaltyUsd;
  if (isLastChance(job, model.input.intervalMin)) {
    penalty += job.deadlinePenaltyUsd ?? job.gpuCount * job.usdPerGpuH * job.remainingH;
  }
  return penalty;
}

export function serverFits(job: AllocationJob, server: GpuServer): boolean {
  if (job.gpuModel !== null && server.model.gpuModel !== job.gpuModel) return false;
  if (job.minGpuMemoryGb !== null && server.model.gpuMemoryGb < job.minGpuMemoryGb) return false;
  return true;
}

export function siteAllows(job: AllocationJob, model: Model, siteIndex: number): boolean {
  return !job.needsFirmPower || model.sites[siteIndex]!.site.firmPower;
}

/** Running non-preemptible jobs keep their servers whatever the plan says. */
export function isPinned(job: AllocationJob): boolean {
  return job.running !== null && !job.preemptible;
}
