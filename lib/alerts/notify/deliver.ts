// Delivers due notifications from the outbox: webhook (Slack-compatible JSON) or e-mail over
// SMTP. Every attempt is logged; a failure schedules a retry with back-off and never drops the
// message, so a target that is down only delays it.
import { getDb } from '../../db/client';
import { getEnv } from '../../env';
import { processGlobal } from '../../process-global';
import { type AlertMessage, emailMessage, retryDelayMs, webhookBody } from './message';

const BATCH = 50;
const TIMEOUT_MS = 5_000;

type Sent = { statusCode: number | null };

async function postWebhook(url: string, m: AlertMessage): Promise<Sent> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: webhookBody(m),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: 'error',
  });
  await res.body?.cancel();
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { statusCode: res.status });
  return { statusCode: res.status };
}

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
  return { statusCode: null };
}

export type DeliverySummary = { attempted: number; delivered: number; failed: number };

/** One delivery pass over due messages, oldest first. */
export async function deliverNotifications(now: number): Promise<DeliverySummary> {
  const db = getDb();
  const due = await db.notificationOutbox.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: BigInt(now) } },
    orderBy: { id: 'asc' },
    take: BATCH,
  });
  const summary: DeliverySummary = { attempted: 0, delivered: 0, failed: 0 };
  if (due.length === 0) return summary;
  const targets = new Map(
    (await db.notificationTarget.findMany({ where: { id: { in: due.map((d) => d.targetId) } } })).map((t) => [
      t.id,
      t,
    ]),
  );
  for (const row of due) {
    const target = targets.get(row.targetId);
    const attempt = row.attempts + 1;
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    summary.attempted++;
    try {
      if (!target) throw new Error('target deleted');
      const message = JSON.parse(row.payload) as AlertMessage;
      const sent =
        target.kind === 'email'
          ? await sendEmail(target.address, message)
          : await postWebhook(target.address, message);
      statusCode = sent.statusCode;
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      statusCode = (e as { statusCode?: number }).statusCode ?? null;
    }
    const at = BigInt(now);
    await db.notificationDelivery.create({
      data: {
        outboxId: row.id,
        attempt,
        ts: at,
        target: target ? `${target.kind}:${target.address}`.slice(0, 500) : `target:${row.targetId}`,
        statusCode,
        error,
        durationMs: Date.now() - started,
      },
    });
    if (error === null) summary.delivered++;
    else summary.failed++;
    await db.notificationOutbox.update({
      where: { id: row.id },
      data:
        error === null
          ? { status: 'delivered', attempts: attempt, deliveredAt: at, lastError: null }
          : // A deleted target can never succeed: park the message instead of retrying forever.
            target
            ? { attempts: attempt, lastError: error, nextAttemptAt: BigInt(now + retryDelayMs(attempt)) }
            : { status: 'orphaned', attempts: attempt, lastError: error },
    });
  }
  return summary;
}
