import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as assignments from '@/app/api/v1/assignments/route';
import * as deviceAssignments from '@/app/api/v1/devices/[id]/assignments/route';
import * as deviceEconomics from '@/app/api/v1/economics/devices/[id]/route';
import * as jobEvents from '@/app/api/v1/jobs/[id]/events/route';
import * as job from '@/app/api/v1/jobs/[id]/route';
import * as transitions from '@/app/api/v1/jobs/[id]/transitions/route';
import * as jobs from '@/app/api/v1/jobs/route';
import * as pool from '@/app/api/v1/pools/[id]/route';
import * as mismatches from '@/app/api/v1/pools/mismatches/route';
import * as pools from '@/app/api/v1/pools/route';
import * as rental from '@/app/api/v1/rental-settings/route';
import { getDb } from '@/lib/db/client';
import { refreshGpuRates } from '@/lib/market/refresh/refresh-feeds';
import { simulatedExecutor } from '@/lib/workloads/executors/simulated';
import { call } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';
import { createWorkloadFleet, JOB, POOL } from '../helpers/workload-fleet';

type Fleet = Awaited<ReturnType<typeof createWorkloadFleet>>;
const post = (token: string, body: unknown, params?: Record<string, string>) => ({
  method: 'POST',
  token,
  body,
  params,
});

