// Monthly tenant statements on real SQLite/PostgreSQL. Fixture: site in Europe/Stockholm, fixed
// 40 $/MWh, PUE 1; tenant T1's miner draws 1,000 W for 10 hours in February 2024 (local) → 10 kWh,
// $0.40. One hour at 1,000 W on 2024-02-29T23:00Z is already March 1st in Stockholm and must not count.
// The first pass after March 1st 00:00 local stores February once (also when two passes race) and
// queues one notification per enabled target; delivery sends the PDF by e-mail and a webhook.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as statementRoute from '@/app/api/v1/statements/[id]/route';
import * as statementsRoute from '@/app/api/v1/statements/route';
import { deliverNotifications } from '@/lib/alerts/notify/deliver';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { execute, sql } from '@/lib/db/raw';
import { resetEnvCache } from '@/lib/env';
import {
  generateStatement,
  listStatements,
  monthRange,
  previousMonth,
  runStatementsTick,
  statementZone,
} from '@/lib/reports/statements';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const H = 3_600_000;
// 2024-03-01 00:30 in Stockholm (UTC+1).
const AFTER_MONTH_END = Date.parse('2024-02-29T23:30:00Z');

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('statement months', () => {
  it('cuts months in the zone and names the last ended one', () => {
    expect(monthRange('2024-03', 'Europe/Stockholm')).toEqual({
      fromMs: Date.parse('2024-02-29T23:00:00Z'),
      toMs: Date.parse('2024-03-31T22:00:00Z'),
    });
    expect(monthRange('2024-12', 'UTC').toMs).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(previousMonth(AFTER_MONTH_END, 'Europe/Stockholm')).toBe('2024-02');
    expect(previousMonth(AFTER_MONTH_END, 'UTC')).toBe('2024-01');
    expect(previousMonth(Date.parse('2024-01-01T00:00:00Z'), 'UTC')).toBe('2023-12');
  });
});

