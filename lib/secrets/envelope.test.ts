import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isEnvelope, keyFromSecret, keyId, open, SecretError, seal } from './envelope';

describe('secret envelopes', () => {
  const key = randomBytes(32);
  it('round-trips and never shows the plaintext', () => {
    const sealed = seal(key, 'hunter2-web-password', 'device:1:credentials');
    expect(isEnvelope(sealed)).toBe(true);
    expect(sealed).not.toContain('hunter2');
    expect(sealed.split(':')[1]).toBe(keyId(key));
    expect(open(key, sealed, 'device:1:credentials')).toBe('hunter2-web-password');
  });
  it('uses a fresh IV each time', () => {
    expect(seal(key, 'x', 'a')).not.toBe(seal(key, 'x', 'a'));
  });
  it.each([
    ['another row', (s: string) => s, 'device:2:credentials', randomBytes(0)],
    [
      'an altered ciphertext',
      (s: string) => `${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`,
      'device:1:credentials',
      randomBytes(0),
    ],
    ['not an envelope', () => 'plain text', 'device:1:credentials', randomBytes(0)],
  ])('refuses %s', (_name, mutate, aad) => {
    const sealed = mutate(seal(key, 'secret value', 'device:1:credentials'));
    expect(() => open(key, sealed, aad)).toThrow(SecretError);
  });
  it('refuses a value sealed with another key, naming both key ids', () => {
    const other = keyFromSecret('another server secret of enough length!!');
    const sealed = seal(other, 'v', 'a');
    expect(() => open(key, sealed, 'a')).toThrow(/sealed with key/);
  });
  it('derives the same key from the same secret', () => {
    expect(keyFromSecret('s'.repeat(32)).equals(keyFromSecret('s'.repeat(32)))).toBe(true);
    expect(keyFromSecret('s'.repeat(32)).length).toBe(32);
  });
});
