import { type CgReply, parseCgminerReply, parseMultiReply } from '../protocols/cgminer-envelope';
import { cgminerReading } from '../protocols/cgminer-reading';
import {
  type CgFamily,
  detectFirmware,
  type FirmwareInfo,
  READ_COMMANDS,
  TRY_MULTI,
} from '../protocols/firmware';
import type { Parsed } from '../protocols/result';
import { tcpRequest } from './tcp';
import { type CollectError, type CollectResult, type Endpoint, remainingMs } from './types';

/** What a collector learns about a miner and keeps between polls (firmware, `+` and JSON support). */
export type CgSession = { firmware?: FirmwareInfo; multi?: boolean; textMode?: boolean };

type Sent = { ok: true; parsed: Parsed<CgReply> } | { ok: false; error: CollectError };

export function cgRequest(command: string, parameter?: string | number, textMode = false): string {
  if (textMode) return parameter === undefined ? command : `${command}|${parameter}`;
  return JSON.stringify(parameter === undefined ? { command } : { command, parameter });
}

export async function sendCommand(
  ep: Endpoint,
  command: string,
  deadline: number,
  opts: { parameter?: string | number; textMode?: boolean } = {},
): Promise<Sent> {
  const reply = await tcpRequest(
    ep,
    cgRequest(command, opts.parameter, opts.textMode),
    remainingMs(deadline),
  );
  if (!reply.ok) return reply;
  return { ok: true, parsed: parseCgminerReply(reply.bytes, command) };
}

export async function identifyCgminer(
  ep: Endpoint,
  session: CgSession,
  deadline: number,
): Promise<CollectError | undefined> {
  const sent = await sendCommand(ep, 'version', deadline);
  if (!sent.ok) return sent.error;
  if (sent.parsed.ok) {
    session.firmware = detectFirmware(sent.parsed.value);
    session.textMode = sent.parsed.flags.includes('text_mode');
    return undefined;
  }
  const err = sent.parsed.error;
  // Whatsminer answers `version` with "invalid cmd" (§1.8 C22); its summary still identifies it.
  if (err.kind === 'device_error' || err.kind === 'access_denied') {
    const probe = await sendCommand(ep, 'summary', deadline);
    if (probe.ok && probe.parsed.ok) {
      session.firmware = detectFirmware(probe.parsed.value);
      return undefined;
    }
    if (!probe.ok) return probe.error;
  }
  // Very old firmware does not take JSON requests (it answers in text, or not at all): try text once.
  const text = await sendCommand(ep, 'version', deadline, { textMode: true });
  if (text.ok && text.parsed.ok) {
    session.firmware = detectFirmware(text.parsed.value);
    session.textMode = true;
    return undefined;
  }
  return err;
}

async function fetchReplies(
  ep: Endpoint,
  family: CgFamily,
  session: CgSession,
  deadline: number,
  flags: string[],
): Promise<{ replies: Record<string, CgReply>; errors: Record<string, CollectError> }> {
  const commands = READ_COMMANDS[family];
  const replies: Record<string, CgReply> = {};
  const errors: Record<string, CollectError> = {};
  let pending = commands;
  if (TRY_MULTI[family] && session.multi !== false && !session.textMode) {
    const reply = await tcpRequest(ep, cgRequest(commands.join('+')), remainingMs(deadline));
    if (!reply.ok) return { replies, errors: { summary: reply.error } };
    const multi = parseMultiReply(reply.bytes, commands);
    if (multi.ok) {
      session.multi = true;
      flags.push(...multi.flags);
      pending = [];
      for (const cmd of commands) {
        const part = multi.value[cmd]!;
        if (part.ok) replies[cmd] = part.value;
        else if (part.error.kind === 'no_data') pending.push(cmd);
        else errors[cmd] = part.error;
      }
    } else {
      // `+` unsupported: one connection per command from now on (§1.4).
      session.multi = false;
      flags.push('multi_unsupported');
    }
  }
  for (const cmd of pending) {
    const sent = await sendCommand(ep, cmd, deadline, { textMode: session.textMode });
    if (!sent.ok) errors[cmd] = sent.error;
    else if (sent.parsed.ok) {
      replies[cmd] = sent.parsed.value;
      flags.push(...sent.parsed.flags.map((f) => `${cmd}:${f}`));
    } else errors[cmd] = sent.parsed.error;
    if (cmd === 'summary' && errors.summary) break;
  }
  return { replies, errors };
}

/** One poll of a cgminer-family miner: identify once, then read the family's commands. */
export async function pollCgminer(
  ep: Endpoint,
  session: CgSession,
  deadline: number,
  now: number,
): Promise<CollectResult> {
  if (!session.firmware) {
    const err = await identifyCgminer(ep, session, deadline);
    if (err) return { ok: false, error: err };
  }
  const family = session.firmware!.family;
  const flags: string[] = [];
  const { replies, errors } = await fetchReplies(ep, family, session, deadline, flags);
  if (errors.summary) return { ok: false, error: errors.summary };
  for (const [cmd, err] of Object.entries(errors)) flags.push(`${cmd}:${err.kind}`);
  const reading = cgminerReading(family, replies, now);
  if (!reading.ok) return { ok: false, error: reading.error };
  return {
    ok: true,
    reading: reading.value.reading,
    flags: [...flags, ...reading.flags],
    details: {
      family,
      model: session.firmware?.model,
      firmware: session.firmware?.firmware,
      pools: reading.value.pools,
      elapsedS: reading.value.elapsedS,
      powerLimitW: reading.value.powerLimitW,
    },
  };
}
