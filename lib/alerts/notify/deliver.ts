// Delivers due notifications from the outbox: webhook (Slack-compatible JSON) or e-mail over
// SMTP, through lib/outbox's loop: every attempt logged, a failure retried with back-off and never
// dropped, so a target that is down only delays the message.
import { getDb } from '../../db/client';
import { getEnv } from '../../env';
import { type DrainSummary, drainOutbox, type OutboxStore } from '../../outbox/drain';
import { OUTBOX_TIMEOUT_MS, postJson } from '../../outbox/post';
import { processGlobal } from '../../process-global';
import type { StatementMessage } from '../../reports/statements';
import {
  type AlertMessage,
  emailMessage,
  statementEmail,
  statementWebhookBody,
  webhookBody,
} from './message';

const TIMEOUT_MS = OUTBOX_TIMEOUT_MS;

type Sent = number | null;

type Transport = { sendMail: (mail: Record<string, unknown>) => Promise<unknown> };
const transports = processGlobal<Map<string, Transport>>('switchyardSmtpTransports');

async function transportFor(url: string): Promise<Transport> {
  const cache = transports.getOrCreate(() => new Map());
  const existing = cache.get(url);
  if (existing) return existing;
  const nodemailer = await import('nodemailer');
  const created = nodemailer.createTransport({
    url,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  } as Parameters<typeof nodemailer.createTransport>[0]) as unknown as Transport;
  cache.set(url, created);
  return created;
}

async function sendEmail(address: string, m: AlertMessage): Promise<Sent> {
  const env = getEnv();
  if (!env.SMTP_URL) throw new Error('SMTP_URL is not set');
  const { subject, text } = emailMessage(m);
  await (await transportFor(env.SMTP_URL)).sendMail({ from: env.SMTP_FROM, to: address, subject, text });
  return null;
}

/** A monthly statement by e-mail, its PDF attached (read from the database at sending time). */
async function sendStatementEmail(address: string, m: StatementMessage): Promise<Sent> {
  const env = getEnv();
  if (!env.SMTP_URL) throw new Error('SMTP_URL is not set');
  const row = await getDb().tenantStatement.findUnique({
    where: { id: m.statementId },
    select: { pdf: true },
  });
  if (!row) throw new Error(`statement ${m.statementId} is gone`);
  const { subject, text } = statementEmail(m);
  await (await transportFor(env.SMTP_URL)).sendMail({
    from: env.SMTP_FROM,
    to: address,
    subject,
    text,
    attachments: [
      {
        filename: `statement-tenant${m.tenantId}-${m.period}.pdf`,
        content: Buffer.from(row.pdf),
        contentType: 'application/pdf',
      },
    ],
  });
  return null;
}

export type DeliverySummary = DrainSummary;

type Row = { id: number; attempts: number; targetId: number; event: string; payload: string };
type Target = { id: number; kind: string; address: string };

/** One delivery pass over due messages, oldest first. */
export async function deliverNotifications(now: number): Promise<DeliverySummary> {
  const db = getDb();
  const targets = new Map<number, Target>();
  const store: OutboxStore<Row> = {
    async due(at, limit) {
      const rows = await db.notificationOutbox.findMany({
        where: { status: 'pending', nextAttemptAt: { lte: BigInt(at) } },
        orderBy: { id: 'asc' },
        take: limit,
      });
      const ids = [...new Set(rows.map((r) => r.targetId))];
      for (const t of await db.notificationTarget.findMany({ where: { id: { in: ids } } }))
        targets.set(t.id, t);
      return rows;
    },
    // A deleted target can never succeed: the message is parked instead of retried forever.
    orphaned: (row) => !targets.has(row.targetId),
    send(row) {
      const target = targets.get(row.targetId) as Target;
      if (row.event === 'statement') {
        const statement = JSON.parse(row.payload) as StatementMessage;
        return target.kind === 'email'
          ? sendStatementEmail(target.address, statement)
          : postJson(target.address, statementWebhookBody(statement));
      }
      const message = JSON.parse(row.payload) as AlertMessage;
      return target.kind === 'email'
        ? sendEmail(target.address, message)
        : postJson(target.address, webhookBody(message));
    },
    async logAttempt(row, r, at) {
      const target = targets.get(row.targetId);
      await db.notificationDelivery.create({
        data: {
          outboxId: row.id,
          attempt: r.attempt,
          ts: BigInt(at),
          target: target ? `${target.kind}:${target.address}`.slice(0, 500) : `target:${row.targetId}`,
          statusCode: r.statusCode,
          error: r.error,
          durationMs: r.durationMs,
        },
      });
    },
    async settle(row, outcome, at) {
      await db.notificationOutbox.update({
        where: { id: row.id },
        data:
          outcome.kind === 'delivered'
            ? { status: 'delivered', attempts: outcome.attempt, deliveredAt: BigInt(at), lastError: null }
            : outcome.kind === 'orphaned'
              ? { status: 'orphaned', attempts: outcome.attempt, lastError: outcome.error }
              : {
                  attempts: outcome.attempt,
                  lastError: outcome.error,
                  nextAttemptAt: BigInt(outcome.retryAt),
                },
      });
    },
  };
  return drainOutbox(store, now);
}
