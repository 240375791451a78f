import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 string with `bytes` bytes of entropy (rejection sampling, no modulo bias). */
export function randomBase62(bytes: number): string {
  const chars = Math.ceil((bytes * 8) / Math.log2(62));
  let out = '';
  while (out.length < chars) {
    for (const b of randomBytes(chars * 2)) {
      if (b < 248 && out.length < chars) out += BASE62[b % 62];
    }
  }
  return out;
}

/** API tokens: `syd_` + 256 random bits. The prefix lets secret scanners recognise them. */
export const API_TOKEN_PREFIX = 'syd_';

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBase62(32);
}

export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** High-entropy secrets are stored as SHA-256 (ASVS 6.5.2): a slow hash buys nothing here. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
