// The built-in simulated executor as a pure function of (seed, job, now): a scheduled job starts
// after a short delay, runs for its expected hours divided by the pace, and about one job in ten
// fails part-way. Deterministic per seed, so a restart replays the same outcome.
import { hashUnit } from '../../sim/random';

export type SimJob = {
  id: number;
  status: 'scheduled' | 'running';
  expectedHours: number;
  /** When the job entered its current status (epoch ms). */
  sinceTs: number;
  /** Real ms spent running in earlier spans (preempted, then resumed from a checkpoint). */
  priorRunMs: number;
};

export type SimPace = {
  seed: number;
  /** Simulated seconds per real second: 1 is real time; 3600 runs a one-hour job in a second. */
  speed: number;
  /** Probability that a job fails part-way. */
  failureRate?: number;
};

export type SimStep =
  | { kind: 'none' }
  | { kind: 'start' }
  | { kind: 'progress'; progressPct: number }
  | { kind: 'finish'; progressPct: 100 }
  | { kind: 'fail'; progressPct: number; reason: string };

const START_DELAY_SIM_S = 30;
const DEFAULT_FAILURE_RATE = 0.1;

/** Where (as a share of the run) this job fails, or null when it succeeds. */
export function failurePoint(seed: number, jobId: number, failureRate = DEFAULT_FAILURE_RATE): number | null {
  if (hashUnit(seed, jobId, 0x5afe) >= failureRate) return null;
  return 0.2 + 0.7 * hashUnit(seed, jobId, 0xdead);
}

export function simulatedStep(job: SimJob, pace: SimPace, now: number): SimStep {
  const elapsedSimMs = Math.max(0, now - job.sinceTs) * pace.speed;
  if (job.status === 'scheduled') {
    return elapsedSimMs >= START_DELAY_SIM_S * 1000 ? { kind: 'start' } : { kind: 'none' };
  }
  const runMs = Math.max(1, job.expectedHours * 3_600_000);
  const share = Math.min(1, (job.priorRunMs * pace.speed + elapsedSimMs) / runMs);
  const failAt = failurePoint(pace.seed, job.id, pace.failureRate);
  if (failAt !== null && share >= failAt) {
    return {
      kind: 'fail',
      progressPct: round(failAt * 100),
      reason: `simulated failure at ${Math.round(failAt * 100)} % (GPU XID 79: fell off the bus)`,
    };
  }
  if (share >= 1) return { kind: 'finish', progressPct: 100 };
  return { kind: 'progress', progressPct: round(share * 100) };
}

const round = (v: number) => Math.round(v * 10) / 10;
