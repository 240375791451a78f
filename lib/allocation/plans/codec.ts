import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Plan snapshots are large JSON (a device list with labels): stored gzip-compressed as base64 with a
 * `gz:` prefix (about a tenth of the size); plain JSON is read too.
 */
export function encodeJson(value: unknown): string {
  return `gz:${gzipSync(JSON.stringify(value)).toString('base64')}`;
}

export function decodeJson<T>(text: string): T {
  if (text.startsWith('gz:'))
    return JSON.parse(gunzipSync(Buffer.from(text.slice(3), 'base64')).toString('utf8')) as T;
  return JSON.parse(text) as T;
}
