import { avalonLevelFor } from '../protocols/avalon-levels';
import { BOS_GRPC_PORT } from '../protocols/braiins-grpc';
import type { CgFamily } from '../protocols/firmware';
import { braiinsSetPowerTarget } from './braiins-grpc';
import { type ActionName, BRAIINS_NO_LOGIN, WHATSMINER_NO_PASSWORD } from './capabilities';
import { sendCommand } from './cgminer';
import type { ActionResult, CollectError, Endpoint } from './types';
import { whatsminerAction } from './whatsminer-writes';

export type CgAction =
  | { action: 'reboot' | 'pause' | 'resume' }
  | { action: 'switchPool'; poolIndex?: number; pool?: { url: string; user: string; password: string } }
  | { action: 'setPowerTarget'; powerTargetW: number };

/** cgminer joins several parameters with commas: a literal `,` or `\` in a value is escaped (§1.2). */
export function escapeParam(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,');
}

async function run(
  ep: Endpoint,
  command: string,
  deadline: number,
  parameter?: string | number,
): Promise<ActionResult> {
  const sent = await sendCommand(ep, command, deadline, { parameter });
  if (!sent.ok) return sent;
  if (!sent.parsed.ok) return { ok: false, error: sent.parsed.error };
  return { ok: true, message: sent.parsed.value.status.msg || sent.parsed.value.status.severity };
}

const notSupported = (message: string): ActionResult => ({
  ok: false,
  error: { kind: 'not_supported', message },
});

/** LuxOS writes take a session id as their first parameter; `logon` opens it (§1.7.3). */
async function withLuxSession(
  ep: Endpoint,
  deadline: number,
  fn: (sid: string) => Promise<ActionResult>,
): Promise<ActionResult> {
  const logon = await sendCommand(ep, 'logon', deadline);
  if (!logon.ok) return logon;
  if (!logon.parsed.ok) return { ok: false, error: logon.parsed.error };
  const sid = logon.parsed.value.sections.SESSION?.[0]?.SessionID;
  if (typeof sid !== 'string' || sid === '')
    return { ok: false, error: { kind: 'device_error', message: 'LuxOS logon returned no session id' } };
  const result = await fn(sid);
  // Sessions also expire by themselves after a minute; `logoff` is not documented for sure.
  await sendCommand(ep, 'logoff', deadline, { parameter: sid });
  return result;
}

async function addAndSwitch(
  ep: Endpoint,
  deadline: number,
  a: Extract<CgAction, { action: 'switchPool' }>,
  prefix = '',
): Promise<ActionResult> {
  if (a.poolIndex !== undefined) return run(ep, 'switchpool', deadline, `${prefix}${a.poolIndex}`);
  if (!a.pool) return notSupported('switchPool needs a pool index or a pool');
  const added = await sendCommand(ep, 'addpool', deadline, {
    parameter: `${prefix}${[a.pool.url, a.pool.user, a.pool.password].map(escapeParam).join(',')}`,
  });
  if (!added.ok) return added;
  if (!added.parsed.ok) return { ok: false, error: added.parsed.error };
  // Code 55 "Added pool N: 'url'" (API ≥ 3.5 returns the new index).
  const m = /Added pool (\d+)/.exec(added.parsed.value.status.msg);
  if (!m)
    return {
      ok: false,
      error: { kind: 'device_error', message: `addpool: ${added.parsed.value.status.msg}` },
    };
  return run(ep, 'switchpool', deadline, `${prefix}${m[1]}`);
}

/** What some writes need besides the endpoint: stored credentials, nameplate power, other ports. */
export type CgWriteContext = {
  /** The device's stored (decrypted) credentials, when any. */
  credentials?: { username?: string; password?: string; apiKey?: string } | null;
  /** Nameplate power of the model (W), to turn a power target into an Avalon work level. */
  nominalPowerW?: number | null;
  /** Braiins OS public gRPC API port on the miner's host (default 50051). */
  braiinsGrpcPort?: number;
};

/** Sends one write command set for the miner's family; refusals keep their kind (Code 45, API key). */
export async function cgminerAction(
  ep: Endpoint,
  family: CgFamily,
  a: CgAction,
  deadline: number,
  nowS: number,
  ctx: CgWriteContext = {},
): Promise<ActionResult> {
  if (family === 'whatsminer') {
    // The admin password is what the v2 token is derived from; an API key field is accepted too.
    const password = ctx.credentials?.password ?? ctx.credentials?.apiKey;
    if (!password) {
      const error: CollectError = { kind: 'api_key_required', message: WHATSMINER_NO_PASSWORD };
      return { ok: false, error };
    }
    return whatsminerAction(ep, password, a, deadline);
  }
  if (family === 'braiins' && a.action === 'setPowerTarget') {
    const c = ctx.credentials;
    if (!c || (c.username === undefined && c.password === undefined))
      return { ok: false, error: { kind: 'credentials_required', message: BRAIINS_NO_LOGIN } };
    const grpc = { host: ep.host, port: ctx.braiinsGrpcPort ?? BOS_GRPC_PORT };
    return braiinsSetPowerTarget(
      grpc,
      { username: c.username ?? 'root', password: c.password ?? '' },
      a.powerTargetW,
      deadline,
    );
  }
  if (family === 'luxos') {
    return withLuxSession(ep, deadline, (sid) => {
      switch (a.action) {
        case 'reboot':
          return run(ep, 'rebootdevice', deadline, sid);
        case 'pause':
          return run(ep, 'curtail', deadline, `${sid},sleep`);
        case 'resume':
          return run(ep, 'curtail', deadline, `${sid},wakeup`);
        case 'setPowerTarget':
          return run(ep, 'profileset', deadline, `${sid},${Math.round(a.powerTargetW)}W`);
        case 'switchPool':
          return addAndSwitch(ep, deadline, a, `${sid},`);
      }
    });
  }
  const action: ActionName = a.action;
  switch (action) {
    case 'reboot':
      return run(ep, 'restart', deadline);
    case 'pause':
    case 'resume':
      if (family === 'braiins') return run(ep, action, deadline);
      if (family === 'avalon')
        return run(
          ep,
          'ascset',
          deadline,
          `0,${action === 'pause' ? 'softoff' : 'softon'},1:${Math.floor(nowS)}`,
        );
      return notSupported(`${family} has no ${action} command`);
    case 'switchPool':
      return addAndSwitch(ep, deadline, a as Extract<CgAction, { action: 'switchPool' }>);
    case 'setPowerTarget': {
      if (family !== 'avalon')
        return notSupported(`${family} has no power-target command on the cgminer API`);
      const target = (a as Extract<CgAction, { action: 'setPowerTarget' }>).powerTargetW;
      if (!ctx.nominalPowerW) return notSupported('the Avalon work level needs the model nameplate power');
      const { level, expectedW } = avalonLevelFor(target, ctx.nominalPowerW);
      const r = await run(ep, 'ascset', deadline, `0,worklevel,set,${level}`);
      return r.ok ? { ok: true, message: `${r.message}: work level ${level} (≈ ${expectedW} W)` } : r;
    }
  }
}
