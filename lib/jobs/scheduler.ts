import { getPgPool } from '../db/raw';
import { getEnv } from '../env';
import { beginActivity } from './loop-watch';

export type Job = {
  name: string;
  everyMs: number;
  /**
   * From JOB_LOCK_KEYS: with PostgreSQL, an advisory lock on it lets one instance run the job at a
   * time. Null for jobs that share their work between instances themselves (the collector).
   */
  lockKey: number | null;
  run: (now: number) => Promise<unknown>;
};

type Running = { stop: () => Promise<void> };

const LOCK_NAMESPACE = 0x5357; // "SW"

/** Runs `fn` only if this instance wins the job's advisory lock (PostgreSQL scale-out). */
async function withJobLock(lockKey: number | null, fn: () => Promise<unknown>): Promise<boolean> {
  if (lockKey === null || getEnv().db.provider === 'sqlite') {
    await fn();
    return true;
  }
  const client = await getPgPool().connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
      LOCK_NAMESPACE,
      lockKey,
    ]);
    if (!rows[0]?.ok) return false;
    try {
      await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, lockKey]);
    }
    return true;
  } finally {
    client.release();
  }
}

/**
 * Starts background jobs: each runs every `everyMs`, never overlapping itself; a failing run is
 * logged and retried on the next tick (a dead database must not crash the server).
 */
export function startJobs(jobs: Job[], log: (line: string) => void = console.log): Running {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  for (const job of jobs) {
    let failures = 0;
    const tick = () => {
      if (stopped) return;
      const ended = beginActivity(`job ${job.name}`);
      const run = withJobLock(job.lockKey, () => job.run(Date.now()))
        .then(() => {
          if (failures > 0) log(`[jobs] ${job.name} recovered after ${failures} failed runs`);
          failures = 0;
        })
        .catch((error: Error) => {
          failures++;
          if (failures === 1 || failures % 20 === 0)
            log(`[jobs] ${job.name} failed (${failures}×): ${error.message}`);
        })
        .finally(() => {
          ended();
          inFlight.delete(run);
          if (!stopped) timers.add(setTimeout(tick, job.everyMs));
        });
      inFlight.add(run);
    };
    // Stagger the first runs so jobs do not all hit the database in the same instant.
    timers.add(setTimeout(tick, 500 + ((job.lockKey ?? 0) % 10) * 250));
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...inFlight]);
    },
  };
}
