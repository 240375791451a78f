// GPU-hours and revenue from the assignment history, pure. Nothing is counted up while a job runs:
// the figures are recomputed from spans (assignment from/to intersected with the job's running
// spans), so a crash or restart cannot lose or double them. The hourly rate of each span comes
// from revenue-rate.ts, the same function the live money views price the open assignment with.
import { gpuWorkRevenueUsdPerHour } from './revenue-rate';

const HOUR_MS = 3_600_000;

export type Span = { fromTs: number; toTs: number | null };
export type WorkSpan = Span & {
  gpus: number | null;
  rateUsdPerGpuHour: number | null;
  utilisationPct?: number | null;
};
export type TransitionPoint = { toStatus: string; ts: number };

/** The spans during which the job was running, from its ordered transitions. */
export function runningSpans(transitions: TransitionPoint[]): Span[] {
  const sorted = [...transitions].sort((a, b) => a.ts - b.ts);
  const spans: Span[] = [];
  let start: number | null = null;
  for (const t of sorted) {
    if (t.toStatus === 'running' && start === null) start = t.ts;
    else if (t.toStatus !== 'running' && start !== null) {
      spans.push({ fromTs: start, toTs: t.ts });
      start = null;
    }
  }
  if (start !== null) spans.push({ fromTs: start, toTs: null });
  return spans;
}

function overlapMs(a: Span, b: Span, now: number): number {
  const from = Math.max(a.fromTs, b.fromTs);
  const to = Math.min(a.toTs ?? now, b.toTs ?? now, now);
  return Math.max(0, to - from);
}

export type Accrual = { gpuHours: number; revenueUsd: number };

/** A job's GPU-hours and revenue: each assignment's GPUs × the time it overlapped a running span. */
export function accrueJob(work: WorkSpan[], transitions: TransitionPoint[], now: number): Accrual {
  const running = runningSpans(transitions);
  let gpuHours = 0;
  let revenueUsd = 0;
  for (const w of work) {
    const ms = running.reduce((sum, r) => sum + overlapMs(w, r, now), 0);
    gpuHours += ((w.gpus ?? 0) * ms) / HOUR_MS;
    revenueUsd +=
      (ms / HOUR_MS) * gpuWorkRevenueUsdPerHour({ ...w, kind: 'job', utilisationPct: null }, true);
  }
  return { gpuHours, revenueUsd };
}

/** Rented GPU time: offered GPU-hours, and revenue at the rate times the utilisation assumption. */
export function accrueRental(work: WorkSpan[], window: Span, now: number): Accrual {
  let gpuHours = 0;
  let revenueUsd = 0;
  for (const w of work) {
    const ms = overlapMs(w, window, now);
    gpuHours += ((w.gpus ?? 0) * ms) / HOUR_MS;
    revenueUsd +=
      (ms / HOUR_MS) *
      gpuWorkRevenueUsdPerHour({ ...w, kind: 'rent', utilisationPct: w.utilisationPct ?? null }, false);
  }
  return { gpuHours, revenueUsd };
}
