// Encrypting a stored value with the server secret. Every encrypted column goes through these two
// functions, named by an `aad` that ties the value to its row (see envelope.ts), so the rotate
// command can re-encrypt all of them with one list (rotate.ts).
import { envelopeKeyId, keyId, open, seal } from './envelope';
import { getServerKeys } from './server-key';

export function encryptSecret(plaintext: string, aad: string): string {
  return seal(getServerKeys().current, plaintext, aad);
}

/** Opens a value sealed with the current key or, during a rotation, the previous one. */
export function decryptSecret(envelope: string, aad: string): string {
  const keys = getServerKeys();
  const id = envelopeKeyId(envelope);
  const key = keys.previous && id === keyId(keys.previous) ? keys.previous : keys.current;
  return open(key, envelope, aad);
}

/** Whether a value still needs re-encrypting with the current key. */
export function sealedWithOldKey(envelope: string): boolean {
  return envelopeKeyId(envelope) !== keyId(getServerKeys().current);
}
