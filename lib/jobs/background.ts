// Background work of one server process: rollups, latest state, statuses, retention and, in the
// embedded demo, the live simulator. Started from instrumentation.ts; with PostgreSQL each job
// takes an advisory lock, so several web instances can run this and each job still runs once.
import { runActionsTick } from '../actions/executor';
import { deliverNotifications } from '../alerts/notify/deliver';
import { applyAlertRetention } from '../alerts/retention';
import { runAlertsTick } from '../alerts/tick';
import { runBacktests } from '../allocation/backtest/runner';
import { runAllocationTick } from '../allocation/plans/auto';
import { Collector } from '../collectors/scheduler/collector';
import { collectorEnabled, getEnv } from '../env';
import { marketJobs } from '../market/refresh/jobs';
import { processGlobal } from '../process-global';
import { runStatementsTick } from '../reports/statements';
import { LiveSimulator } from '../sim/live';
import { startWireDemo } from '../sim/wire/demo-wire';
import { refreshLatest } from '../telemetry/latest';
import { applyRetention } from '../telemetry/retention';
import { runRollups } from '../telemetry/rollups';
import { evaluateStatuses } from '../telemetry/status-job';
import { deliverWebhooks } from '../webhooks/deliver';
import { EXECUTORS } from '../workloads/executors';
import { JOB_LOCK_KEYS } from './lock-keys';
import { startLoopWatch, stopLoopWatch } from './loop-watch';
import { type Job, startJobs } from './scheduler';

const running = processGlobal<{ stop: () => Promise<void> }>('switchyardJobs');
const runningCollector = processGlobal<Collector>('switchyardCollector');

