// POST /api/v1/telemetry – batches of samples from agents (JSON, optionally gzip).
// → { accepted, duplicates, rejected: [{ index, error }] }; 2xx means committed.
import { TokenBuckets } from '@/lib/auth/rate-limit';
import { getEnv } from '@/lib/env';
import { tooManyRequests } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { processGlobal } from '@/lib/process-global';
import { ingestBatch } from '@/lib/telemetry/ingest';

const LIMITS = { maxBytes: 8 * 1024 * 1024, maxInflatedBytes: 32 * 1024 * 1024 };

const ingestBuckets = processGlobal<TokenBuckets>('switchyardIngestBuckets');

function rateLimiter() {
  const perMinute = getEnv().INGEST_RATE_LIMIT_PER_MIN;
  return ingestBuckets.getOrCreate(() => new TokenBuckets(Math.max(10, perMinute / 6), perMinute / 60));
}

export const POST = route(async ({ req, actor }) => {
  const wait = rateLimiter().take(`${actor.kind}:${actor.id}`);
  if (wait > 0) throw tooManyRequests(wait);
  return ingestBatch(actor, await readJson(req, LIMITS));
});
