// TOTP (RFC 6238) and recovery codes, pure: keys, codes and the time come in, values go out.
// @oslojs/otp does the HMAC; matching a code to its time step is ours, because neither library
// refuses a code used twice (../shared/reference/libraries.md): the caller stores the step a
// code matched and passes it back as `lastStep`, and a code of that step or an earlier one fails.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { sha256Hex } from './secrets';

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that still count (clock drift of the phone, typing time). */
export const TOTP_WINDOW_STEPS = 1;
export const TOTP_KEY_BYTES = 20;
export const RECOVERY_CODE_COUNT = 10;

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_S);
}

export function generateTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(TOTP_KEY_BYTES));
}

/** The key as authenticator apps type it in (base32, no padding). */
export function encodeTotpKey(key: Uint8Array): string {
  return encodeBase32NoPadding(key);
}

export function decodeTotpKey(base32: string): Uint8Array {
  return decodeBase32IgnorePadding(base32.replace(/\s+/g, '').toUpperCase());
}

export function totpUri(issuer: string, account: string, key: Uint8Array): string {
  return createTOTPKeyURI(issuer, account, key, TOTP_PERIOD_S, TOTP_DIGITS);
}

export function totpCodeAt(key: Uint8Array, step: number, digits = TOTP_DIGITS): string {
  return generateHOTP(key, BigInt(step), digits);
}

/** Six digits; spaces and dashes people type between groups are dropped. Anything else is not a code. */
export function normalizeTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The time step `code` belongs to within the window around `nowMs`, or null. Steps at or before
 * `lastStep` are skipped (the code was used already, or an older one was). Constant-time compare.
 */
export function matchTotpStep(
  key: Uint8Array,
  input: string,
  nowMs: number,
  lastStep: number | null,
): number | null {
  const code = normalizeTotpCode(input);
  if (!code) return null;
  const now = totpStep(nowMs);
  let matched: number | null = null;
  for (let step = now - TOTP_WINDOW_STEPS; step <= now + TOTP_WINDOW_STEPS; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    const equal = timingSafeEqual(Buffer.from(totpCodeAt(key, step)), Buffer.from(code));
    if (equal && matched === null) matched = step;
  }
  return matched;
}

const RECOVERY_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 symbols, no 0/o/1/l

/** 16 symbols of 5 bits = 80 random bits, shown as four groups of four. */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += RECOVERY_ALPHABET[(bytes[i] as number) & 31];
  return out.match(/.{4}/g)?.join('-') ?? out;
}

/** Case, spaces and dashes do not matter; returns null for anything that cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]/g, '');
  if (code.length !== 16) return null;
  for (const ch of code) if (!RECOVERY_ALPHABET.includes(ch)) return null;
  return code;
}

/** 80-bit random codes: SHA-256 is enough (ASVS 6.5.2), a slow hash buys nothing. */
export function hashRecoveryCode(normalized: string): string {
  return sha256Hex(`recovery:${normalized}`);
}
