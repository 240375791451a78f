// One executor interface, two implementations: jobs run outside Switchyard (or in its simulator),
// and the executor reports back. Hooks run inside the transaction that changed the job, so what an
// executor must learn is committed together with the change (the webhook outbox).
import type { JobStatus } from '../lifecycle';
import type { Client, JobRow } from '../rows';
import { simulatedExecutor } from './simulated';
import { webhookExecutor } from './webhook';

export type ExecutorKind = 'simulated' | 'webhook';

export interface Executor {
  readonly kind: ExecutorKind;
  /** The job was placed on devices (it is now scheduled). */
  jobScheduled(client: Client, job: JobRow, now: number): Promise<void>;
  /** The job's status changed for a reason other than the executor's own report. */
  jobStatusChanged(client: Client, job: JobRow & { status: JobStatus }, now: number): Promise<void>;
  /** Background step: advance simulated jobs, or deliver pending webhook messages. */
  tick(now: number): Promise<Record<string, number>>;
}

export function executorFor(kind: ExecutorKind): Executor {
  return kind === 'webhook' ? webhookExecutor : simulatedExecutor;
}

export const EXECUTORS: readonly Executor[] = [simulatedExecutor, webhookExecutor];
