import { execute, queryOne, sql, withRawTransaction } from '../db/raw';
import { afterFailure, type Backoff, backoffWaitMs, type LoginLimits } from './login-backoff';

/**
 * Fixed-window counter in the database, so every web instance shares it (login throttling).
 * Returns the seconds to wait when the limit is exceeded, else 0.
 */
export async function hitRateLimit(
  key: string,
  limit: number,
  windowMs: number,
  now = Date.now(),
): Promise<number> {
  const windowStart = now - (now % windowMs);
  return withRawTransaction(async (client) => {
    const row = await queryOne<{ count: number }>(
      sql`INSERT INTO rate_limit (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
          ON CONFLICT (key) DO UPDATE SET
            count = CASE WHEN rate_limit.window_start = ${windowStart} THEN rate_limit.count + 1 ELSE 1 END,
            window_start = ${windowStart}
          RETURNING count`,
      client,
    );
    const count = row?.count ?? 1;
    return count > limit ? Math.ceil((windowStart + windowMs - now) / 1000) : 0;
  });
}

/** Failures counted in the current fixed window of `key`, without counting this call. */
export async function rateLimitCount(key: string, windowMs: number, now = Date.now()): Promise<number> {
  const row = await queryOne<{ window_start: number | bigint; count: number }>(
    sql`SELECT window_start, count FROM rate_limit WHERE key = ${key}`,
  );
  if (!row || Number(row.window_start) !== now - (now % windowMs)) return 0;
  return Number(row.count);
}

/**
 * Reserves one attempt under a back-off (stored as count = failures, window_start = not-before).
 * Returns the milliseconds to wait if refused (nothing changes), else 0 with the attempt counted.
 * Compare-and-set, so concurrent attempts on any instance or database cannot share one slot.
 */
export async function reserveBackoff(key: string, now = Date.now(), limits?: LoginLimits): Promise<number> {
  for (let tries = 0; tries < 8; tries++) {
    const row = await queryOne<{ window_start: number | bigint; count: number }>(
      sql`SELECT window_start, count FROM rate_limit WHERE key = ${key}`,
    );
    const state: Backoff | null = row
      ? { failures: Number(row.count), notBeforeMs: Number(row.window_start) }
      : null;
    const wait = backoffWaitMs(state, now);
    if (wait > 0) return wait;
    const next = afterFailure(state, now, limits);
    const changed = state
      ? await execute(
          sql`UPDATE rate_limit SET count = ${next.failures}, window_start = ${next.notBeforeMs}
              WHERE key = ${key} AND count = ${state.failures} AND window_start = ${state.notBeforeMs}`,
        )
      : await execute(
          sql`INSERT INTO rate_limit (key, window_start, count) VALUES (${key}, ${next.notBeforeMs}, ${next.failures})
              ON CONFLICT (key) DO NOTHING`,
        );
    if (changed === 1) return 0;
  }
  // Lost the race eight times in a row: someone is hammering this key; refuse this one.
  return 1_000;
}

export async function clearRateLimit(key: string): Promise<void> {
  await execute(sql`DELETE FROM rate_limit WHERE key = ${key}`);
}

/**
 * In-memory token bucket per key for the hot ingest path (a DB write per request would cost
 * more than the check is worth). Per instance: N web instances allow N × the rate.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerS: number,
  ) {}

  /** Takes one token; returns 0 when allowed, else seconds until a token is available. */
  take(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updatedMs: now };
    bucket.tokens = Math.min(
      this.capacity,
      bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.refillPerS,
    );
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.buckets.clear();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.refillPerS;
  }
}
