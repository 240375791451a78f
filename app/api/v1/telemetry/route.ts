// POST /api/v1/telemetry – batches of samples from agents (JSON, optionally gzip).
// → { accepted, duplicates, rejected: [{ index, error }] }; 2xx means committed.
import { gunzipSync } from 'node:zlib';
import { TokenBuckets } from '@/lib/auth/rate-limit';
import { getEnv } from '@/lib/env';
import { AppError, badRequest, payloadTooLarge, tooManyRequests, unsupportedMediaType } from '@/lib/errors';
import { readBytes, route } from '@/lib/http/route';
import { processGlobal } from '@/lib/process-global';
import { ingestBatch } from '@/lib/telemetry/ingest';

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

const ingestBuckets = processGlobal<TokenBuckets>('switchyardIngestBuckets');

function rateLimiter() {
  const perMinute = getEnv().INGEST_RATE_LIMIT_PER_MIN;
  return ingestBuckets.getOrCreate(() => new TokenBuckets(Math.max(10, perMinute / 6), perMinute / 60));
}

function decodeBody(bytes: Uint8Array, encoding: string | null): string {
  if (!encoding || encoding === 'identity') return new TextDecoder().decode(bytes);
  if (encoding !== 'gzip') throw unsupportedMediaType('Content-Encoding must be gzip or identity');
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw payloadTooLarge('Decompressed body too large');
    throw badRequest('Body is not valid gzip');
  }
}

export const POST = route(async ({ req, actor }) => {
  const wait = rateLimiter().take(`${actor.kind}:${actor.id}`);
  if (wait > 0) throw tooManyRequests(wait);
  if (!/^application\/json\b/i.test(req.headers.get('content-type') ?? '')) {
    throw unsupportedMediaType('Send Content-Type: application/json');
  }
  const text = decodeBody(await readBytes(req, MAX_BODY_BYTES), req.headers.get('content-encoding'));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', 'Body is not valid JSON');
  }
  return ingestBatch(actor, body);
});
