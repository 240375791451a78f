// Notifications from the outbox to a real loopback HTTP receiver and a real loopback SMTP sink
// (smtp-server + mailparser): with both targets down the tick still commits and the messages
// wait; once they are up the same messages arrive, each once, and every attempt is logged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverNotifications } from '@/lib/alerts/notify/deliver';
import { listTargets } from '@/lib/alerts/notify/targets';
import { createRule } from '@/lib/alerts/rules';
import { RuleCreate } from '@/lib/alerts/schemas';
import { runAlertsTick } from '@/lib/alerts/tick';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

/** Grabs a free loopback port, then releases it so a receiver can start there later. */
async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function webhookReceiver(port: number) {
  const bodies: unknown[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    res.writeHead(200).end('ok');
  });
  return {
    bodies,
    start: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r())),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function smtpSink(port: number) {
  const mails: { to: string; subject: string; text: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((m) => {
          const to = Array.isArray(m.to) ? m.to[0]?.text : m.to?.text;
          mails.push({ to: to ?? '', subject: m.subject ?? '', text: m.text ?? '' });
          done();
        })
        .catch(done);
    },
  });
  return {
    mails,
    start: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r())),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(TEST_PROVIDERS)('alert notifications on %s', (provider) => {
  let db: TestDb;
  let hookPort: number;
  let smtpPort: number;
  let deviceIds: number[];

  beforeAll(async () => {
    db = await createTestDb(provider);
    hookPort = await freePort();
    smtpPort = await freePort();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    process.env.SMTP_FROM = 'alerts@switchyard.test';
    resetEnvCache();
    const fleet = await createSmallFleet(3, 'Notify Site');
    deviceIds = fleet.devices.map((d) => d.id);
    const now = BigInt(Date.now());
    await getDb().notificationTarget.createMany({
      data: [
        {
          name: 'chat',
          kind: 'webhook',
          address: `http://127.0.0.1:${hookPort}/hook`,
          minSeverity: 'warning',
          createdAt: now,
        },
        {
          name: 'on-call',
          kind: 'email',
          address: 'oncall@switchyard.test',
          minSeverity: 'critical',
          createdAt: now,
        },
        {
          name: 'quiet',
          kind: 'webhook',
          address: `http://127.0.0.1:${hookPort}/quiet`,
          minSeverity: 'critical',
          ruleIds: '[999]',
          createdAt: now,
        },
      ],
    });
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
    resetEnvCache();
    await db.cleanup();
  });

  it('a flap inside the cooldown withdraws the pending "resolved": one fired, one resolved', async () => {
    const rule = await createRule(
      SYSTEM_ACTOR,
      RuleCreate.parse({
        name: 'Flappy fans',
        metric: 'fanRpm',
        op: '<',
        threshold: 500,
        forS: 0,
        cooldownS: 600,
        severity: 'warning',
        scope: { deviceIds: [deviceIds[0]] },
      }),
    );
    const id = deviceIds[0] as number;
    let now = Date.now() - 3_600_000;
    // Fan stops, recovers, stops again inside the 10-minute cooldown, recovers.
    for (const fanRpm of [100, 4000, 100, 4000]) {
      now += 30_000;
      const data = { ts: BigInt(now), fanRpm, powerW: 3000 };
      await getDb().deviceLatest.upsert({
        where: { deviceId: id },
        create: { deviceId: id, ...data },
        update: data,
      });
      await runAlertsTick(now);
    }
    const rows = await getDb().notificationOutbox.findMany({ orderBy: { id: 'asc' } });
    const ofRule = rows.filter((r) => (JSON.parse(r.payload) as { ruleId: number }).ruleId === rule.id);
    expect(ofRule.map((r) => `${r.event}:${r.status}`)).toEqual([
      'fired:pending',
      'resolved:withdrawn',
      'resolved:pending',
    ]);
    const last = ofRule[2];
    expect(Number(last?.nextAttemptAt)).toBe(now + 600_000);
    await getDb().notificationOutbox.deleteMany({ where: { id: { in: ofRule.map((r) => r.id) } } });
    await getDb().alertRule.update({ where: { id: rule.id }, data: { enabled: false } });
    await getDb().deviceLatest.delete({ where: { deviceId: id } });
  });

  it('a target that is down delays notifications, never loses them', async () => {
    const rule = await createRule(
      SYSTEM_ACTOR,
      RuleCreate.parse({
        name: 'Too much power',
        metric: 'powerW',
        op: '>',
        threshold: 5000,
        forS: 0,
        severity: 'critical',
      }),
    );
    let now = Date.now();
    for (const id of deviceIds) {
      await getDb().deviceLatest.create({
        data: { deviceId: id, ts: BigInt(now), powerW: 6000, hashrateThs: 200 },
      });
    }
    const fired = await runAlertsTick(now);
    expect(fired.notifications).toBe(2);

    // Both targets down: attempts fail, are logged, and are scheduled again.
    const down = await deliverNotifications(now);
    expect(down).toMatchObject({ attempted: 2, delivered: 0, failed: 2 });
    const pending = await getDb().notificationOutbox.findMany({ where: { status: 'pending' } });
    expect(pending).toHaveLength(2);
    expect(pending.every((p) => Number(p.nextAttemptAt) > now && p.lastError)).toBe(true);
    expect(await deliverNotifications(now + 1000)).toMatchObject({ attempted: 0 });
    // The targets list shows the failure and what waits for the target.
    const chatDown = (await listTargets(SYSTEM_ACTOR)).find((t) => t.name === 'chat');
    expect(chatDown).toMatchObject({ pending: 1, lastAttempt: { error: expect.any(String) } });
    expect((await listTargets(SYSTEM_ACTOR)).find((t) => t.name === 'quiet')).toMatchObject({
      pending: 0,
      lastAttempt: null,
    });

    // Evaluation keeps working while the targets are down: the alert resolves and queues more.
    now += 30_000;
    for (const id of deviceIds) {
      await getDb().deviceLatest.update({ where: { deviceId: id }, data: { ts: BigInt(now), powerW: 3000 } });
    }
    expect((await runAlertsTick(now)).notifications).toBe(2);

    const hook = webhookReceiver(hookPort);
    const smtp = smtpSink(smtpPort);
    await Promise.all([hook.start(), smtp.start()]);
    try {
      const later = now + 20 * 60_000;
      const up = await deliverNotifications(later);
      expect(up).toMatchObject({ attempted: 4, delivered: 4, failed: 0 });
      expect(await deliverNotifications(later + 60_000)).toMatchObject({ attempted: 0 });
      const chatUp = (await listTargets(SYSTEM_ACTOR)).find((t) => t.name === 'chat');
      expect(chatUp).toMatchObject({ pending: 0, lastAttempt: { error: null, statusCode: 200 } });

      expect(hook.bodies).toHaveLength(2);
      const [firedBody, resolvedBody] = hook.bodies as {
        text: string;
        blocks: unknown[];
        switchyard: Record<string, unknown>;
      }[];
      expect(firedBody?.text).toMatch(/^\[FIRING\] \[critical\] Too much power — 3 devices/);
      expect(firedBody?.blocks).toHaveLength(1);
      expect(firedBody?.switchyard).toMatchObject({ event: 'fired', ruleId: rule.id, deviceIds });
      expect(resolvedBody?.switchyard).toMatchObject({ event: 'resolved' });

      expect(smtp.mails.map((m) => m.subject)).toEqual([
        expect.stringMatching(/^\[FIRING\] \[critical\] Too much power/),
        expect.stringMatching(/^\[RESOLVED\]/),
      ]);
      expect(smtp.mails[0]?.to).toBe('oncall@switchyard.test');
      expect(smtp.mails[0]?.text).toContain(`Devices (3): ${deviceIds.join(', ')}`);

      const log = await getDb().notificationDelivery.findMany({ orderBy: { id: 'asc' } });
      expect(log).toHaveLength(6);
      expect(log.filter((l) => l.error === null)).toHaveLength(4);
      expect(log.filter((l) => l.error !== null).every((l) => l.attempt === 1)).toBe(true);
    } finally {
      await Promise.all([hook.stop(), smtp.stop()]);
    }
  });
});