export function startBackgroundWork() {
  if (running.get()) return;
  const env = getEnv();
  const jobs: Job[] = [
    { name: 'latest', everyMs: 5_000, lockKey: JOB_LOCK_KEYS.latest, run: (now) => refreshLatest(now) },
    { name: 'status', everyMs: 10_000, lockKey: JOB_LOCK_KEYS.status, run: (now) => evaluateStatuses(now) },
    { name: 'rollups', everyMs: 15_000, lockKey: JOB_LOCK_KEYS.rollups, run: (now) => runRollups(now) },
    {
      name: 'retention',
      everyMs: 30 * 60_000,
      lockKey: JOB_LOCK_KEYS.retention,
      run: async (now) => ({
        ...(await applyRetention(now)),
        alerts: await applyAlertRetention(env.RETENTION_ALERTS_DAYS, now),
      }),
    },
    // Alerts (lib/alerts): evaluation from latest state, then notification delivery from the outbox.
    {
      name: 'alerts',
      everyMs: env.ALERTS_INTERVAL_S * 1000,
      lockKey: JOB_LOCK_KEYS.alerts,
      run: (now) => runAlertsTick(now),
    },
    {
      name: 'alerts-notify',
      everyMs: 5_000,
      lockKey: JOB_LOCK_KEYS.alertsNotify,
      run: (now) => deliverNotifications(now),
    },
    // Event webhooks (lib/webhooks): signed deliveries from the outbox with retries.
    { name: 'webhooks', everyMs: 5_000, lockKey: JOB_LOCK_KEYS.webhooks, run: (now) => deliverWebhooks(now) },
    // Monthly tenant statements (lib/reports/statements.ts): each ended month once per tenant.
    {
      name: 'statements',
      everyMs: 15 * 60_000,
      lockKey: JOB_LOCK_KEYS.statements,
      run: (now) => runStatementsTick(now),
    },
    // Allocation backtests (lib/allocation/backtest/runner.ts): runs queued ones to the end, one at a time.
    {
      name: 'backtests',
      everyMs: 2_000,
      lockKey: JOB_LOCK_KEYS.allocationBacktests,
      run: (now) => runBacktests(now),
    },
    // Automatic allocation mode: re-plans and applies the sites whose interval is due (per-site settings).
    {
      name: 'allocation',
      everyMs: 60_000,
      lockKey: JOB_LOCK_KEYS.allocation,
      run: (now) => runAllocationTick(now),
    },
    // Market refresh (lib/market/refresh/jobs.ts): network, BTC/USD, electricity per site, GPU rates.
    ...marketJobs(),
    // AI job executors (lib/workloads/executors): the simulator advances jobs, the webhook outbox delivers.
    ...EXECUTORS.map((e, i) => ({
      name: `executor-${e.kind}`,
      everyMs: 2_000,
      lockKey: JOB_LOCK_KEYS.executorsFrom + i,
      run: (now: number) => e.tick(now),
    })),
    // Remote actions (lib/actions): no job lock, every instance claims rows (one action is sent once).
    { name: 'actions', everyMs: 1_000, lockKey: null, run: (now) => runActionsTick(now) },
  ];
  // Over the wire: fake devices on loopback stand in for every polled device; the collector polls them.
  const wire = env.SWITCHYARD_SIMULATOR === 'wire' ? startWireDemo(console.log) : undefined;
  wire?.catch((error: Error) => console.log(`[wire] could not start the fake devices: ${error.message}`));
  if (env.SWITCHYARD_SIMULATOR) {
    const simulator = new LiveSimulator({
      baseUrl: `http://127.0.0.1:${env.PORT}`,
      seed: env.SWITCHYARD_SIM_SEED,
      intervalMs: env.TELEMETRY_INTERVAL_S * 1000,
      log: console.log,
      pushOnly: env.SWITCHYARD_SIMULATOR === 'wire',
    });
    jobs.push({
      name: 'simulator',
      everyMs: 2_000,
      lockKey: JOB_LOCK_KEYS.simulator,
      run: (now) => simulator.tick(now),
    });
  }
  if (collectorEnabled(env)) {
    const collector = new Collector({
      intervalMs: env.COLLECTOR_INTERVAL_S * 1000,
      concurrency: env.COLLECTOR_CONCURRENCY,
      timeoutMs: env.COLLECTOR_TIMEOUT_MS,
      sharded: env.db.provider === 'postgresql',
      log: console.log,
    });
    runningCollector.set(collector);
    // No job lock: on PostgreSQL the instances share the sites through leases (collectors/scheduler/leases.ts).
    jobs.push({
      name: 'collector',
      everyMs: 1_000,
      lockKey: null,
      run: async (now) => {
        // Not before the wire demo has pointed the endpoints at its fakes.
        if (wire) await wire;
        return collector.tick(now);
      },
    });
  }
  running.set(startJobs(jobs));
  startLoopWatch();
  console.log(`[jobs] started: ${jobs.map((j) => j.name).join(', ')}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, stopBeforeExit);
}

const STOP_GRACE_MS = 5_000;

/**
 * On SIGINT/SIGTERM, hand back what this instance holds (collector site leases, its instance row)
 * so a peer on the same PostgreSQL takes the sites over at once instead of after the leases expire.
 * Next's own handler drains the open requests meanwhile and then calls process.exit, which would
 * cut the release short: the exit waits for it (at most STOP_GRACE_MS).
 */
function stopBeforeExit() {
  const stopping = Promise.race([
    stopBackgroundWork().catch((error: Error) => console.log(`[jobs] stop failed: ${error.message}`)),
    new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref()),
  ]);
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => {
    void stopping.finally(() => exit(code));
  }) as typeof process.exit;
}

/**
 * Stops the jobs and the collector together: the collector finishes its tick in flight and releases
 * its leases without waiting for slow jobs (Next exits once its requests are drained).
 */
export async function stopBackgroundWork() {
  stopLoopWatch();
  await Promise.all([
    running.get()?.stop(),
    runningCollector
      .get()
      ?.stop()
      .catch((error: Error) => console.log(`[collector] could not release its leases: ${error.message}`)),
  ]);
  running.set(undefined);
  runningCollector.set(undefined);
}
