// The AI job lifecycle as data: which status may follow which, and who may cause it.

export const JOB_STATUSES = [
  'queued',
  'scheduled',
  'running',
  'preempted',
  'done',
  'failed',
  'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const TERMINAL_STATUSES: readonly JobStatus[] = ['done', 'failed', 'cancelled'];

/**
 * queued → scheduled → running → done | failed | cancelled, running → preempted → queued.
 * A scheduled job can be sent back to the queue (placement undone) or fail to start.
 */
const NEXT: Record<JobStatus, readonly JobStatus[]> = {
  queued: ['scheduled', 'cancelled'],
  scheduled: ['running', 'queued', 'failed', 'cancelled'],
  running: ['done', 'failed', 'cancelled', 'preempted'],
  preempted: ['queued', 'cancelled'],
  done: [],
  failed: [],
  cancelled: [],
};

/**
 * `scheduled` means "placed on devices": only an assignment (POST /api/v1/assignments) can cause it,
 * never a bare transition request, or the job would be scheduled nowhere.
 */
const PLACEMENT_ONLY: readonly JobStatus[] = ['scheduled'];

export type TransitionVia = 'request' | 'placement' | 'executor';

export function allowedTransitions(from: JobStatus, via: TransitionVia = 'request'): JobStatus[] {
  return NEXT[from].filter((to) => via === 'placement' || !PLACEMENT_ONLY.includes(to));
}

export type TransitionCheck = { ok: true } | { ok: false; allowed: JobStatus[]; message: string };

export function checkTransition(
  from: JobStatus,
  to: JobStatus,
  via: TransitionVia = 'request',
): TransitionCheck {
  const allowed = allowedTransitions(from, via);
  if (allowed.includes(to)) return { ok: true };
  const list = allowed.length ? allowed.join(', ') : 'none (the job is finished)';
  const hint = to === 'scheduled' && via !== 'placement' ? ' (assign the job to devices to schedule it)' : '';
  return { ok: false, allowed, message: `A ${from} job cannot become ${to}${hint}; allowed: ${list}` };
}

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Statuses in which a job holds devices (its assignments are open). */
export function holdsDevices(status: JobStatus): boolean {
  return status === 'scheduled' || status === 'running';
}
