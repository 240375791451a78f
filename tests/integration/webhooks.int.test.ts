// Event webhooks against a real HTTP receiver on loopback: events raised while the receiver is down
// wait in the outbox and arrive, in order and once each, when it is back; every attempt is in the
// delivery log; signatures verify with the endpoint's secret; the retry delay doubles.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as transitionsRoute from '@/app/api/v1/jobs/[id]/transitions/route';
import * as jobsRoute from '@/app/api/v1/jobs/route';
import * as deliveriesRoute from '@/app/api/v1/webhooks/[id]/deliveries/route';
import * as hookRoute from '@/app/api/v1/webhooks/[id]/route';
import * as testRoute from '@/app/api/v1/webhooks/[id]/test/route';
import * as hooksRoute from '@/app/api/v1/webhooks/route';
import { getDb } from '@/lib/db/client';
import { evaluateStatuses } from '@/lib/telemetry/status-job';
import { deliverWebhooks, EVENT_ID_HEADER, EVENT_TYPE_HEADER } from '@/lib/webhooks/deliver';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '@/lib/workloads/signature';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';
import { JOB } from '../helpers/workload-fleet';

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A receiver that answers the scripted statuses in turn (the last repeats). */
function receiver(port: number, statuses: number[] = [200]) {
  const received: Received[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)]!).end();
  });
  return {
    received,
    start: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r())),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(TEST_PROVIDERS)('event webhooks (%s)', (provider) => {
  let db: TestDb;
  let admin: string;
  let operator: string;

  beforeAll(async () => {
    db = await createTestDb(provider);
    admin = await tokenFor('admin');
    operator = await tokenFor('operator');
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('nothing is lost while the receiver is down; order, signature and the delivery log hold', async () => {
    const port = await freePort();
    const created = await call(hooksRoute.POST, {
      method: 'POST',
      token: admin,
      body: {
        name: 'ops',
        url: `http://127.0.0.1:${port}/events`,
        events: ['job.status_changed', 'device.offline'],
      },
    });
    expect(created.status).toBe(201);
    const { id, secret } = created.json as { id: number; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await call(hooksRoute.GET, { token: admin })).json)).not.toContain(secret);

    // Three events while nobody listens: a job created and cancelled, and a device going offline.
    const job = await call(jobsRoute.POST, { method: 'POST', token: operator, body: JOB });
    expect(job.status).toBe(201);
    const cancelled = await call(transitionsRoute.POST, {
      method: 'POST',
      token: operator,
      body: { to: 'cancelled', reason: 'not needed' },
      params: { id: String(job.json.id) },
    });
    expect(cancelled.status).toBe(200);
    const fleet = await createSmallFleet(2, 'Hook Site');
    await getDb().device.updateMany({ where: { siteId: fleet.site.id }, data: { status: 'online' } });
    const t0 = Date.now();
    await evaluateStatuses(t0);

    const down = await deliverWebhooks(t0);
    // The endpoint failed once; its later events wait with it instead of being tried in the same pass.
    expect(down).toEqual({ attempted: 1, delivered: 0, failed: 1 });
    const pending = await getDb().webhookOutbox.findMany({
      where: { endpointId: id },
      orderBy: { id: 'asc' },
    });
    expect(pending.map((p) => p.eventType)).toEqual(['job.status_changed', 'device.offline']);
    expect(pending.every((p) => p.status === 'pending' && Number(p.nextAttemptAt) === t0 + 5_000)).toBe(true);
    expect(await deliverWebhooks(t0 + 4_999)).toEqual({ attempted: 0, delivered: 0, failed: 0 });

    const up = receiver(port);
    await up.start();
    try {
      expect(await deliverWebhooks(t0 + 5_000)).toEqual({ attempted: 2, delivered: 2, failed: 0 });
      expect(await deliverWebhooks(t0 + 60_000)).toEqual({ attempted: 0, delivered: 0, failed: 0 });
    } finally {
      await up.stop();
    }
    expect(up.received).toHaveLength(2);
    const events = up.received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => e.type)).toEqual(['job.status_changed', 'device.offline']);
    expect(events[0].data).toMatchObject({
      jobId: job.json.id,
      from: 'queued',
      to: 'cancelled',
      reason: 'not needed',
    });
    expect(events[1].data.count).toBe(3); // two ASICs and the fixture's GPU node
    expect(events[1].data.devices.map((d: { id: number }) => d.id).sort()).toEqual(
      [...fleet.devices, fleet.gpuNode].map((d) => d.id).sort(),
    );
    for (const r of up.received) {
      const event = JSON.parse(r.body);
      expect(r.headers[EVENT_TYPE_HEADER]).toBe(event.type);
      expect(r.headers[EVENT_ID_HEADER]).toBe(event.id);
      const check = {
        body: r.body,
        timestamp: String(r.headers[TIMESTAMP_HEADER]),
        signature: String(r.headers[SIGNATURE_HEADER]),
        now: Date.now(),
      };
      expect(verifySignature({ ...check, secret })).toEqual({ ok: true });
      expect(verifySignature({ ...check, secret: 'whsec_wrong' }).ok).toBe(false);
      expect(verifySignature({ ...check, secret, body: `${r.body} ` }).ok).toBe(false);
    }

    const log = await call(deliveriesRoute.GET, { token: admin, params: { id: String(id) } });
    expect(log.status).toBe(200);
    expect(log.json.pending).toBe(0);
    // Newest first: two deliveries, then the failed first attempt of the job event.
    expect(
      log.json.data.map((d: { statusCode: number | null; attempt: number; eventType: string }) => [
        d.eventType,
        d.attempt,
        d.statusCode,
      ]),
    ).toEqual([
      ['device.offline', 1, 200],
      ['job.status_changed', 2, 200],
      ['job.status_changed', 1, null],
    ]);
    expect(log.json.data[2].error).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it('a failing receiver is retried with doubling delays; a test event reaches only its endpoint', async () => {
    const port = await freePort();
    const flaky = receiver(port, [500, 503, 200]);
    await flaky.start();
    try {
      const a = (
        await call(hooksRoute.POST, {
          method: 'POST',
          token: admin,
          body: { name: 'flaky', url: `http://127.0.0.1:${port}/a` },
        })
      ).json;
      const b = (
        await call(hooksRoute.POST, {
          method: 'POST',
          token: admin,
          body: { name: 'off', url: `http://127.0.0.1:${port}/b`, enabled: false },
        })
      ).json;
      expect(
        (await call(testRoute.POST, { method: 'POST', token: admin, params: { id: String(a.id) } })).status,
      ).toBe(200);
      const t0 = Date.now();
      await getDb().webhookOutbox.updateMany({
        where: { endpointId: a.id },
        data: { nextAttemptAt: BigInt(t0) },
      });
      expect((await deliverWebhooks(t0)).failed).toBe(1);
      expect((await deliverWebhooks(t0 + 5_000)).failed).toBe(1);
      expect(await deliverWebhooks(t0 + 5_000 + 9_999)).toMatchObject({ attempted: 0 });
      expect((await deliverWebhooks(t0 + 15_000)).delivered).toBe(1);
      expect(flaky.received.map((r) => JSON.parse(r.body).type)).toEqual([
        'webhook.test',
        'webhook.test',
        'webhook.test',
      ]);
      // One event id across the retries: the receiver can deduplicate.
      expect(new Set(flaky.received.map((r) => r.headers[EVENT_ID_HEADER])).size).toBe(1);
      expect(await getDb().webhookOutbox.count({ where: { endpointId: b.id } })).toBe(0);

      // Disabling an endpoint stops new events; deleting it orphans what was queued.
      expect(
        (
          await call(hookRoute.PATCH, {
            method: 'PATCH',
            token: admin,
            params: { id: String(a.id) },
            body: { enabled: false },
          })
        ).json.enabled,
      ).toBe(false);
      expect(
        (await call(hookRoute.DELETE, { method: 'DELETE', token: admin, params: { id: String(b.id) } }))
          .status,
      ).toBe(204);
    } finally {
      await flaky.stop();
    }
  });

  it('only staff admins manage webhooks', async () => {
    const viewer = await tokenFor('viewer', 'hook-viewer');
    expect((await call(hooksRoute.GET, { token: viewer })).status).toBe(403);
    const bad = await call(hooksRoute.POST, {
      method: 'POST',
      token: admin,
      body: { name: 'x', url: 'ftp://example/' },
    });
    expect(bad.status).toBe(400);
  });
});
