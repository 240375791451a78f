// The built-in simulated executor: every tick it advances the scheduled and running jobs that use
// it, with the pure model in simulated-model.ts, through the same transitions an operator or a
// webhook receiver would cause (actor "executor:simulated").
import type { Actor } from '../../auth/actor';
import { execute, queryRows, sql, withRawTransaction } from '../../db/raw';
import { getEnv } from '../../env';
import { AppError } from '../../errors';
import { runningSpans } from '../accrual';
import { type JobRow, loadJobRow, normaliseJobRow } from '../rows';
import { applyJobTransition } from '../transitions';
import type { Executor } from '.';
import { simulatedStep } from './simulated-model';

export const SIMULATED_EXECUTOR_ACTOR: Actor = {
  kind: 'system',
  id: null,
  name: 'executor:simulated',
  role: 'admin',
  tenantId: null,
};

async function tick(now: number): Promise<Record<string, number>> {
  const env = getEnv();
  const jobs = (
    await queryRows<JobRow>(
      sql`SELECT * FROM ai_job WHERE executor = 'simulated' AND status IN ('scheduled', 'running')`,
    )
  ).map(normaliseJobRow);
  if (jobs.length === 0) return { jobs: 0, changed: 0 };
  const transitions = await queryRows<{ job_id: number; to_status: string; ts: number }>(
    sql`SELECT t.job_id, t.to_status, t.ts FROM job_transition t JOIN ai_job j ON j.id = t.job_id
        WHERE j.executor = 'simulated' AND j.status IN ('scheduled', 'running') ORDER BY t.ts, t.id`,
  );
  let changed = 0;
  for (const job of jobs) {
    const mine = transitions
      .filter((t) => Number(t.job_id) === job.id)
      .map((t) => ({ toStatus: t.to_status, ts: Number(t.ts) }));
    const spans = runningSpans(mine);
    const sinceTs = mine.at(-1)?.ts ?? job.updated_at;
    const priorRunMs = spans.filter((s) => s.toTs !== null).reduce((sum, s) => sum + (s.toTs! - s.fromTs), 0);
    const step = simulatedStep(
      {
        id: job.id,
        status: job.status as 'scheduled' | 'running',
        expectedHours: job.expected_hours,
        sinceTs,
        priorRunMs,
      },
      { seed: env.SWITCHYARD_SIM_SEED, speed: env.SWITCHYARD_SIM_JOB_SPEED },
      now,
    );
    if (step.kind === 'none') continue;
    if (step.kind === 'progress') {
      if (Math.abs(step.progressPct - job.progress_pct) >= 0.1) {
        await execute(
          sql`UPDATE ai_job SET progress_pct = ${step.progressPct}, updated_at = ${now} WHERE id = ${job.id} AND version = ${job.version}`,
        );
      }
      continue;
    }
    const to = step.kind === 'start' ? 'running' : step.kind === 'finish' ? 'done' : 'failed';
    try {
      await withRawTransaction(async (client) => {
        const fresh = await loadJobRow(job.id, client);
        if (!fresh || fresh.version !== job.version) return;
        await applyJobTransition(client, fresh, to, SIMULATED_EXECUTOR_ACTOR, {
          via: 'executor',
          now,
          reason: step.kind === 'fail' ? step.reason : null,
          progressPct: step.kind === 'start' ? fresh.progress_pct : step.progressPct,
        });
      });
      changed++;
    } catch (error) {
      // An operator moved the job in the meantime: the next tick sees the new state.
      if (!(error instanceof AppError && error.status === 409)) throw error;
    }
  }
  return { jobs: jobs.length, changed };
}

export const simulatedExecutor: Executor = {
  kind: 'simulated',
  jobScheduled: async () => {},
  jobStatusChanged: async () => {},
  tick,
};
