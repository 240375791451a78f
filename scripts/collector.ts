// A collector without the web server: `npm run collector [-- --id NAME]`. Polls the devices of
// DATABASE_URL's inventory; on PostgreSQL any number of these (and of web instances running the
// collector) share the sites through leases, so polling scales out and survives an instance dying.
import { parseArgs } from 'node:util';
import { Collector } from '../lib/collectors/scheduler/collector';
import { closeRawConnections } from '../lib/db/raw';
import { getEnv } from '../lib/env';
import { startJobs } from '../lib/jobs/scheduler';

const { values } = parseArgs({ options: { id: { type: 'string' } } });
const env = getEnv();
const collector = new Collector({
  instanceId: values.id,
  intervalMs: env.COLLECTOR_INTERVAL_S * 1000,
  concurrency: env.COLLECTOR_CONCURRENCY,
  timeoutMs: env.COLLECTOR_TIMEOUT_MS,
  sharded: env.db.provider === 'postgresql',
  log: console.log,
});
const jobs = startJobs([
  { name: 'collector', everyMs: 1_000, lockKey: null, run: (now) => collector.tick(now) },
]);
console.log(
  `[collector] ${collector.instanceId} polling every ${env.COLLECTOR_INTERVAL_S} s on ${env.db.provider}` +
    (env.db.provider === 'postgresql' ? ' (sites shared with other instances through leases)' : ''),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await jobs.stop();
    // Hand the sites over at once instead of letting the leases expire.
    await collector.stop().catch(() => {});
    await closeRawConnections();
    process.exit(0);
  });
}