describe.each(TEST_PROVIDERS)('workloads API on %s', (provider) => {
  let db: TestDb;
  let f: Fleet;

  beforeAll(async () => {
    db = await createTestDb(provider);
    f = await createWorkloadFleet();
    await refreshGpuRates(Date.now());
  });
  afterAll(async () => {
    await db.cleanup();
  });

  describe('authorization', () => {
    const routes = [
      ['GET /pools', pools.GET, 'GET', undefined],
      ['POST /pools', pools.POST, 'POST', POOL],
      ['GET /pools/{id}', pool.GET, 'GET', undefined],
      ['PATCH /pools/{id}', pool.PATCH, 'PATCH', { feePct: 1 }],
      ['DELETE /pools/{id}', pool.DELETE, 'DELETE', undefined],
      ['GET /pools/mismatches', mismatches.GET, 'GET', undefined],
      ['GET /jobs', jobs.GET, 'GET', undefined],
      ['POST /jobs', jobs.POST, 'POST', JOB],
      ['GET /jobs/{id}', job.GET, 'GET', undefined],
      ['PATCH /jobs/{id}', job.PATCH, 'PATCH', { priority: 1 }],
      ['POST /jobs/{id}/transitions', transitions.POST, 'POST', { to: 'cancelled' }],
      ['GET /assignments', assignments.GET, 'GET', undefined],
      ['POST /assignments', assignments.POST, 'POST', { deviceIds: [1], workload: { kind: 'idle' } }],
      ['GET /devices/{id}/assignments', deviceAssignments.GET, 'GET', undefined],
      ['GET /rental-settings', rental.GET, 'GET', undefined],
      ['PUT /rental-settings', rental.PUT, 'PUT', { utilisationPct: 50 }],
    ] as const;

    it.each(routes)('%s without credentials → 401', async (_, handler, method, body) => {
      const res = await call(handler as never, { method, body, params: { id: '1' } });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthorized');
    });

    it.each(routes.filter((r) => r[2] !== 'GET'))(
      '%s as a viewer → 403',
      async (_, handler, method, body) => {
        const res = await call(handler as never, { method, body, token: f.viewer, params: { id: '1' } });
        expect(res.status).toBe(403);
      },
    );

    it('POST /jobs/{id}/events without a signature → 401', async () => {
      const res = await call(jobEvents.POST, {
        method: 'POST',
        rawBody: '{}',
        contentType: 'application/json',
        params: { id: '1' },
      });
      expect(res.status).toBe(401);
    });
  });

  describe('pools', () => {
    it('creates a pool with URLs normalised and refuses a bad URL by name', async () => {
      const bad = await call(
        pools.POST,
        post(f.operator, { ...POOL, urls: ['stratum+tcp://ok.example:3333', 'stratum+tcp://nope.example'] }),
      );
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toContain('stratum+tcp://nope.example');
      expect(bad.json.error.message).toContain('missing port');
      expect(bad.json.error.details).toEqual([
        { path: 'urls.1', message: expect.stringContaining('nope.example') },
      ]);

      const scheme = await call(pools.POST, post(f.operator, { ...POOL, urls: ['http://pool.example:80'] }));
      expect(scheme.status).toBe(400);
      expect(scheme.json.error.message).toContain('http://pool.example:80');

      const template = await call(pools.POST, post(f.operator, { ...POOL, workerTemplate: 'acme.{room}' }));
      expect(template.status).toBe(400);
      expect(template.json.error.message).toContain('{room}');

      const ok = await call(
        pools.POST,
        post(f.operator, { ...POOL, urls: ['STRATUM+TCP://BTC.Pool.Example:3333'] }),
      );
      expect(ok.status).toBe(201);
      expect(ok.json).toMatchObject({
        name: POOL.name,
        urls: ['stratum+tcp://btc.pool.example:3333'],
        feePct: 1.5,
        payoutScheme: 'fpps',
        tenantId: null,
      });

      const scheme2 = await call(pools.POST, post(f.operator, { ...POOL, name: 'X', payoutScheme: 'pps' }));
      expect(scheme2.status).toBe(400);
    });

    it('keeps tenants apart: a hosting client sees and changes only its own pools', async () => {
      const own = await call(pools.POST, post(f.t1.token, { ...POOL, name: 'T1 pool' }));
      expect(own.status).toBe(201);
      expect(own.json.tenantId).toBe(f.t1.tenantId);
      const forOther = await call(
        pools.POST,
        post(f.t1.token, { ...POOL, name: 'T1 for T2', tenantId: f.t2.tenantId }),
      );
      expect(forOther.status).toBe(403);

      const t2List = await call(pools.GET, { token: f.t2.token });
      expect(t2List.json.data.map((p: { name: string }) => p.name)).toEqual([]);
      const params = { id: String(own.json.id) };
      expect((await call(pool.GET, { token: f.t2.token, params })).status).toBe(404);
      expect(
        (await call(pool.PATCH, { method: 'PATCH', token: f.t2.token, body: { feePct: 9 }, params })).status,
      ).toBe(404);
      expect((await call(pool.DELETE, { method: 'DELETE', token: f.t2.token, params })).status).toBe(404);
      const staff = await call(pools.GET, { token: f.viewer });
      expect(staff.json.data.map((p: { name: string }) => p.name)).toEqual(['Main pool', 'T1 pool']);
    });

    it('assigns a pool to a rack: per-device results, worker names, refusals with reasons, coverage', async () => {
      const list = await call(pools.GET, { token: f.operator });
      const main = list.json.data.find((p: { name: string }) => p.name === POOL.name);
      const res = await call(
        assignments.POST,
        post(f.operator, {
          rackId: f.rack.id,
          workload: { kind: 'pool', poolId: main.id, powerTargetW: 3000 },
        }),
      );
      expect(res.status).toBe(200);
      expect(res.json.assigned).toBe(4);
      const byName = Object.fromEntries(res.json.results.map((r: { name: string }) => [r.name, r]));
      expect(byName['S21-0']).toMatchObject({ ok: true, workerName: 'acme.firm-site-r1-1x1' });
      expect(byName['S21-4']).toMatchObject({ ok: false, reason: 'device is offline' });
      expect(byName['S21-5']).toMatchObject({ ok: false, reason: 'device is in maintenance' });

      const again = await call(
        assignments.POST,
        post(f.operator, {
          rackId: f.rack.id,
          workload: { kind: 'pool', poolId: main.id, powerTargetW: 3000 },
        }),
      );
      expect(again.json).toMatchObject({ assigned: 0, unchanged: 4 });

      const view = await call(pool.GET, { token: f.viewer, params: { id: String(main.id) } });
      expect(view.json).toMatchObject({
        deviceCount: 4,
        coverage: [{ scope: 'rack', scopeId: f.rack.id, name: expect.stringContaining(' / ') }],
        sites: [{ siteId: f.rack.siteId, devices: 4 }],
      });
      const onSite = await call(assignments.GET, {
        token: f.viewer,
        path: `/api/v1/assignments?siteId=${f.rack.siteId}&current=true&kind=pool`,
      });
      expect(onSite.json.data).toHaveLength(4);
      expect(
        (await call(pool.DELETE, { method: 'DELETE', token: f.operator, params: { id: String(main.id) } }))
          .status,
      ).toBe(409);

      const device = await getDb().device.findUniqueOrThrow({ where: { id: f.asics[0]!.id } });
      expect(device.powerTargetW).toBe(3000);
    });

    it('lists devices reporting a pool other than their own', async () => {
      await getDb().deviceLatest.createMany({
        data: [
          {
            deviceId: f.asics[0]!.id,
            ts: BigInt(Date.now()),
            poolUrl: 'stratum+tcp://btc.pool.example:3333',
          },
          {
            deviceId: f.asics[2]!.id,
            ts: BigInt(Date.now()),
            poolUrl: 'stratum+tcp://elsewhere.example:3333',
          },
        ],
      });
      const res = await call(mismatches.GET, { token: f.viewer });
      expect(res.json.data).toEqual([
        expect.objectContaining({
          deviceId: f.asics[2]!.id,
          reportedPoolUrl: 'stratum+tcp://elsewhere.example:3333',
          expectedPoolName: POOL.name,
        }),
      ]);
      const device = await call(deviceAssignments.GET, {
        token: f.viewer,
        params: { id: String(f.asics[2]!.id) },
      });
      expect(device.json).toMatchObject({
        poolMismatch: true,
        expectedPool: { name: POOL.name, via: 'device', workerName: 'acme.firm-site-r1-1x3' },
      });
      const tenantView = await call(mismatches.GET, { token: f.t1.token });
      expect(tenantView.json.data).toEqual([]);
    });
  });

  describe('jobs and GPU assignments', () => {
    let jobId: number;

    it('queues a job with defaults and validation', async () => {
      const bad = await call(jobs.POST, post(f.operator, { ...JOB, gpuCount: 0, checkpointIntervalMin: 30 }));
      expect(bad.status).toBe(400);
      const paths = bad.json.error.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['gpuCount', 'checkpointIntervalMin']));
      const res = await call(jobs.POST, post(f.operator, { ...JOB, deadline: '2030-01-01T00:00:00Z' }));
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({
        status: 'queued',
        needsFirmPower: true,
        gpuHours: 0,
        revenueUsd: 0,
        transitions: [],
        deadline: '2030-01-01T00:00:00.000Z',
        fit: { ok: true },
      });
      jobId = res.json.id;
    });

    it('refuses an illegal transition with 409 naming the allowed ones', async () => {
      const res = await call(transitions.POST, post(f.operator, { to: 'running' }, { id: String(jobId) }));
      expect(res.status).toBe(409);
      expect(res.json.error.details.allowed).toEqual(['cancelled']);
      expect(res.json.error.message).toContain('cancelled');
      const scheduled = await call(
        transitions.POST,
        post(f.operator, { to: 'scheduled' }, { id: String(jobId) }),
      );
      expect(scheduled.status).toBe(409);
    });

    it('refuses placements that do not fit, with the reason per device, and keeps the job queued', async () => {
      const asic = await call(
        assignments.POST,
        post(f.operator, { deviceIds: [f.asics[2]!.id], workload: { kind: 'job', jobId } }),
      );
      expect(asic.status).toBe(409);
      expect(asic.json.error.details.results[0].reason).toMatch(/not a GPU server/);
      const spot = await call(
        assignments.POST,
        post(f.operator, { deviceIds: [f.spotGpu.id], workload: { kind: 'job', jobId } }),
      );
      expect(spot.status).toBe(409);
      expect(spot.json.error.details.results[0].reason).toMatch(/firm power/);
      const two = await call(
        assignments.POST,
        post(f.operator, { deviceIds: [f.gpus[1]!.id, f.gpus[2]!.id], workload: { kind: 'job', jobId } }),
      );
      expect(two.status).toBe(409);
      expect(two.json.error.message).toMatch(/multi-node/);
      const after = await call(job.GET, { token: f.viewer, params: { id: String(jobId) } });
      expect(after.json.status).toBe('queued');
      expect(after.json.statusReason).toMatch(/multi-node/);
    });

    it('a job that fits nowhere shows why', async () => {
      const big = await call(jobs.POST, post(f.operator, { ...JOB, name: 'Too big', gpuCount: 64 }));
      expect(big.json.fit).toEqual({ ok: false, reason: expect.stringMatching(/needs 64/) });
    });

    it('places a job on a site: the best-fitting server, the rest not needed; the job runs and accrues', async () => {
      const res = await call(
        assignments.POST,
        post(f.operator, { siteId: f.firm.id, workload: { kind: 'job', jobId } }),
      );
      expect(res.status).toBe(200);
      expect(res.json.assigned).toBe(1);
      const placed = res.json.results.filter((r: { ok: boolean }) => r.ok);
      expect(placed).toEqual([expect.objectContaining({ gpus: 8 })]);
      const serverId = placed[0].deviceId;
      expect(res.json.results.find((r: { deviceId: number }) => r.deviceId === f.asics[2]!.id).reason).toBe(
        'not needed for this job',
      );

      const scheduled = await call(job.GET, { token: f.viewer, params: { id: String(jobId) } });
      expect(scheduled.json).toMatchObject({
        status: 'scheduled',
        placement: [{ deviceId: serverId, gpus: 8, to: null }],
      });
      expect(scheduled.json.transitions).toEqual([
        expect.objectContaining({ from: 'queued', to: 'scheduled', actor: 'token:test-operator' }),
      ]);

      const busy = await call(
        assignments.POST,
        post(f.operator, { deviceIds: [serverId], workload: { kind: 'rent' } }),
      );
      expect(busy.json.results[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/runs job/) });

      // Back-date the schedule so the simulated executor (real-time pace) has run the job for an hour.
      const hourAgo = BigInt(Date.now() - 3_600_000);
      await getDb().jobTransition.updateMany({ where: { jobId }, data: { ts: hourAgo } });
      await getDb().assignment.updateMany({ where: { jobId }, data: { fromTs: hourAgo } });
      const started = Date.now();
      await simulatedExecutor.tick(started);
      const running = await call(job.GET, { token: f.viewer, params: { id: String(jobId) } });
      expect(running.json.status).toBe('running');
      expect(running.json.transitions.at(-1)).toMatchObject({ to: 'running', actor: 'executor:simulated' });

      const device = await call(deviceAssignments.GET, { token: f.viewer, params: { id: String(serverId) } });
      expect(device.json.current).toMatchObject({
        kind: 'job',
        jobId,
        jobName: JOB.name,
        gpus: 8,
        source: 'manual',
      });
      // Accrual comes from the history: 8 GPUs × the hours since "running".
      await simulatedExecutor.tick(started + 2 * 3_600_000);
      const done = await call(job.GET, { token: f.viewer, params: { id: String(jobId) } });
      expect(['running', 'done', 'failed']).toContain(done.json.status);
      if (done.json.status === 'running') {
        expect(done.json.gpuHours).toBeGreaterThan(0);
        expect(done.json.revenueUsd).toBeCloseTo(done.json.gpuHours * 2.5, 6);
      }
    });

    it('cancelling a running job frees its server (idle, source rule) and GPU-hours stop there', async () => {
      const current = await call(job.GET, { token: f.viewer, params: { id: String(jobId) } });
      if (current.json.status === 'running') {
        const res = await call(
          transitions.POST,
          post(f.operator, { to: 'cancelled', reason: 'customer asked' }, { id: String(jobId) }),
        );
        expect(res.status).toBe(200);
        expect(res.json.status).toBe('cancelled');
      }
      const finished = await call(job.GET, { token: f.viewer, params: { id: String(jobId) } });
      expect(finished.json.placement).toEqual([]);
      const serverId = finished.json.history[0].deviceId;
      const history = await call(deviceAssignments.GET, {
        token: f.viewer,
        params: { id: String(serverId) },
      });
      expect(history.json.data.map((a: { kind: string }) => a.kind)).toEqual(['idle', 'job']);
      expect(history.json.data[0]).toMatchObject({ source: 'rule', to: null });
      expect(history.json.data[1].to).not.toBeNull();
      const later = await call(job.GET, { token: f.viewer, params: { id: String(jobId) } });
      expect(later.json.gpuHours).toBeCloseTo(finished.json.gpuHours, 9);
      expect(finished.json.gpuHours).toBeGreaterThan(0);
      const again = await call(transitions.POST, post(f.operator, { to: 'queued' }, { id: String(jobId) }));
      expect(again.status).toBe(409);
      expect(again.json.error.message).toMatch(/allowed: none/);
    });

    it('rents a GPU server at the rate table with the utilisation assumption', async () => {
      const put = await call(rental.PUT, { method: 'PUT', token: f.operator, body: { utilisationPct: 50 } });
      expect(put.status).toBe(200);
      expect(put.json.default.utilisationPct).toBe(50);
      expect(
        (await call(rental.PUT, { method: 'PUT', token: f.t1.token, body: { utilisationPct: 99 } })).status,
      ).toBe(403);
      const res = await call(
        assignments.POST,
        post(f.operator, { deviceIds: [f.gpus[2]!.id, f.asics[3]!.id], workload: { kind: 'rent' } }),
      );
      const result = (id: number) => res.json.results.find((r: { deviceId: number }) => r.deviceId === id);
      expect(result(f.gpus[2]!.id)).toMatchObject({ ok: true, gpus: 8 });
      expect(result(f.asics[3]!.id)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/only GPU servers/),
      });
      const history = await call(deviceAssignments.GET, {
        token: f.viewer,
        params: { id: String(f.gpus[2]!.id) },
      });
      expect(history.json.current).toMatchObject({ kind: 'rent', gpus: 8, utilisationPct: 50 });
      expect(history.json.current.rateUsdPerGpuHour).toBeGreaterThan(0);

      // Money follows the work: the rented server earns rate × GPUs × utilisation, an idle one nothing.
      const rate = history.json.current.rateUsdPerGpuHour;
      const rented = await call(deviceEconomics.GET, {
        token: f.viewer,
        params: { id: String(f.gpus[2]!.id) },
      });
      expect(rented.json.economics).toMatchObject({ workload: 'rent' });
      expect(rented.json.economics.revenueUsdPerDay).toBeCloseTo(rate * 8 * 0.5 * 24, 6);
      await call(
        assignments.POST,
        post(f.operator, { deviceIds: [f.asics[3]!.id], workload: { kind: 'curtail' } }),
      );
      await getDb().deviceLatest.create({
        data: { deviceId: f.asics[3]!.id, ts: BigInt(Date.now()), hashrateThs: 190, powerW: 3400 },
      });
      const curtailed = await call(deviceEconomics.GET, {
        token: f.viewer,
        params: { id: String(f.asics[3]!.id) },
      });
      expect(curtailed.json.economics).toMatchObject({ workload: 'curtail', revenueUsdPerDay: 0 });
    });

    it('maintenance is allowed on an offline device and sets its status; idle returns it to service', async () => {
      const id = f.asics[4]!.id;
      const m = await call(
        assignments.POST,
        post(f.operator, { deviceIds: [id], workload: { kind: 'maintenance' } }),
      );
      expect(m.json.results[0]).toMatchObject({ ok: true });
      expect((await getDb().device.findUniqueOrThrow({ where: { id } })).status).toBe('maintenance');
      const curtail = await call(
        assignments.POST,
        post(f.operator, { deviceIds: [id], workload: { kind: 'curtail' } }),
      );
      expect(curtail.json.results[0]).toMatchObject({ ok: false, reason: 'device is in maintenance' });
      const idle = await call(
        assignments.POST,
        post(f.operator, { deviceIds: [id], workload: { kind: 'idle' } }),
      );
      expect(idle.json.results[0].ok).toBe(true);
      expect((await getDb().device.findUniqueOrThrow({ where: { id } })).status).toBe('offline');
    });

    it('needs exactly one of deviceIds, rackId and siteId', async () => {
      for (const body of [
        { workload: { kind: 'idle' } },
        { deviceIds: [1], rackId: f.rack.id, workload: { kind: 'idle' } },
        { rackId: f.rack.id, siteId: f.firm.id, workload: { kind: 'idle' } },
      ]) {
        const res = await call(assignments.POST, post(f.operator, body));
        expect(res.status).toBe(400);
      }
    });

    it('GET /assignments filters the history, newest first, in the caller scope', async () => {
      const all = await call(assignments.GET, { token: f.viewer, path: '/api/v1/assignments' });
      const froms = all.json.data.map((a: { from: string; id: number }) => a.from);
      expect([...froms].sort().reverse()).toEqual(froms);
      const rents = await call(assignments.GET, {
        token: f.viewer,
        path: '/api/v1/assignments?kind=rent&current=true',
      });
      expect(rents.json.data).toEqual([expect.objectContaining({ kind: 'rent', deviceId: f.gpus[2]!.id })]);
      const tenant = await call(assignments.GET, { token: f.t2.token, path: '/api/v1/assignments' });
      expect(new Set(tenant.json.data.map((a: { deviceId: number }) => a.deviceId))).toEqual(
        new Set([f.asics[1]!.id]),
      );
    });
  });

  describe('tenant confinement of jobs and devices', () => {
    it('a hosting client cannot see, change, move or place on what is not theirs', async () => {
      const staffJob = await call(jobs.POST, post(f.operator, { ...JOB, name: 'Staff job' }));
      const params = { id: String(staffJob.json.id) };
      expect((await call(job.GET, { token: f.t1.token, params })).status).toBe(404);
      expect(
        (await call(job.PATCH, { method: 'PATCH', token: f.t1.token, body: { priority: 5 }, params })).status,
      ).toBe(404);
      expect((await call(transitions.POST, post(f.t1.token, { to: 'cancelled' }, params))).status).toBe(404);
      const list = await call(jobs.GET, { token: f.t1.token });
      expect(list.json.data).toEqual([]);

      const own = await call(jobs.POST, post(f.t1.token, { ...JOB, name: 'T1 job' }));
      expect(own.status).toBe(201);
      expect(own.json.tenantId).toBe(f.t1.tenantId);
      expect((await call(jobs.GET, { token: f.t2.token })).json.data).toEqual([]);

      // Another tenant's device or the operator's devices: unknown to T1.
      const foreign = await call(
        assignments.POST,
        post(f.t1.token, { deviceIds: [f.asics[1]!.id], workload: { kind: 'curtail' } }),
      );
      expect(foreign.json.results[0]).toMatchObject({ ok: false, reason: 'device not found' });
      expect(
        (await call(deviceAssignments.GET, { token: f.t1.token, params: { id: String(f.asics[1]!.id) } }))
          .status,
      ).toBe(404);
      const foreignJob = await call(
        assignments.POST,
        post(f.t1.token, { deviceIds: [f.gpus[0]!.id], workload: { kind: 'job', jobId: staffJob.json.id } }),
      );
      expect(foreignJob.status).toBe(404);
      // Its own job on its own server works; a site scope covers only its own devices.
      const placed = await call(
        assignments.POST,
        post(f.t1.token, { siteId: f.firm.id, workload: { kind: 'job', jobId: own.json.id } }),
      );
      expect(placed.status).toBe(200);
      expect(
        placed.json.results.filter((r: { ok: boolean }) => r.ok).map((r: { deviceId: number }) => r.deviceId),
      ).toEqual([f.gpus[0]!.id]);
      expect(placed.json.results.map((r: { deviceId: number }) => r.deviceId).sort()).toEqual(
        [f.asics[0]!.id, f.gpus[0]!.id].sort(),
      );
    });
  });
});
