// The fake Whatsminer's privileged side (API v2, reference §1.7.1): get_token hands out time, the
// device's fixed password salt and a fresh newsalt; an `{"enc":1,"data":…}` request is decrypted
// with the key derived from the admin password and must carry a live token signature, or it is
// answered Code 135 like a miner that cannot check the token. Without an admin password set (API
// writes not enabled in WhatsMinerTool) every write is Code 45.
import { createHash } from 'node:crypto';
import {
  md5CryptHash,
  whatsminerDecrypt,
  whatsminerEncrypt,
  whatsminerToken,
} from '../../collectors/protocols/whatsminer-crypt';
import type { FakeMiner } from './cgminer-replies';
import { restart } from './miner-state';

type Obj = Record<string, unknown>;

const TOKEN_LIFETIME_MS = 30 * 60_000;

export type WhatsminerWriteState = {
  adminPassword: string;
  salt: string;
  /** Issued token signatures → when issued. */
  tokens: Map<string, number>;
  issued: number;
};

function saltChars(text: string): string {
  return createHash('sha256').update(text).digest('base64').replace(/\+/g, '.').slice(0, 8);
}

export function newWhatsminerWrites(seed: number, adminPassword: string): WhatsminerWriteState {
  return { adminPassword, salt: saltChars(`salt:${seed}`), tokens: new Map(), issued: 0 };
}

const flat = (nowMs: number, status: 'S' | 'E', code: number, msg: unknown): Obj => ({
  STATUS: status,
  When: Math.floor(nowMs / 1000),
  Code: code,
  Msg: msg,
  Description: '',
});

export function answerGetToken(m: FakeMiner, nowMs: number): Obj {
  const w = m.whatsminerWrites;
  if (!w) return flat(nowMs, 'E', 45, 'permission denied');
  const time = String(Math.floor(nowMs / 1000) % 10_000).padStart(4, '0');
  const newsalt = saltChars(`new:${m.state.seed}:${++w.issued}:${nowMs}`);
  const token = whatsminerToken(w.adminPassword, { time, salt: w.salt, newsalt });
  w.tokens.set(token.hostSign, nowMs);
  return flat(nowMs, 'S', 134, { time, salt: w.salt, newsalt });
}

function execute(m: FakeMiner, cmd: Obj, nowMs: number): Obj {
  const st = m.state;
  switch (cmd.cmd) {
    case 'restart_btminer':
    case 'reboot':
      restart(st, nowMs);
      return flat(nowMs, 'S', 131, 'API command OK');
    case 'power_off':
      st.paused = true;
      return flat(nowMs, 'S', 131, 'API command OK');
    case 'power_on':
      st.paused = false;
      return flat(nowMs, 'S', 131, 'API command OK');
    case 'adjust_power_limit': {
      const w = Number(cmd.power_limit);
      if (!/^\d+$/.test(String(cmd.power_limit)) || w < 500 || w > 99_999)
        return flat(nowMs, 'E', 132, 'invalid power_limit');
      st.powerTargetW = w;
      return flat(nowMs, 'S', 131, 'API command OK');
    }
    case 'update_pools': {
      const pools = [1, 2, 3]
        .map((i) => ({ url: String(cmd[`pool${i}`] ?? ''), user: String(cmd[`worker${i}`] ?? '') }))
        .filter((p) => p.url !== '');
      if (pools.length === 0) return flat(nowMs, 'E', 132, 'no pool given');
      st.pools = pools;
      st.activePool = 0;
      return flat(nowMs, 'S', 131, 'API command OK');
    }
    default:
      return flat(nowMs, 'E', 14, 'invalid cmd');
  }
}

/** Answers `{"enc":1,"data":…}`: plaintext error when the token cannot be checked, else encrypted. */
export function answerEncrypted(m: FakeMiner, data: unknown, nowMs: number): string {
  const w = m.whatsminerWrites;
  if (!w) return JSON.stringify(flat(nowMs, 'E', 45, 'permission denied'));
  const hostPasswdMd5 = md5CryptHash(w.adminPassword, w.salt);
  const plain = typeof data === 'string' ? whatsminerDecrypt(data, hostPasswdMd5) : undefined;
  let cmd: Obj | undefined;
  try {
    cmd = plain === undefined ? undefined : (JSON.parse(plain) as Obj);
  } catch {
    cmd = undefined;
  }
  const issuedAt = typeof cmd?.token === 'string' ? w.tokens.get(cmd.token) : undefined;
  if (!cmd || issuedAt === undefined || nowMs - issuedAt > TOKEN_LIFETIME_MS)
    return JSON.stringify(flat(nowMs, 'E', 135, 'check token error'));
  return JSON.stringify({ enc: whatsminerEncrypt(JSON.stringify(execute(m, cmd, nowMs)), hostPasswdMd5) });
}
