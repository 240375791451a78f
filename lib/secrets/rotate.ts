// Re-encrypting every stored secret with the current key, and `secrets:rotate`. Every encrypted
// column is listed in ENCRYPTED (one entry per table), so the rotation cannot forget one.
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { pendingTotpAad, totpAad } from '../auth/two-factor-aad';
import { getDb } from '../db/client';
import { getEnv } from '../env';
import { listStoredMarketSecrets, writeStoredMarketSecret } from '../market/settings/market-settings';
import { isEnvelope, KEY_BYTES } from './envelope';
import { decryptSecret, encryptSecret, sealedWithOldKey } from './secrets';
import { keyFilePath, resetServerKeyCache, writeKeyFile } from './server-key';

type Sealed<Id> = { id: Id; value: string; aad: string };
type EncryptedColumn<Id = number> = {
  name: string;
  list: () => Promise<Sealed<Id>[]>;
  write: (id: Id, value: string) => Promise<void>;
};

// biome-ignore lint/suspicious/noExplicitAny: each entry pairs its own id type with its own write.
export const ENCRYPTED: EncryptedColumn<any>[] = [
  {
    name: 'device_credential.ciphertext',
    list: async () =>
      (await getDb().deviceCredential.findMany()).map((r) => ({
        id: r.deviceId,
        value: r.ciphertext,
        aad: `device:${r.deviceId}:credentials`,
      })),
    write: async (id, value) => {
      await getDb().deviceCredential.update({ where: { deviceId: id }, data: { ciphertext: value } });
    },
  },
  {
    name: 'app_user.totp_secret',
    list: async () =>
      (await getDb().user.findMany({ where: { totpSecret: { not: null } } })).map((r) => ({
        id: r.id,
        value: r.totpSecret as string,
        aad: totpAad(r.id),
      })),
    write: async (id, value) => {
      await getDb().user.update({ where: { id }, data: { totpSecret: value } });
    },
  },
  {
    name: 'app_user.totp_pending_secret',
    list: async () =>
      (await getDb().user.findMany({ where: { totpPendingSecret: { not: null } } })).map((r) => ({
        id: r.id,
        value: r.totpPendingSecret as string,
        aad: pendingTotpAad(r.id),
      })),
    write: async (id, value) => {
      await getDb().user.update({ where: { id }, data: { totpPendingSecret: value } });
    },
  },
  {
    // The provider secrets inside the market settings row (one JSON value, one entry per field).
    name: 'setting[market.settings].config secrets',
    list: listStoredMarketSecrets,
    write: writeStoredMarketSecret,
  } satisfies EncryptedColumn<string>,
];

/**
 * Re-seals every value not sealed with the current key; returns how many changed. A value still in
 * plain text (saved before its column was encrypted) is sealed on the way.
 */
export async function reencryptAll(): Promise<number> {
  let changed = 0;
  for (const column of ENCRYPTED)
    for (const row of await column.list()) {
      if (!sealedWithOldKey(row.value)) continue;
      const plain = isEnvelope(row.value) ? decryptSecret(row.value, row.aad) : row.value;
      await column.write(row.id, encryptSecret(plain, row.aad));
      changed++;
    }
  return changed;
}

/**
 * SQLite key file: the current key becomes `secret.key.previous`, a new key is generated, every
 * value is re-sealed, then the previous key is deleted. An interrupted rotation resumes (the
 * previous file is still there; no second key is generated). With SWITCHYARD_SECRET the operator
 * supplies both keys (SWITCHYARD_SECRET_PREVIOUS = the old one) and this re-seals.
 */
export async function rotateSecret(): Promise<{ reencrypted: number; message: string }> {
  if (getEnv().SWITCHYARD_SECRET) {
    if (!process.env.SWITCHYARD_SECRET_PREVIOUS)
      throw new Error(
        'set SWITCHYARD_SECRET to the new secret and SWITCHYARD_SECRET_PREVIOUS to the old one',
      );
    resetServerKeyCache();
    const reencrypted = await reencryptAll();
    return { reencrypted, message: 'done: remove SWITCHYARD_SECRET_PREVIOUS from the environment' };
  }
  const file = keyFilePath();
  if (!file) throw new Error('no key file: set SWITCHYARD_SECRET');
  const previous = `${file}.previous`;
  if (!existsSync(previous)) {
    if (existsSync(file)) renameSync(file, previous);
    writeKeyFile(file, randomBytes(KEY_BYTES));
  }
  resetServerKeyCache();
  const reencrypted = await reencryptAll();
  rmSync(previous, { force: true });
  resetServerKeyCache();
  return { reencrypted, message: `done: new key in ${file}` };
}