describe.each(TEST_PROVIDERS)('monthly statements on %s', (provider) => {
  let db: TestDb;
  let t1: number;
  let t2: number;
  let hookPort: number;
  let smtpPort: number;
  const bodies: Record<string, unknown>[] = [];
  const mails: { to: string; subject: string; attachments: { filename?: string; content: Buffer }[] }[] = [];
  let hook: http.Server;
  let smtp: SMTPServer;

  beforeAll(async () => {
    db = await createTestDb(provider);
    hookPort = await freePort();
    smtpPort = await freePort();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    process.env.SMTP_FROM = 'statements@switchyard.test';
    resetEnvCache();
    hook = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((r) => hook.listen(hookPort, '127.0.0.1', () => r()));
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, _session, done) {
        simpleParser(stream)
          .then((m) => {
            const to = Array.isArray(m.to) ? m.to[0]?.text : m.to?.text;
            mails.push({ to: to ?? '', subject: m.subject ?? '', attachments: m.attachments });
            done();
          })
          .catch(done);
      },
    });
    await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', () => r()));

    const prisma = getDb();
    const fleet = await createSmallFleet(2, 'Sthlm statements');
    await prisma.site.update({
      where: { id: fleet.site.id },
      data: { timezone: 'Europe/Stockholm', pue: 1 },
    });
    const created = new Date('2023-06-01T00:00:00Z');
    t1 = (await prisma.tenant.create({ data: { name: 'Statement T1', createdAt: created } })).id;
    t2 = (await prisma.tenant.create({ data: { name: 'Statement T2', createdAt: created } })).id;
    const [d1, d2] = fleet.devices as unknown as [{ id: number }, { id: number }];
    await prisma.device.update({ where: { id: d1.id }, data: { tenantId: t1 } });
    await prisma.device.update({ where: { id: d2.id }, data: { tenantId: t2 } });
    const base = Date.parse('2024-02-10T00:00:00Z');
    for (let i = 0; i < 10; i++)
      await execute(
        sql`INSERT INTO telemetry_rollup_1h (device_id, bucket, samples, power_w_x10, hashrate_ths)
          VALUES (${d1.id}, ${base + i * H}, 12, ${10_000}, ${200})`,
      );
    await execute(
      sql`INSERT INTO telemetry_rollup_1h (device_id, bucket, samples, power_w_x10, hashrate_ths)
        VALUES (${d1.id}, ${Date.parse('2024-02-29T23:00:00Z')}, 12, ${10_000}, ${200})`,
    );
    const now = BigInt(Date.now());
    await prisma.notificationTarget.createMany({
      data: [
        { name: 'chat', kind: 'webhook', address: `http://127.0.0.1:${hookPort}/hook`, createdAt: now },
        { name: 'billing', kind: 'email', address: 'billing@switchyard.test', createdAt: now },
        { name: 'off', kind: 'webhook', address: 'http://127.0.0.1:9/off', enabled: false, createdAt: now },
      ],
    });
  });
  afterAll(async () => {
    await new Promise<void>((r) => hook.close(() => r()));
    await new Promise<void>((r) => smtp.close(() => r()));
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
    resetEnvCache();
    await db.cleanup();
  });

  it('takes the tenant’s own zone, else its one site’s', async () => {
    expect(await statementZone(t1)).toBe('Europe/Stockholm');
    await getDb().tenant.update({ where: { id: t2 }, data: { timezone: 'UTC' } });
    expect(await statementZone(t2)).toBe('UTC');
  });

  it('stores the ended month once per tenant, also when passes race, and queues one message per target', async () => {
    // Two instances' passes at the same time, then a restart's pass.
    const [a, b] = await Promise.all([
      runStatementsTick(AFTER_MONTH_END, () => {}),
      generateStatement(t1, '2024-02', AFTER_MONTH_END),
    ]);
    const again = await runStatementsTick(AFTER_MONTH_END + 10 * 60_000, () => {});
    expect(a.failed).toBe(0);
    expect(again.generated).toBe(0);
    const rows = await getDb().tenantStatement.findMany({ orderBy: { tenantId: 'asc' } });
    // T1 February in Stockholm; T2 (zone UTC) January, as February has not ended in UTC yet.
    expect(rows.map((r) => [r.tenantId, r.period, r.timezone])).toEqual([
      [t1, '2024-02', 'Europe/Stockholm'],
      [t2, '2024-01', 'UTC'],
    ]);
    expect(b.statement.period).toBe('2024-02');
    const t1Row = rows[0]!;
    const totals = JSON.parse(t1Row.totals) as Record<string, number>;
    expect(totals.energyKwh).toBeCloseTo(10, 9);
    expect(totals.energyCostUsd).toBeCloseTo(0.4, 9);
    const outbox = await getDb().notificationOutbox.findMany({ where: { event: 'statement' } });
    // Two enabled targets × two statements; the disabled target gets none.
    expect(outbox).toHaveLength(4);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'statement-'));
    const file = path.join(dir, 's.pdf');
    writeFileSync(file, Buffer.from(t1Row.pdf));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Statement 2024-02');
    expect(text).toContain('Statement T1');
    expect(text).toMatch(/energyKwh: 10\b/);
  });

  it('refuses a month that has not ended', async () => {
    await expect(generateStatement(t1, '2024-03', AFTER_MONTH_END)).rejects.toThrow(/not ended/);
  });

  it('delivers the statement by e-mail with the PDF attached and to the webhook', async () => {
    await deliverNotifications(Date.now());
    const pending = await getDb().notificationOutbox.count({
      where: { event: 'statement', status: 'pending' },
    });
    expect(pending).toBe(0);
    const feb = bodies.find((b) => (b.switchyard as { period?: string })?.period === '2024-02');
    expect(feb?.text).toContain('Statement 2024-02 for Statement T1: 10 kWh, energy cost $0.4');
    const mail = mails.find((m) => m.subject.includes('2024-02'));
    expect(mail?.to).toBe('billing@switchyard.test');
    expect(mail?.attachments[0]?.filename).toMatch(/^statement-tenant\d+-2024-02\.pdf$/);
    expect(mail?.attachments[0]?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('lists and downloads a tenant’s own statements only', async () => {
    const client: Actor = { kind: 'token', id: 1, name: 'client', role: 'viewer', tenantId: t1 };
    const own = await listStatements(client);
    expect(own.map((s) => s.tenantId)).toEqual([t1]);
    await expect(listStatements(client, t2)).rejects.toThrow(/not found/);
    const staff = await tokenFor('viewer', 'statements-staff');
    const listed = await call(statementsRoute.GET, { token: staff, path: '/api/v1/statements' });
    expect(listed.status).toBe(200);
    expect(listed.json.data).toHaveLength(2);
    const id = String(own[0]!.id);
    const req = new Request(`http://localhost/api/v1/statements/${id}`, {
      headers: { authorization: `Bearer ${staff}` },
    });
    const res = await statementRoute.GET(req, { params: Promise.resolve({ id }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/statement-tenant\d+-2024-02\.pdf/);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });
});
