import { describe, expect, it } from 'vitest';
import {
  decodeTotpKey,
  encodeTotpKey,
  generateRecoveryCode,
  generateTotpKey,
  hashRecoveryCode,
  matchTotpStep,
  normalizeRecoveryCode,
  normalizeTotpCode,
  totpCodeAt,
  totpStep,
  totpUri,
} from './totp';

// RFC 6238 appendix B: SHA-1 key "12345678901234567890", 8 digits, 30 s steps.
const RFC_KEY = new TextEncoder().encode('12345678901234567890');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('RFC 6238 test vectors (SHA-1)', () => {
  it.each(RFC_VECTORS)('T = %i s gives %s', (unixS, expected) => {
    expect(totpCodeAt(RFC_KEY, totpStep(unixS * 1000), 8)).toBe(expected);
  });
  it('six-digit codes are the last six digits of the vector', () => {
    expect(totpCodeAt(RFC_KEY, totpStep(59_000))).toBe('287082');
  });
});

describe('matchTotpStep', () => {
  const now = 1_111_111_111_000;
  const step = totpStep(now);
  const code = (s: number) => totpCodeAt(RFC_KEY, s);
  const cases: { name: string; input: string; lastStep: number | null; want: number | null }[] = [
    { name: 'current step', input: code(step), lastStep: null, want: step },
    { name: 'previous step (drift)', input: code(step - 1), lastStep: null, want: step - 1 },
    { name: 'next step (drift)', input: code(step + 1), lastStep: null, want: step + 1 },
    { name: 'two steps old', input: code(step - 2), lastStep: null, want: null },
    { name: 'two steps ahead', input: code(step + 2), lastStep: null, want: null },
    { name: 'same code again (replay)', input: code(step), lastStep: step, want: null },
    { name: 'older code after a newer one', input: code(step - 1), lastStep: step, want: null },
    { name: 'next code after this one', input: code(step + 1), lastStep: step, want: step + 1 },
    {
      name: 'spaces between groups',
      input: `${code(step).slice(0, 3)} ${code(step).slice(3)}`,
      lastStep: null,
      want: step,
    },
    {
      name: 'wrong digits',
      input: code(step) === '000000' ? '111111' : '000000',
      lastStep: null,
      want: null,
    },
    { name: 'five digits', input: code(step).slice(1), lastStep: null, want: null },
    { name: 'letters', input: 'abcdef', lastStep: null, want: null },
    { name: 'empty', input: '', lastStep: null, want: null },
  ];
  it.each(cases)('$name', ({ input, lastStep, want }) => {
    expect(matchTotpStep(RFC_KEY, input, now, lastStep)).toBe(want);
  });
});

describe('keys and URIs', () => {
  it('round-trips the base32 key people type into an app', () => {
    const key = generateTotpKey();
    expect(key).toHaveLength(20);
    const text = encodeTotpKey(key);
    expect(text).toMatch(/^[A-Z2-7]{32}$/);
    expect(decodeTotpKey(text.toLowerCase())).toEqual(key);
  });
  it('builds an otpauth URI with issuer, account and secret', () => {
    const text = totpUri('Switchyard', 'me@example.com', RFC_KEY);
    expect(text.startsWith('otpauth://totp/Switchyard:me%40example.com?')).toBe(true);
    const uri = new URL(text);
    expect(uri.searchParams.get('issuer')).toBe('Switchyard');
    expect(uri.searchParams.get('secret')).toBe(encodeTotpKey(RFC_KEY));
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
  it('normalizes typed codes', () => {
    expect(normalizeTotpCode(' 123 456 ')).toBe('123456');
    expect(normalizeTotpCode('123-456')).toBe('123456');
    expect(normalizeTotpCode('1234567')).toBeNull();
  });
});

describe('recovery codes', () => {
  it('are four groups of four from the unambiguous alphabet, all different', () => {
    const codes = Array.from({ length: 200 }, generateRecoveryCode);
    for (const c of codes) expect(c).toMatch(/^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){3}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });
  it.each([
    ['abcd-efgh-ijkm-npqr', 'abcdefghijkmnpqr'],
    ['ABCD EFGH IJKM NPQR', 'abcdefghijkmnpqr'],
    ['abcd-efgh-ijkm-npq', null],
    ['abcd-efgh-ijkm-npq0', null],
    ['', null],
  ])('normalize(%j) = %j', (input, want) => {
    expect(normalizeRecoveryCode(input)).toBe(want);
  });
  it('hash the normalized form, so the typed form does not matter', () => {
    const a = normalizeRecoveryCode('abcd-efgh-ijkm-npqr') as string;
    const b = normalizeRecoveryCode('ABCDEFGHIJKMNPQR') as string;
    expect(hashRecoveryCode(a)).toBe(hashRecoveryCode(b));
    expect(hashRecoveryCode(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
