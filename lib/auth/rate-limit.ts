import { queryOne, sql, withRawTransaction } from '../db/raw';

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
