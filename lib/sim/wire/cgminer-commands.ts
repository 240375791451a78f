import { AVALON_LEVEL_SHARE } from '../../collectors/protocols/avalon-levels';
import {
  type CgQuirk,
  errorReply,
  type FakeMiner,
  okReply,
  readReply,
  supportsMulti,
} from './cgminer-replies';
import { restart } from './miner-state';
import { answerEncrypted, answerGetToken } from './whatsminer-writes';

type Obj = Record<string, unknown>;

const WRITES = new Set([
  'restart',
  'switchpool',
  'addpool',
  'pause',
  'resume',
  'ascset',
  'logon',
  'logoff',
  'curtail',
  'profileset',
  'rebootdevice',
]);
const LUX_SESSION_MS = 60_000;

function luxSession(m: FakeMiner, param: string, nowMs: number): [boolean, string[]] {
  const [sid, ...rest] = param.split(',');
  const s = m.luxSession;
  if (!s || s.id !== sid || nowMs - s.atMs > LUX_SESSION_MS) return [false, rest];
  s.atMs = nowMs;
  return [true, rest];
}

/** Write commands; each changes the state the next reads report (the fakes obey actions). */
function writeReply(m: FakeMiner, command: string, param: string, nowMs: number): Obj {
  const st = m.state;
  if (m.variant === 'antminer') return errorReply(m, 45, `Access denied to '${command}' command`, nowMs);
  if (m.variant === 'whatsminer')
    return {
      STATUS: 'E',
      When: Math.floor(nowMs / 1000),
      Code: 45,
      Msg: 'permission denied',
      Description: '',
    };
  let args = param === '' ? [] : param.split(/(?<!\\),/).map((a) => a.replace(/\\(.)/g, '$1'));
  if (m.variant === 'luxos') {
    if (command === 'logon') {
      if (m.luxSession && nowMs - m.luxSession.atMs <= LUX_SESSION_MS)
        return errorReply(m, 317, 'Another session is active', nowMs);
      m.luxSession = { id: `s${st.seed}x${st.restarts}${nowMs % 10_000}`, atMs: nowMs };
      return okReply(m, 316, 'Session created', nowMs, 'SESSION', [{ SessionID: m.luxSession.id }]);
    }
    const [valid, rest] = luxSession(m, param, nowMs);
    if (!valid) return errorReply(m, 318, 'Invalid session id', nowMs);
    args = rest;
    if (command === 'logoff') {
      m.luxSession = undefined;
      return okReply(m, 320, 'Session closed', nowMs);
    }
  }
  switch (command) {
    case 'restart':
    case 'rebootdevice':
      restart(st, nowMs);
      return { STATUS: 'RESTART', id: 1 };
    case 'switchpool': {
      const n = Number(args[0]);
      if (!Number.isInteger(n) || !st.pools[n]) return errorReply(m, 26, `Invalid pool id ${args[0]}`, nowMs);
      st.activePool = n;
      return okReply(m, 27, `Switching to pool ${n}:'${st.pools[n]!.url}'`, nowMs);
    }
    case 'addpool': {
      if (args.length < 3) return errorReply(m, 21, 'Missing addpool details', nowMs);
      st.pools.push({ url: args[0]!, user: args[1]! });
      return okReply(m, 55, `Added pool ${st.pools.length - 1}: '${args[0]}'`, nowMs);
    }
    case 'pause':
    case 'resume':
      if (m.variant !== 'braiins') return errorReply(m, 14, 'Invalid command', nowMs);
      st.paused = command === 'pause';
      return okReply(m, 200, command === 'pause' ? 'Paused' : 'Resumed', nowMs);
    case 'curtail':
      st.paused = args[0] === 'sleep';
      return okReply(m, 335, 'Curtailment command sent', nowMs, 'CURTAIL', [{ Action: `${args[0]} mode` }]);
    case 'profileset': {
      const w = /^(\d+)W$/.exec(args[0] ?? '');
      if (!w) return errorReply(m, 322, `Unknown profile ${args[0]}`, nowMs);
      st.powerTargetW = Number(w[1]);
      return okReply(m, 321, 'Profile set', nowMs);
    }
    case 'ascset': {
      if (m.variant !== 'avalon')
        return { STATUS: [{ STATUS: 'W', Code: 117, Msg: 'ASC 0 does not support ascset' }], id: 1 };
      const opt = args[1];
      if (opt === 'worklevel' && args[2] === 'set') {
        const level = Number(args[3]);
        if (!Number.isInteger(level) || AVALON_LEVEL_SHARE[level] === undefined)
          return errorReply(m, 120, `ASC 0 set failed: invalid worklevel ${args[3]}`, nowMs);
        m.workLevel = level;
        st.powerTargetW = st.nominalPowerW * AVALON_LEVEL_SHARE[level]!;
        return okReply(m, 119, 'ASC 0 set OK', nowMs);
      }
      if (opt !== 'softoff' && opt !== 'softon') return errorReply(m, 120, `ASC 0 set failed: ${opt}`, nowMs);
      st.paused = opt === 'softoff';
      return {
        STATUS: [
          {
            STATUS: 'I',
            When: Math.floor(nowMs / 1000),
            Code: 118,
            Msg: `ASC 0 set info: success ${opt}:${args[2]?.split(':')[1] ?? ''}`,
            Description: 'cgminer 4.11.1',
          },
        ],
        id: 1,
      };
    }
    default:
      return errorReply(m, 14, 'Invalid command', nowMs);
  }
}

