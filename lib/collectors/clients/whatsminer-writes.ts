// Whatsminer API v2 writes (reference §1.7.1) with the device's stored admin password: get_token,
// then each command AES-encrypted with its token signature, on the same TCP 4028 API as reads.
// Needs "API write" enabled in WhatsMinerTool on the miner; without it the miner answers Code 45.
import {
  parsePrivilegedReply,
  parseTokenMsg,
  privilegedRequest,
  type WhatsminerToken,
  whatsminerToken,
} from '../protocols/whatsminer-crypt';
import type { CgAction } from './cgminer-actions';
import { tcpRequest } from './tcp';
import { type ActionResult, type CollectError, type Endpoint, remainingMs } from './types';

type Obj = Record<string, unknown>;

/** Command names and parameters of the v2 API (pyasic `rpc/btminer.py`); all values are strings. */
export function whatsminerCommand(a: CgAction): Record<string, string> {
  switch (a.action) {
    case 'reboot':
      // Restarts the mining process, like cgminer `restart` (the whole board: `reboot`).
      return { cmd: 'restart_btminer' };
    case 'pause':
      return { cmd: 'power_off', respbefore: 'true' };
    case 'resume':
      return { cmd: 'power_on' };
    case 'setPowerTarget':
      return { cmd: 'adjust_power_limit', power_limit: String(Math.round(a.powerTargetW)) };
    case 'switchPool': {
      const p = a.pool ?? { url: '', user: '', password: '' };
      // update_pools replaces all three slots; the new pool goes first, so it is the active one.
      return {
        cmd: 'update_pools',
        pool1: p.url,
        worker1: p.user,
        passwd1: p.password,
        pool2: '',
        worker2: '',
        passwd2: '',
        pool3: '',
        worker3: '',
        passwd3: '',
      };
    }
  }
}

function errorOf(reply: Obj, what: string): CollectError | undefined {
  const status = typeof reply.STATUS === 'string' ? reply.STATUS : undefined;
  const code = typeof reply.Code === 'number' ? reply.Code : Number(reply.Code);
  if (status === 'S' || status === 'I') return undefined;
  const msg = typeof reply.Msg === 'string' ? reply.Msg : JSON.stringify(reply.Msg ?? '');
  const message = `${what}: Code ${Number.isFinite(code) ? code : '?'} ${msg}`.trim();
  if (code === 45)
    return { kind: 'access_denied', code, message: `${message} (enable API writes in WhatsMinerTool)` };
  if (code === 135)
    return { kind: 'credentials_rejected', code, message: `${message}: is the stored admin password right?` };
  return { kind: 'device_error', code: Number.isFinite(code) ? code : undefined, message };
}

function parsePlain(bytes: Buffer): Obj | undefined {
  try {
    const v = JSON.parse(bytes.toString('utf8').replace(/\0+$/, '').trim()) as unknown;
    return typeof v === 'object' && v !== null ? (v as Obj) : undefined;
  } catch {
    return undefined;
  }
}

export async function whatsminerGetToken(
  ep: Endpoint,
  adminPassword: string,
  deadline: number,
): Promise<{ ok: true; token: WhatsminerToken } | { ok: false; error: CollectError }> {
  const sent = await tcpRequest(ep, JSON.stringify({ command: 'get_token' }), remainingMs(deadline));
  if (!sent.ok) return sent;
  const reply = parsePlain(sent.bytes);
  if (!reply) return { ok: false, error: { kind: 'not_json', message: 'get_token reply is not JSON' } };
  const err = errorOf(reply, 'get_token');
  if (err) return { ok: false, error: err };
  const msg = parseTokenMsg(reply.Msg);
  if (!msg) return { ok: false, error: { kind: 'device_error', message: 'get_token: no time/salt/newsalt' } };
  return { ok: true, token: whatsminerToken(adminPassword, msg) };
}

/** One privileged write: a fresh token (cheap, and tokens are capped per client IP), then the command. */
export async function whatsminerAction(
  ep: Endpoint,
  adminPassword: string,
  a: CgAction,
  deadline: number,
): Promise<ActionResult> {
  const auth = await whatsminerGetToken(ep, adminPassword, deadline);
  if (!auth.ok) return auth;
  const command = whatsminerCommand(a);
  const sent = await tcpRequest(ep, privilegedRequest(command, auth.token), remainingMs(deadline));
  if (!sent.ok) return sent;
  const parsed = parsePrivilegedReply(sent.bytes.toString('utf8'), auth.token);
  if (!parsed.ok)
    return { ok: false, error: { kind: 'not_json', message: `${command.cmd}: ${parsed.error}` } };
  const err = errorOf(parsed.reply, command.cmd!);
  if (err) return { ok: false, error: err };
  const msg = typeof parsed.reply.Msg === 'string' ? parsed.reply.Msg : 'OK';
  return { ok: true, message: `${command.cmd}: ${msg}` };
}
