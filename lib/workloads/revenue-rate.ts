// What one device earns per hour from GPU work under one assignment — the single rule both money
// paths use: the live money views (lib/economics/live) price the open assignment with it, and the
// accrual behind the reports and job figures (accrual.ts) multiplies it by the hours of each span.
// Keeping one function is what stops "money now" and "money then" from drifting apart. Pure.
import { aiRevenueUsdPerHour } from '../economics/ai';

export type RatedAssignment = {
  kind: string;
  /** GPUs the assignment uses on the device (job: what the job needs here; rent: the whole node). */
  gpus: number | null;
  /** The rate in force, copied onto the assignment when it was made (job price or rental rate). */
  rateUsdPerGpuHour: number | null;
  /** Rental utilisation assumption in percent; ignored for jobs. */
  utilisationPct: number | null;
};

/**
 * $/h of GPU work: a job earns its $/GPU-h × the GPUs assigned while the job is running (a placed
 * job that has not started, or one stopped, earns nothing); a rental earns its rate × the GPUs ×
 * the operator's utilisation assumption; idle, curtailed, maintenance, a pool or no assignment at
 * all earn nothing from GPU work (mining revenue is measured hashrate × hashprice, elsewhere).
 */
export function gpuWorkRevenueUsdPerHour(a: RatedAssignment, jobRunning: boolean): number {
  const gpus = Math.max(0, a.gpus ?? 0);
  const rate = Math.max(0, a.rateUsdPerGpuHour ?? 0);
  if (a.kind === 'job')
    return jobRunning ? aiRevenueUsdPerHour({ gpus, usdPerGpuH: rate, utilisation: 1 }) : 0;
  if (a.kind === 'rent') {
    const utilisation = Math.min(1, Math.max(0, (a.utilisationPct ?? 100) / 100));
    return aiRevenueUsdPerHour({ gpus, usdPerGpuH: rate, utilisation });
  }
  return 0;
}

/** Whether an assignment kind is paid GPU work (job or rent), as opposed to mining or nothing. */
export function isGpuWork(kind: string | null | undefined): boolean {
  return kind === 'job' || kind === 'rent';
}
