import type { z } from 'zod';
import { AppError, badRequest, payloadTooLarge, unsupportedMediaType } from '../errors';

export type BodyLimits = {
  /** Bytes on the wire (compressed, when the body is gzip). */
  maxBytes: number;
  /** Bytes after inflating a gzip body; a bomb is cut off here, before it is held in memory. */
  maxInflatedBytes?: number;
};

const JSON_TYPE = /^application\/(.+\+)?json\b/i;
const CSV_TYPE = /^text\/(csv|plain)\b/i;

/** Every reader refuses an unparsable JSON body with this one code. */
export const invalidJson = () => new AppError(400, 'invalid_json', 'Body is not valid JSON');

/** Stops a stream once it has passed `maxBytes`, so the excess is never buffered. */
function limitStream(maxBytes: number, what: string) {
  let total = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > maxBytes) controller.error(payloadTooLarge(`${what} larger than ${maxBytes} bytes`));
      else controller.enqueue(chunk);
    },
  });
}

/**
 * Reads a stream to its end, failing once it has passed `maxBytes` (the excess is never
 * buffered). Reads directly, without a pipe: a plain JSON body is the ingest hot path.
 */
async function collect(stream: ReadableStream<Uint8Array>, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw payloadTooLarge(`${what} larger than ${maxBytes} bytes`);
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  }
  return Buffer.concat(chunks, total);
}

/**
 * The body's bytes, inflated when `Content-Encoding: gzip`. Inflating is streamed through zlib's
 * asynchronous stream (work in the libuv pool, the event loop free between chunks) and aborted as
 * soon as the inflated size passes the limit: a bomb costs at most `maxInflatedBytes`, never a
 * synchronous inflate of the whole thing.
 */
export async function readBody(req: Request, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > limits.maxBytes) throw payloadTooLarge(`Body larger than ${limits.maxBytes} bytes`);
  const encoding = req.headers.get('content-encoding')?.trim().toLowerCase() || 'identity';
  if (encoding !== 'identity' && encoding !== 'gzip')
    throw unsupportedMediaType('Content-Encoding must be gzip or identity');
  if (!req.body) return Buffer.alloc(0);
  if (encoding === 'identity') return collect(req.body, limits.maxBytes, 'Body');
  const maxInflated = limits.maxInflatedBytes ?? limits.maxBytes;
  try {
    return await collect(
      req.body
        .pipeThrough(limitStream(limits.maxBytes, 'Body'))
        .pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>),
      maxInflated,
      'Decompressed body',
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw badRequest('Body is not valid gzip');
  }
}

/** The body as UTF-8 text (invalid sequences become U+FFFD, a leading BOM is dropped). */
export async function readText(req: Request, limits: BodyLimits): Promise<string> {
  const text = (await readBody(req, limits)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A JSON body (`application/json` or `…+json`, gzip allowed), parsed but not validated. */
export async function readJson(req: Request, limits: BodyLimits = { maxBytes: 1_000_000 }): Promise<unknown> {
  if (!JSON_TYPE.test(req.headers.get('content-type') ?? ''))
    throw unsupportedMediaType('Send Content-Type: application/json');
  const text = await readText(req, limits);
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson();
  }
}

/** Reads a JSON body and parses it with a zod schema. */
export async function parseJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  limits: BodyLimits = { maxBytes: 1_000_000 },
): Promise<z.infer<S>> {
  return schema.parse(await readJson(req, limits));
}

/** A CSV upload (`text/csv` or `text/plain`, gzip allowed) as text. */
export async function readCsv(req: Request, limits: BodyLimits): Promise<string> {
  if (!CSV_TYPE.test(req.headers.get('content-type') ?? ''))
    throw unsupportedMediaType('Send the CSV with Content-Type: text/csv');
  return readText(req, limits);
}
