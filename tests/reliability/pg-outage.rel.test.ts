// PostgreSQL goes away while the production server takes ingest (DESIGN.md §9): agents get 503
// with Retry-After (which they retry), never a 500 or a dropped connection; the process stays up
// and answers /api/health; ingest recovers by itself once PostgreSQL is back, and every
// acknowledged sample is stored. Runs on a throwaway cluster it can stop: skipped, with a
// message, only when the PostgreSQL server binaries are not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BenchFleet,
  createBenchFleet,
  createBenchToken,
  openBenchDb,
} from '../../bench/harness/bench-db';
import { request } from '../../bench/harness/load';
import { type PgCluster, pgBinDir, startPgCluster } from '../../bench/harness/pg-cluster';
import { createSampleFactory } from '../../bench/harness/samples';
import { applyMigrations, schemaLocation } from '../../lib/db/schema-engine';
import { buildIfStale } from '../../scripts/build-if-stale';
import { type RunningServer, startServer } from '../helpers/server';
import { sleep, startAgents, waitFor } from './agents';

const BATCH = 100;
const binaries = pgBinDir();
if (!binaries)
  console.warn('[pg-outage] skipped: PostgreSQL server binaries not found (apt-get install postgresql)');

describe.skipIf(!binaries)('PostgreSQL unavailable during ingest', () => {
  let cluster: PgCluster;
  let server: RunningServer;
  let fleet: BenchFleet;
  let token: string;

  beforeAll(async () => {
    buildIfStale(process.cwd());
    const started = await startPgCluster('rel-outage');
    if (!started) throw new Error('PostgreSQL cluster did not start');
    cluster = started;
    await applyMigrations(schemaLocation('postgresql'), cluster.url);
    const db = openBenchDb(cluster.url);
    fleet = await createBenchFleet(db, 200, 2);
    token = await createBenchToken(db, 'operator', 'outage-agent');
    await db.close();
    // Jobs on: their failing runs during the outage must not take the process down either.
    server = await startServer({
      databaseUrl: cluster.url,
      env: { INGEST_RATE_LIMIT_PER_MIN: '100000000', SWITCHYARD_JOBS: 'on' },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await cluster?.destroy();
  });

  it.each<['fast' | 'immediate', string]>([
    ['fast', 'clean shutdown (pg_ctl stop -m fast)'],
    ['immediate', 'crash-like stop (pg_ctl stop -m immediate)'],
  ])('answers 503 + Retry-After during a %s stop and recovers: %s', async (mode) => {
    const factory = createSampleFactory({
      devices: fleet.devices,
      batchSize: BATCH,
      startTs: Date.now() - (mode === 'fast' ? 30 : 20) * 60_000,
      intervalMs: 1000,
    });
    const agents = startAgents({ factory, token, agents: 2, maxBatches: 5000, backoffMs: 100 });
    agents.setTarget(server.url);
    await waitFor(() => agents.acks.length >= 5, 30_000, 'acknowledgements before the outage');

    await cluster.pause(mode);
    const failuresBefore = Object.values(agents.failures).reduce((a, b) => a + b, 0);
    await waitFor(
      () => Object.values(agents.failures).reduce((a, b) => a + b, 0) >= failuresBefore + 10,
      30_000,
      'refused batches during the outage',
    );
    const health = await request(`${server.url}/api/health`, { timeoutMs: 10_000 });
    expect(health.status, health.text).toBe(503);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'degraded', db: 'postgresql' });
    await sleep(1000);
    expect(server.alive(), server.output()).toBe(true);

    await cluster.resume();
    const ackedAtResume = agents.acks.length;
    await waitFor(() => agents.acks.length >= ackedAtResume + 5, 60_000, 'ingest to recover');
    await agents.drain();
    expect((await request(`${server.url}/api/health`)).status).toBe(200);

    // Every refusal was a 503 the agent may retry, with Retry-After and the error envelope.
    // Every refusal was a 503 the agent may retry, with Retry-After and the error envelope; on
    // failure, show the server's log of the errors it did not classify.
    const unexpected = server
      .output()
      .split('\n[')
      .filter((entry) => entry.includes('unexpected error'))
      .slice(0, 3)
      .join('\n[');
    expect(Object.keys(agents.failures), `${JSON.stringify(agents.failures)}\n${unexpected}`).toEqual([
      'http_503',
    ]);
    for (const refused of agents.samples) {
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'unavailable' } });
    }
    const db = openBenchDb(cluster.url);
    try {
      const keys = agents.acks.flatMap((a) => factory.keys(a.batch));
      const stored = await db.query<{ device_id: number; ts: string }>(
        'SELECT device_id, ts FROM telemetry_sample WHERE ts >= ? AND ts <= ?',
        [Math.min(...keys.map((k) => k.ts)), Math.max(...keys.map((k) => k.ts))],
      );
      const storedKeys = new Set(stored.map((r) => `${r.device_id}@${r.ts}`));
      expect(keys.filter((k) => !storedKeys.has(`${k.deviceId}@${k.ts}`))).toEqual([]);
      expect(stored.length).toBe(keys.length);
    } finally {
      await db.close();
    }
  });
});
