// HMAC-SHA256 signatures for executor webhooks, both directions. The signed text is
// `<unix seconds>.<raw body>`, so a captured request cannot be replayed outside the window and the
// timestamp cannot be swapped without breaking the signature.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-switchyard-signature';
export const TIMESTAMP_HEADER = 'x-switchyard-timestamp';
export const REPLAY_WINDOW_S = 300;

export function signBody(secret: string, timestampS: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex')}`;
}

export function signatureHeaders(secret: string, body: string, now: number): Record<string, string> {
  const ts = Math.floor(now / 1000);
  return { [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signBody(secret, ts, body) };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifySignature(args: {
  secret: string;
  body: string;
  timestamp: string | null;
  signature: string | null;
  now: number;
  windowS?: number;
}): SignatureCheck {
  const { secret, body, timestamp, signature, now } = args;
  if (!timestamp || !signature) return { ok: false, reason: 'missing signature or timestamp header' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'timestamp is not unix seconds' };
  const skewS = Math.abs(now / 1000 - Number(timestamp));
  if (skewS > (args.windowS ?? REPLAY_WINDOW_S)) {
    return {
      ok: false,
      reason: `timestamp is ${Math.round(skewS)} s away from now (outside the replay window)`,
    };
  }
  const expected = Buffer.from(signBody(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}
