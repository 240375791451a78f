// The one server secret. SWITCHYARD_SECRET when set (required on PostgreSQL, where instances must
// share it); otherwise, in the embedded default (SQLite), 32 random bytes generated on first use and
// kept next to the database as `secret.key`, created owner-only (0600) and printed nowhere.
// SWITCHYARD_SECRET_PREVIOUS (or `secret.key.previous`) is the key being rotated away from: values it
// sealed still open until `npm run cli -- secrets:rotate` has re-encrypted them.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { KEY_BYTES, keyFromSecret, keyId } from './envelope';

export type ServerKeys = { current: Buffer; previous?: Buffer };

let cached: { source: string; keys: ServerKeys } | undefined;

/** Where the generated key lives: next to the SQLite file (the data folder). */
export function keyFilePath(): string | undefined {
  const file = getEnv().db.filePath;
  return file ? path.join(path.dirname(file), 'secret.key') : undefined;
}

function readKeyFile(file: string): Buffer | undefined {
  if (!existsSync(file)) return undefined;
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte key`);
  return key;
}

/** Writes a key file owner-only; `wx` so two processes starting at once cannot both create one. */
export function writeKeyFile(file: string, key: Buffer, overwrite = false): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: overwrite ? 'w' : 'wx' });
  chmodSync(file, 0o600);
}

function loadKeys(): ServerKeys {
  const env = getEnv();
  const prevEnv = process.env.SWITCHYARD_SECRET_PREVIOUS;
  if (env.SWITCHYARD_SECRET) {
    return {
      current: keyFromSecret(env.SWITCHYARD_SECRET),
      ...(prevEnv ? { previous: keyFromSecret(prevEnv) } : {}),
    };
  }
  const file = keyFilePath();
  if (!file)
    throw new AppError(
      500,
      'secret_missing',
      'SWITCHYARD_SECRET is not set: on PostgreSQL every instance needs the same server secret to encrypt credentials',
    );
  let current = readKeyFile(file);
  if (!current) {
    try {
      writeKeyFile(file, randomBytes(KEY_BYTES));
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    current = readKeyFile(file)!;
  }
  const previous = readKeyFile(`${file}.previous`);
  return { current, ...(previous ? { previous } : {}) };
}

export function getServerKeys(): ServerKeys {
  const source = `${process.env.SWITCHYARD_SECRET ?? ''}|${process.env.SWITCHYARD_SECRET_PREVIOUS ?? ''}|${keyFilePath() ?? ''}`;
  if (cached?.source !== source) cached = { source, keys: loadKeys() };
  return cached.keys;
}

/** For tests and the rotate command, after they change the key files. */
export function resetServerKeyCache(): void {
  cached = undefined;
}

export function currentKeyId(): string {
  return keyId(getServerKeys().current);
}
