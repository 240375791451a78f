// Pure scheduling rules of the collector: when a device is polled next, how a dead device backs
// off, and what a poll's outcome changes in its stored state. No clock reads: `now` comes in.

/** A dead device is retried less and less often, but at least this often. */
export const MAX_BACKOFF_MS = 10 * 60_000;
/** A claimed poll that never reports back (its instance died) is retried after the timeout plus this. */
export const CLAIM_MARGIN_MS = 5_000;

export type PollStateFields = {
  nextPollAt: number;
  lastPollAt: number | null;
  lastOkAt: number | null;
  lastError: string | null;
  lastErrorKind: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
};

export type Outcome = { ok: true } | { ok: false; kind: string; message: string };

/** A stable fraction in [0, 1) per device: spreads back-off retries of a site's dead devices. */
export function deviceJitter(deviceId: number): number {
  return (((deviceId * 2_654_435_761) >>> 0) % 10_000) / 10_000;
}

/**
 * Delay before the next attempt after `failures` consecutive failures: one interval for the
 * first, then doubling, capped at MAX_BACKOFF_MS (or the interval, if that is longer), with up to
 * 10 % per-device jitter so a site's dead devices do not retry in lockstep.
 */
export function backoffMs(intervalMs: number, failures: number, jitter: number): number {
  const cap = Math.max(intervalMs, MAX_BACKOFF_MS);
  const base = Math.min(cap, intervalMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(base * (1 + 0.1 * jitter));
}

/**
 * When a healthy device is due next: one interval after it was due, so the cadence does not drift
 * by each poll's duration — unless the poll ran so late (a busy cycle, a site taken over from a
 * dead instance) that this would poll it again within half an interval; then one interval from now.
 */
export function nextSlot(dueAt: number, now: number, intervalMs: number): number {
  const onCadence = dueAt + intervalMs;
  return onCadence - now >= intervalMs / 2 ? onCadence : now + intervalMs;
}

/** The stored state after one poll that was due at `dueAt` and ended at `now`. */
export function applyOutcome(
  prev: PollStateFields,
  outcome: Outcome,
  ctx: { dueAt: number; now: number; intervalMs: number; jitter: number },
): PollStateFields {
  if (outcome.ok) {
    return {
      ...prev,
      lastPollAt: ctx.now,
      lastOkAt: ctx.now,
      consecutiveFailures: 0,
      nextPollAt: nextSlot(ctx.dueAt, ctx.now, ctx.intervalMs),
    };
  }
  const failures = prev.consecutiveFailures + 1;
  return {
    ...prev,
    lastPollAt: ctx.now,
    lastError: outcome.message.slice(0, 500),
    lastErrorKind: outcome.kind,
    lastErrorAt: ctx.now,
    consecutiveFailures: failures,
    nextPollAt: ctx.now + backoffMs(ctx.intervalMs, failures, ctx.jitter),
  };
}
