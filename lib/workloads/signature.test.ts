import { describe, expect, it } from 'vitest';
import { signatureHeaders, signBody, TIMESTAMP_HEADER, verifySignature } from './signature';

const secret = 'test-secret-0123456789';
const body = '{"eventId":"e1","status":"running"}';
const now = 1_800_000_000_000;
const ts = String(now / 1000);
const good = signBody(secret, now / 1000, body);

describe('webhook signatures', () => {
  it('produces a hex SHA-256 HMAC over "<ts>.<body>"', () => {
    expect(good).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureHeaders(secret, body, now)[TIMESTAMP_HEADER]).toBe(ts);
  });

  it.each([
    ['valid', { timestamp: ts, signature: good }, true, ''],
    [
      '4 minutes old',
      { timestamp: String(now / 1000 - 240), signature: signBody(secret, now / 1000 - 240, body) },
      true,
      '',
    ],
    [
      'stale (6 minutes)',
      { timestamp: String(now / 1000 - 360), signature: signBody(secret, now / 1000 - 360, body) },
      false,
      /replay window/,
    ],
    [
      'from the future',
      { timestamp: String(now / 1000 + 900), signature: signBody(secret, now / 1000 + 900, body) },
      false,
      /replay window/,
    ],
    [
      'wrong secret',
      { timestamp: ts, signature: signBody('other', now / 1000, body) },
      false,
      /does not match/,
    ],
    ['timestamp swapped', { timestamp: String(now / 1000 - 1), signature: good }, false, /does not match/],
    ['truncated', { timestamp: ts, signature: good.slice(0, 20) }, false, /does not match/],
    ['missing', { timestamp: null, signature: null }, false, /missing/],
    ['not a number', { timestamp: '12abc', signature: good }, false, /unix seconds/],
  ])('%s', (_, headers, ok, reason) => {
    const check = verifySignature({ secret, body, now, ...headers });
    expect(check.ok).toBe(ok);
    if (!check.ok) expect(check.reason).toMatch(reason as RegExp);
  });

  it('a changed body fails', () => {
    expect(verifySignature({ secret, body: `${body} `, timestamp: ts, signature: good, now }).ok).toBe(false);
  });
});
