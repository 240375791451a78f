// Two operators assign the same GPUs at the same moment, over real HTTP: exactly one wins, the
// other gets 409, and the history holds one open assignment per device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as assignments from '@/app/api/v1/assignments/route';
import * as jobs from '@/app/api/v1/jobs/route';
import { getDb } from '@/lib/db/client';
import { refreshGpuRates } from '@/lib/market/refresh/refresh-feeds';
import { startRouteServer } from '../helpers/route-server';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';
import { createWorkloadFleet, JOB } from '../helpers/workload-fleet';

const ROUNDS = 6;

describe.each(TEST_PROVIDERS)('concurrent assignments on %s', (provider) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof createWorkloadFleet>>;
  let server: Awaited<ReturnType<typeof startRouteServer>>;

  beforeAll(async () => {
    db = await createTestDb(provider);
    f = await createWorkloadFleet();
    await refreshGpuRates(Date.now());
    server = await startRouteServer({
      '/api/v1/assignments': { POST: assignments.POST },
      '/api/v1/jobs': { POST: jobs.POST },
    });
  });
  afterAll(async () => {
    await server.close();
    await db.cleanup();
  });

  async function send(path: string, body: unknown) {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.operator}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  }

  async function queueJob(name: string) {
    const res = await send('/api/v1/jobs', { ...JOB, name, expectedHours: 1000 });
    expect(res.status).toBe(201);
    return res.json.id as number;
  }

  async function freeServer(deviceId: number) {
    // Back to idle between rounds: cancel whatever job holds it, through the history tables.
    await getDb().deviceWorkload.deleteMany({ where: { deviceId } });
    await getDb().assignment.updateMany({
      where: { deviceId, toTs: null },
      data: { toTs: BigInt(Date.now()) },
    });
  }

  it('two jobs racing for one GPU server: exactly one wins, the other is 409', async () => {
    const deviceId = f.gpus[1]!.id;
    for (let round = 0; round < ROUNDS; round++) {
      await freeServer(deviceId);
      const [a, b] = [await queueJob(`A${round}`), await queueJob(`B${round}`)];
      const results = await Promise.all([
        send('/api/v1/assignments', { deviceIds: [deviceId], workload: { kind: 'job', jobId: a } }),
        send('/api/v1/assignments', { deviceIds: [deviceId], workload: { kind: 'job', jobId: b } }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses, JSON.stringify(results.map((r) => r.json))).toEqual([200, 409]);
      const open = await getDb().assignment.findMany({ where: { deviceId, toTs: null } });
      expect(open).toHaveLength(1);
      const winner = results.find((r) => r.status === 200)!.json.results[0];
      expect(open[0]!.jobId).toBe(winner.ok ? (results[0]!.status === 200 ? a : b) : -1);
      const scheduled = await getDb().aiJob.count({ where: { id: { in: [a, b] }, status: 'scheduled' } });
      expect(scheduled).toBe(1);
    }
  });

  it('one job placed twice at once on different servers: exactly one placement', async () => {
    const [x, y] = [f.gpus[1]!.id, f.gpus[2]!.id];
    for (let round = 0; round < ROUNDS; round++) {
      await freeServer(x);
      await freeServer(y);
      const jobId = await queueJob(`C${round}`);
      const results = await Promise.all([
        send('/api/v1/assignments', { deviceIds: [x], workload: { kind: 'job', jobId } }),
        send('/api/v1/assignments', { deviceIds: [y], workload: { kind: 'job', jobId } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await getDb().assignment.count({ where: { jobId, toTs: null } })).toBe(1);
      expect(await getDb().jobTransition.count({ where: { jobId } })).toBe(1);
    }
  });

  it('renting the same server twice at once: one write, the other 409', async () => {
    const deviceId = f.gpus[2]!.id;
    for (let round = 0; round < ROUNDS; round++) {
      await freeServer(deviceId);
      const results = await Promise.all([
        send('/api/v1/assignments', { deviceIds: [deviceId], workload: { kind: 'rent' }, reason: 'first' }),
        send('/api/v1/assignments', { deviceIds: [deviceId], workload: { kind: 'rent' }, reason: 'second' }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      // The loser either raced the version (409) or saw the winner's rent already in place (200, unchanged).
      const open = await getDb().assignment.findMany({ where: { deviceId, toTs: null } });
      expect(open).toHaveLength(1);
      if (statuses[1] === 200) expect(results.some((r) => r.json.unchanged === 1)).toBe(true);
      else expect(statuses).toEqual([200, 409]);
    }
  });
});
