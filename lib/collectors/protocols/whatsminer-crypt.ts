// Whatsminer API v2 privileged ("ciphertext") protocol, reference §1.7.1: MD5-crypt of the admin
// password with the token's salt, a signature from MD5-crypt of (that hash + time) with newsalt,
// and AES-256-ECB (zero padded, base64) of the JSON command with the SHA-256 of the hash as key.
// Pure: strings and bytes in, strings and bytes out.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const md5 = (...parts: Buffer[]) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

function to64(value: number, n: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < n; i++) {
    out += ITOA64[v & 0x3f];
    v >>>= 6;
  }
  return out;
}

/**
 * MD5-crypt (`$1$`, Poul-Henning Kamp's FreeBSD algorithm; `openssl passwd -1 -salt S pw`).
 * Returns the whole `$1$salt$hash` string; the salt is cut at 8 characters or a `$`.
 */
export function md5Crypt(password: string, saltIn: string): string {
  const pw = Buffer.from(password, 'utf8');
  const saltText = saltIn
    .replace(/^\$1\$/, '')
    .split('$')[0]!
    .slice(0, 8);
  const salt = Buffer.from(saltText, 'utf8');
  const magic = Buffer.from('$1$');
  const alt = md5(pw, salt, pw);
  const ctx: Buffer[] = [pw, magic, salt];
  for (let left = pw.length; left > 0; left -= 16) ctx.push(alt.subarray(0, Math.min(16, left)));
  for (let i = pw.length; i > 0; i >>= 1) ctx.push(i & 1 ? Buffer.from([0]) : Buffer.from([pw[0] ?? 0]));
  let final = md5(...ctx);
  for (let i = 0; i < 1000; i++) {
    const parts: Buffer[] = [i & 1 ? pw : final];
    if (i % 3) parts.push(salt);
    if (i % 7) parts.push(pw);
    parts.push(i & 1 ? final : pw);
    final = md5(...parts);
  }
  const f = final;
  const hash =
    to64((f[0]! << 16) | (f[6]! << 8) | f[12]!, 4) +
    to64((f[1]! << 16) | (f[7]! << 8) | f[13]!, 4) +
    to64((f[2]! << 16) | (f[8]! << 8) | f[14]!, 4) +
    to64((f[3]! << 16) | (f[9]! << 8) | f[15]!, 4) +
    to64((f[4]! << 16) | (f[10]! << 8) | f[5]!, 4) +
    to64(f[11]!, 2);
  return `$1$${saltText}$${hash}`;
}

/** The hash part (4th `$` field) of MD5-crypt, which is what the Whatsminer protocol uses. */
export function md5CryptHash(password: string, salt: string): string {
  return md5Crypt(password, salt).split('$')[3]!;
}

/** `get_token`'s Msg (Code 134): `time` and both salts. */
export type WhatsminerTokenMsg = { time: string; salt: string; newsalt: string };

export type WhatsminerToken = {
  /** hash part of MD5-crypt(admin password, salt); its SHA-256 is the AES key. */
  hostPasswdMd5: string;
  /** hash part of MD5-crypt(hostPasswdMd5 + time, newsalt); sent as `token` inside the command. */
  hostSign: string;
};

export function whatsminerToken(adminPassword: string, msg: WhatsminerTokenMsg): WhatsminerToken {
  const hostPasswdMd5 = md5CryptHash(adminPassword, msg.salt);
  return { hostPasswdMd5, hostSign: md5CryptHash(hostPasswdMd5 + msg.time, msg.newsalt) };
}

/** Parses a get_token Msg; undefined when a field is missing or not a string. */
export function parseTokenMsg(msg: unknown): WhatsminerTokenMsg | undefined {
  if (typeof msg !== 'object' || msg === null) return undefined;
  const m = msg as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  const time = str(m.time);
  const salt = str(m.salt);
  const newsalt = str(m.newsalt);
  return time !== undefined && salt && newsalt ? { time, salt, newsalt } : undefined;
}

const aesKey = (hostPasswdMd5: string) => createHash('sha256').update(hostPasswdMd5, 'utf8').digest();

/** Zero-pads to a multiple of 16 bytes, AES-256-ECB encrypts, base64 (no line breaks). */
export function whatsminerEncrypt(plaintext: string, hostPasswdMd5: string): string {
  const data = Buffer.from(plaintext, 'utf8');
  const padded = Buffer.alloc(Math.ceil(data.length / 16) * 16 || 16);
  data.copy(padded);
  const cipher = createCipheriv('aes-256-ecb', aesKey(hostPasswdMd5), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** Inverse of whatsminerEncrypt; undefined when the text is not base64 of whole AES blocks. */
export function whatsminerDecrypt(base64: string, hostPasswdMd5: string): string | undefined {
  const data = Buffer.from(base64, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) return undefined;
  const decipher = createDecipheriv('aes-256-ecb', aesKey(hostPasswdMd5), null);
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data), decipher.final()]);
  const end = plain.indexOf(0);
  return plain.subarray(0, end < 0 ? plain.length : end).toString('utf8');
}

/** The request a privileged command goes out as: `{"enc":1,"data":"<base64>"}`. */
export function privilegedRequest(command: Record<string, string>, token: WhatsminerToken): string {
  const plain = JSON.stringify({ ...command, token: token.hostSign });
  return JSON.stringify({ enc: 1, data: whatsminerEncrypt(plain, token.hostPasswdMd5) });
}

export type PrivilegedReply =
  | { ok: true; reply: Record<string, unknown>; encrypted: boolean }
  | { ok: false; error: string };

/** A reply is `{"enc":"<base64>"}` (decrypt, strip NUL padding, parse) or a plain error envelope. */
export function parsePrivilegedReply(text: string, token: WhatsminerToken): PrivilegedReply {
  let outer: unknown;
  try {
    outer = JSON.parse(text.replace(/\0+$/, '').trim());
  } catch {
    return { ok: false, error: 'reply is not JSON' };
  }
  if (typeof outer !== 'object' || outer === null) return { ok: false, error: 'reply is not an object' };
  const o = outer as Record<string, unknown>;
  if (typeof o.enc !== 'string') return { ok: true, reply: o, encrypted: false };
  const plain = whatsminerDecrypt(o.enc, token.hostPasswdMd5);
  if (plain === undefined) return { ok: false, error: 'encrypted reply is not whole AES blocks' };
  try {
    const inner = JSON.parse(plain) as unknown;
    if (typeof inner !== 'object' || inner === null)
      return { ok: false, error: 'decrypted reply is not an object' };
    return { ok: true, reply: inner as Record<string, unknown>, encrypted: true };
  } catch {
    return { ok: false, error: 'decrypted reply is not JSON (wrong key?)' };
  }
}
