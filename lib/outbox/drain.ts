// The one delivery loop behind every database outbox (alert notifications, event webhooks, the
// webhook job executor). Each store says how to read its due rows, send one, log the attempt and
// settle the row; the loop does the rest the same way everywhere: one attempt per due row, oldest
// first, timed and logged, a failure scheduled for retry with back-off (never dropped), a row whose
// destination is gone parked as orphaned, and — for ordered stores — a failure holding back the
// rest of its group in this pass so a receiver sees a group's messages in order.
import { retryDelayMs } from './backoff';
import { DeliveryError } from './post';

export type OutboxRow = { id: number; attempts: number };

export type AttemptResult = {
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
};

export type OutboxStore<R extends OutboxRow> = {
  /** Due rows, oldest first, at most `limit`. */
  due(now: number, limit: number): Promise<R[]>;
  /** Sends one row; resolves with the HTTP status (null for non-HTTP transports) or throws. */
  send(row: R): Promise<number | null>;
  /** Appends the attempt to the delivery log. */
  logAttempt(row: R, result: AttemptResult, now: number): Promise<void>;
  /** Settles the row: delivered, retry at `retryAt`, or orphaned (destination gone). */
  settle(row: R, outcome: Outcome, now: number): Promise<void>;
  /** Rows of one group are delivered in order: after a failure the group waits for its retry. */
  group?(row: R): number | string;
  /** True when the row's destination no longer exists (it can never succeed). */
  orphaned?(row: R): boolean;
};

export type Outcome =
  | { kind: 'delivered'; attempt: number }
  | { kind: 'retry'; attempt: number; error: string; retryAt: number }
  | { kind: 'orphaned'; attempt: number; error: string };

export type DrainSummary = { attempted: number; delivered: number; failed: number };

const BATCH = 50;

export async function drainOutbox<R extends OutboxRow>(
  store: OutboxStore<R>,
  now: number,
  limit = BATCH,
): Promise<DrainSummary> {
  const summary: DrainSummary = { attempted: 0, delivered: 0, failed: 0 };
  const held = new Set<number | string>();
  for (const row of await store.due(now, limit)) {
    const group = store.group?.(row);
    if (group !== undefined && held.has(group)) continue;
    const attempt = Number(row.attempts) + 1;
    const started = Date.now();
    const gone = store.orphaned?.(row) ?? false;
    let statusCode: number | null = null;
    let error: string | null = null;
    summary.attempted++;
    try {
      if (gone) throw new DeliveryError('destination deleted');
      statusCode = await store.send(row);
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      statusCode = e instanceof DeliveryError ? e.statusCode : null;
    }
    await store.logAttempt(row, { attempt, statusCode, error, durationMs: Date.now() - started }, now);
    if (error === null) {
      summary.delivered++;
      await store.settle(row, { kind: 'delivered', attempt }, now);
      continue;
    }
    summary.failed++;
    if (group !== undefined) held.add(group);
    await store.settle(
      row,
      gone
        ? { kind: 'orphaned', attempt, error }
        : { kind: 'retry', attempt, error, retryAt: now + retryDelayMs(attempt) },
      now,
    );
  }
  return summary;
}