function textEscape(v: unknown): string {
  return String(v).replace(/([\\|,=])/g, '\\$1');
}

/** Text-mode rendering (§1.3): `STATUS=S,…|SUMMARY,k=v,…|`. */
export function toText(reply: Obj, section: string): string {
  const st = Array.isArray(reply.STATUS) ? (reply.STATUS[0] as Obj) : { STATUS: reply.STATUS };
  const fields = (o: Obj) =>
    Object.entries(o)
      .map(([k, v]) => `${textEscape(k)}=${textEscape(v)}`)
      .join(',');
  const rows = Object.entries(reply).find(([k, v]) => k !== 'STATUS' && Array.isArray(v))?.[1] as
    | Obj[]
    | undefined;
  return `${fields(st)}|${(rows ?? []).map((r, i) => (i === 0 ? `${section},${fields(r)}` : fields(r))).join('|')}${rows?.length ? '|' : ''}`;
}

function serialise(m: FakeMiner, value: Obj): string {
  let text = JSON.stringify(value);
  const q = (x: CgQuirk) => m.quirks.includes(x);
  if (q('missing_comma')) text = text.replace(/"\},\{"STATS":0/, '"}{"STATS":0');
  if (q('bare_nan')) text = text.replace(/"Hardware Errors":\d+/, '"Hardware Errors":0,"Utility":nan');
  if (q('string_numbers')) text = text.replace(/"Accepted":(\d+)/g, '"Accepted":"  $1.0000"');
  if (q('invalid_escape')) text = text.replace(/"'([^"']*)'"/g, `"\\'$1\\'"`);
  return text;
}

/** Answers one request (JSON, text, or `a+b` multi-command) as the variant's firmware would. */
export function answerRequest(m: FakeMiner, request: string, nowMs: number): string {
  const raw = request.replace(/\0/g, '').trim();
  let command: string;
  let param = '';
  let json = false;
  if (raw.startsWith('{')) {
    let parsed: Obj;
    try {
      parsed = JSON.parse(raw) as Obj;
    } catch {
      return serialise(m, errorReply(m, 23, 'Invalid JSON', nowMs));
    }
    if (m.quirks.includes('text_only')) return toText(errorReply(m, 14, 'Invalid command', nowMs), 'STATUS');
    json = true;
    if (m.variant === 'whatsminer') {
      // API v2 privileged requests: an encrypted envelope, and the plain get_token before it.
      if (parsed.enc === 1) return answerEncrypted(m, parsed.data, nowMs);
      if ((parsed.command ?? parsed.cmd) === 'get_token') return JSON.stringify(answerGetToken(m, nowMs));
    }
    command = String(parsed.command ?? parsed.cmd ?? '');
    param = parsed.parameter === undefined ? '' : String(parsed.parameter);
  } else {
    [command = '', param = ''] = raw.split('|', 2);
  }
  if (json && command.includes('+')) {
    const commands = [...new Set(command.split('+').filter(Boolean))];
    if (!supportsMulti(m)) return serialise(m, errorReply(m, 14, 'Invalid command', nowMs));
    const out: Obj = {};
    for (const c of commands)
      out[c] = [
        WRITES.has(c)
          ? errorReply(m, 45, `Access denied to '${c}' command`, nowMs)
          : (readReply(m, c, nowMs) ?? errorReply(m, 14, 'Invalid command', nowMs)),
      ];
    out.id = 1;
    return serialise(m, out);
  }
  const value = WRITES.has(command)
    ? writeReply(m, command, param, nowMs)
    : (readReply(m, command, nowMs) ?? errorReply(m, 14, 'Invalid command', nowMs));
  return json ? serialise(m, value) : toText(value, command.toUpperCase());
}
