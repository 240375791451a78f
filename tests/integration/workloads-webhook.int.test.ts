// The webhook executor against a real loopback receiver: signed deliveries from the outbox,
// retries with back-off while the receiver is down or failing, nothing lost, order kept; and
// signed callbacks: bad signature or stale timestamp → 401, duplicates ignored.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as assignments from '@/app/api/v1/assignments/route';
import * as events from '@/app/api/v1/jobs/[id]/events/route';
import * as job from '@/app/api/v1/jobs/[id]/route';
import * as transitions from '@/app/api/v1/jobs/[id]/transitions/route';
import * as jobs from '@/app/api/v1/jobs/route';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { DELIVERY_HEADER, deliverOutbox } from '@/lib/workloads/executors/webhook';
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER, verifySignature } from '@/lib/workloads/signature';
import { call } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';
import { createWorkloadFleet, JOB } from '../helpers/workload-fleet';

const SECRET = 'loopback-test-secret-42';
type Received = { delivery: string; body: string; valid: boolean; type: string; status?: string };

/** A receiver on a fixed loopback port that can be stopped and started, and told to fail. */
function createReceiver(port: number) {
  const received: Received[] = [];
  let failWith: number | null = null;
  let server: http.Server | null = null;
  return {
    received,
    fail: (status: number | null) => {
      failWith = status;
    },
    start: () =>
      new Promise<void>((resolve) => {
        server = http.createServer(async (req, res) => {
          const chunks: Buffer[] = [];
          for await (const c of req) chunks.push(c as Buffer);
          const body = Buffer.concat(chunks).toString('utf8');
          if (failWith) {
            res.writeHead(failWith).end();
            return;
          }
          const check = verifySignature({
            secret: SECRET,
            body,
            timestamp: req.headers[TIMESTAMP_HEADER] as string,
            signature: req.headers[SIGNATURE_HEADER] as string,
            now: Date.now(),
          });
          const parsed = JSON.parse(body);
          received.push({
            delivery: String(req.headers[DELIVERY_HEADER]),
            body,
            valid: check.ok,
            type: parsed.type,
            status: parsed.status,
          });
          res.writeHead(check.ok ? 200 : 401).end();
        });
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}

async function freePort() {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function signed(body: object, tsS = Math.floor(Date.now() / 1000), secret = SECRET) {
  const text = JSON.stringify(body);
  return {
    method: 'POST',
    rawBody: text,
    contentType: 'application/json',
    headers: { [TIMESTAMP_HEADER]: String(tsS), [SIGNATURE_HEADER]: signBody(secret, tsS, text) },
  };
}

describe.each(TEST_PROVIDERS)('webhook executor on %s', (provider) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof createWorkloadFleet>>;
  let receiver: ReturnType<typeof createReceiver>;
  let jobId: number;

  beforeAll(async () => {
    const port = await freePort();
    process.env.SWITCHYARD_EXECUTOR_WEBHOOK_URL = `http://127.0.0.1:${port}/jobs`;
    process.env.SWITCHYARD_EXECUTOR_WEBHOOK_SECRET = SECRET;
    db = await createTestDb(provider);
    f = await createWorkloadFleet();
    receiver = createReceiver(port);
  });
  afterAll(async () => {
    await receiver.stop();
    delete process.env.SWITCHYARD_EXECUTOR_WEBHOOK_URL;
    delete process.env.SWITCHYARD_EXECUTOR_WEBHOOK_SECRET;
    resetEnvCache();
    await db.cleanup();
  });

  it('receiver down, then failing, then up: the dispatch is retried with back-off and arrives signed', async () => {
    const created = await call(jobs.POST, {
      method: 'POST',
      token: f.operator,
      body: { ...JOB, executor: 'webhook' },
    });
    expect(created.status).toBe(201);
    jobId = created.json.id;
    const placed = await call(assignments.POST, {
      method: 'POST',
      token: f.operator,
      body: { deviceIds: [f.gpus[1]!.id], workload: { kind: 'job', jobId } },
    });
    expect(placed.status).toBe(200);

    let now = Date.now();
    const down = await deliverOutbox(now);
    expect(down).toMatchObject({ delivered: 0, failed: 1, pending: 1 });
    // Within the back-off nothing is attempted.
    expect(await deliverOutbox(now + 1_000)).toMatchObject({ delivered: 0, failed: 0, pending: 1 });

    await receiver.start();
    receiver.fail(503);
    now += 5_000;
    expect(await deliverOutbox(now)).toMatchObject({ failed: 1, pending: 1 });
    const log = await getDb().executorDelivery.findMany({ orderBy: { id: 'asc' } });
    expect(log.map((l) => [l.attempt, l.statusCode])).toEqual([
      [1, null],
      [2, 503],
    ]);
    expect(log[0]!.error).toBeTruthy();
    const row = await getDb().executorOutbox.findFirstOrThrow({ where: { jobId } });
    expect(Number(row.nextAttemptAt) - now).toBe(10_000);

    receiver.fail(null);
    now += 10_000;
    expect(await deliverOutbox(now)).toMatchObject({ delivered: 1, pending: 0 });
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.valid).toBe(true);
    expect(got.type).toBe('job.dispatch');
    const spec = JSON.parse(got.body);
    expect(spec.job).toMatchObject({ id: jobId, gpuCount: 8, priceUsdPerGpuHour: 2.5 });
    expect(spec.placement).toEqual([expect.objectContaining({ deviceId: f.gpus[1]!.id, gpus: 8 })]);
    expect(spec.callbackPath).toBe(`/api/v1/jobs/${jobId}/events`);
  });

  it('accepts signed callbacks, ignores duplicates, refuses bad signatures and stale timestamps', async () => {
    const params = { id: String(jobId) };
    const running = await call(events.POST, { ...signed({ eventId: 'ev-1', status: 'running' }), params });
    expect(running.status).toBe(200);
    expect(running.json).toMatchObject({ duplicate: false, applied: true, status: 'running' });

    const again = await call(events.POST, { ...signed({ eventId: 'ev-1', status: 'running' }), params });
    expect(again.json).toMatchObject({ duplicate: true, applied: false });
    const bad = await call(events.POST, {
      ...signed({ eventId: 'ev-2', status: 'done' }, undefined, 'wrong-secret-0000000'),
      params,
    });
    expect(bad.status).toBe(401);
    const stale = await call(events.POST, {
      ...signed({ eventId: 'ev-3', status: 'done' }, Math.floor(Date.now() / 1000) - 600),
      params,
    });
    expect(stale.status).toBe(401);
    expect(stale.json.error.message).toMatch(/replay window/);
    const tampered = signed({ eventId: 'ev-4', status: 'done' });
    tampered.rawBody = tampered.rawBody.replace('done', 'failed');
    expect((await call(events.POST, { ...tampered, params })).status).toBe(401);

    const view = await call(job.GET, { token: f.viewer, params });
    expect(view.json.status).toBe('running');
    expect(view.json.transitions.filter((t: { to: string }) => t.to === 'running')).toHaveLength(1);
    expect(await getDb().jobEvent.count({ where: { jobId } })).toBe(1);
    // The executor's own report is not echoed back to it.
    expect(await getDb().executorOutbox.count({ where: { jobId } })).toBe(1);
  });

  it('status changes made while the receiver is down all arrive later, in order', async () => {
    const params = { id: String(jobId) };
    await receiver.stop();
    const res = await call(transitions.POST, {
      method: 'POST',
      token: f.operator,
      body: { to: 'preempted' },
      params,
    });
    expect(res.status).toBe(200);
    expect(
      (await call(transitions.POST, { method: 'POST', token: f.operator, body: { to: 'queued' }, params }))
        .status,
    ).toBe(200);
    let now = Date.now();
    expect(await deliverOutbox(now)).toMatchObject({ delivered: 0, failed: 1, pending: 2 });
    await receiver.start();
    now += 5_000;
    expect(await deliverOutbox(now)).toMatchObject({ delivered: 1, pending: 1 });
    expect(await deliverOutbox(now)).toMatchObject({ delivered: 1, pending: 0 });
    expect(receiver.received.slice(1).map((r) => [r.type, r.status, r.valid])).toEqual([
      ['job.status', 'preempted', true],
      ['job.status', 'queued', true],
    ]);
    const deliveries = receiver.received.map((r) => Number(r.delivery));
    expect([...deliveries].sort((a, b) => a - b)).toEqual(deliveries);
  });

  it('a done callback finishes the job and frees its server', async () => {
    const params = { id: String(jobId) };
    await call(assignments.POST, {
      method: 'POST',
      token: f.operator,
      body: { deviceIds: [f.gpus[2]!.id], workload: { kind: 'job', jobId } },
    });
    const done = await call(events.POST, {
      ...signed({ eventId: 'ev-done', status: 'done', message: 'finished' }),
      params,
    });
    expect(done.json).toMatchObject({ applied: true, status: 'done' });
    const view = await call(job.GET, { token: f.viewer, params });
    expect(view.json).toMatchObject({ status: 'done', progressPct: 100, placement: [] });
    expect(view.json.transitions.map((t: { to: string }) => t.to)).toEqual([
      'scheduled',
      'running',
      'preempted',
      'queued',
      'scheduled',
      'running',
      'done',
    ]);
    expect(view.json.gpuHours).toBeGreaterThan(0);
    const late = await call(events.POST, { ...signed({ eventId: 'ev-late', status: 'failed' }), params });
    expect(late.json).toMatchObject({ applied: false, status: 'done' });
  });
});
