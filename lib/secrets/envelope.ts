// AES-256-GCM envelopes (pure: key and random bytes come in). Format, one line of text:
//   v1:<key id>:<iv b64url>:<tag b64url>:<ciphertext b64url>
// The key id (first 8 hex of SHA-256 of the key) says which key sealed a value, so rotation can tell
// re-encrypted values from old ones. The associated data (`aad`) binds a value to its row and purpose
// (`device:12:credentials`): a ciphertext copied into another row does not decrypt there.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export const KEY_BYTES = 32;
const IV_BYTES = 12;

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** A 256-bit key from a configured secret string (any text of ≥ 32 characters). */
export function keyFromSecret(secret: string): Buffer {
  return createHash('sha256').update(`switchyard-secret-v1\0${secret}`).digest();
}

export function isEnvelope(value: string): boolean {
  return /^v1:[0-9a-f]{8}:[\w-]+:[\w-]+:[\w-]*$/.test(value);
}

export function envelopeKeyId(value: string): string | undefined {
  return isEnvelope(value) ? value.split(':')[1] : undefined;
}

export function seal(
  key: Buffer,
  plaintext: string,
  aad: string,
  iv: Buffer = randomBytes(IV_BYTES),
): string {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    'v1',
    keyId(key),
    iv.toString('base64url'),
    tag.toString('base64url'),
    ct.toString('base64url'),
  ].join(':');
}

export class SecretError extends Error {}

/** Opens an envelope; throws SecretError when it was sealed with another key, for another row, or altered. */
export function open(key: Buffer, envelope: string, aad: string): string {
  if (!isEnvelope(envelope)) throw new SecretError('not an encrypted value');
  const [, id, iv, tag, ct] = envelope.split(':') as [string, string, string, string, string];
  if (id !== keyId(key)) throw new SecretError(`sealed with key ${id}, not the current key ${keyId(key)}`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError('the value does not authenticate (altered, or sealed for another row)');
  }
}
