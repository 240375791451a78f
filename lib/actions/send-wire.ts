// Sends one action to its device over the wire, through the protocol clients, from what the caller
// hands in: the endpoint and the write context (model, nameplate power, decrypted credentials).
// No database here: the server's executor (send.ts) reads the context from its database, the site
// agent gets it in its claim answer (agent-exchange.ts) and runs this on the LAN.
import { type AxeosAction, type AxeosSession, axeosAction, pollAxeos } from '../collectors/clients/axeos';
import { type Capability, capabilitiesFor, isNerdMiner } from '../collectors/clients/capabilities';
import { type CgSession, identifyCgminer } from '../collectors/clients/cgminer';
import { type CgAction, type CgWriteContext, cgminerAction } from '../collectors/clients/cgminer-actions';
import type { ActionResult, CollectError, Endpoint } from '../collectors/clients/types';
import type { ActionName, ActionParams } from './types';

export type WireTarget = {
  deviceId: number;
  protocol: string;
  host: string | null;
  port: number | null;
};

export type DeviceCredentials = { username?: string; password?: string; apiKey?: string };

/** Everything a send needs to know about the device besides its endpoint. */
export type WriteContext = {
  /** The model name (a NerdMiner has no local API). */
  model: string | null;
  /** Nameplate power of the model (W): turns a power target into an Avalon work level. */
  nominalPowerW: number | null;
  /** The device's stored credentials, decrypted; null when none are stored (or withheld). */
  credentials: DeviceCredentials | null;
  /** Set when stored credentials exist but could not be decrypted (a changed server secret). */
  credentialsError?: string;
  /** Braiins OS public gRPC API port on the miner's host. */
  braiinsGrpcPort: number;
};

/** A send's outcome: sent (await telemetry), refused by the device or its capabilities, or failed. */
export type SendOutcome =
  | { kind: 'sent'; message: string }
  | { kind: 'refused' | 'failed'; reasonKind: string; reason: string };

/** Error kinds that mean "the device will not do this", not "something broke". */
const REFUSAL_KINDS = new Set([
  'access_denied',
  'api_key_required',
  'credentials_required',
  'credentials_rejected',
  'not_supported',
  'unauthorized_network',
]);

export function fromCapability(cap: Exclude<Capability, { supported: true }>): SendOutcome {
  return { kind: 'refused', reasonKind: cap.reason, reason: cap.message };
}

export function fromResult(result: ActionResult): SendOutcome {
  if (result.ok) return { kind: 'sent', message: result.message };
  return fromError(result.error);
}

function fromError(error: CollectError): SendOutcome {
  if (error.kind === 'access_denied')
    // Stock Antminer (and any cgminer with a read-only API) answers writes with Code 45 (§1.6).
    return {
      kind: 'refused',
      reasonKind: 'write_refused',
      reason: `the device refused the write${error.code ? ` (Code ${error.code})` : ''}: ${error.message}`,
    };
  return {
    kind: REFUSAL_KINDS.has(error.kind) ? 'refused' : 'failed',
    reasonKind: error.kind,
    reason: error.message,
  };
}

/** `stratum+tcp://host:3333` → host and port, as AxeOS wants them (stratumURL has no scheme). */
export function splitStratumUrl(url: string): { host: string; port: number } | undefined {
  const m = /^[a-z0-9+]+:\/\/([^/:]+):(\d+)/i.exec(url.trim());
  return m ? { host: m[1]!, port: Number(m[2]) } : undefined;
}

/** A push device that is a NerdMiner: refused with its reason (reference §2.5); otherwise undefined. */
export function nerdMinerRefusal(protocol: string, model: string | null, action: ActionName) {
  if (protocol !== 'push' || !isNerdMiner(model ?? undefined)) return undefined;
  return fromCapability(
    capabilitiesFor({ protocol: 'push', model: model ?? undefined }).actions[action] as Exclude<
      Capability,
      { supported: true }
    >,
  );
}

async function sendCgminer(
  ep: Endpoint,
  ctx: WriteContext,
  action: ActionName,
  params: ActionParams,
  timeoutMs: number,
  now: number,
): Promise<SendOutcome> {
  const deadline = performance.now() + timeoutMs;
  const session: CgSession = {};
  const err = await identifyCgminer(ep, session, deadline);
  if (err) return fromError(err);
  const family = session.firmware!.family;
  if (ctx.credentialsError !== undefined)
    // A changed server secret (or a damaged row) must not pass for a network failure.
    return {
      kind: 'failed',
      reasonKind: 'credentials_unreadable',
      reason: `stored device credentials could not be decrypted: ${ctx.credentialsError}`,
    };
  const cg: CgWriteContext = {
    credentials: ctx.credentials,
    nominalPowerW: ctx.nominalPowerW,
    braiinsGrpcPort: ctx.braiinsGrpcPort,
  };
  const hasCredentials = Boolean(ctx.credentials);
  const cap = capabilitiesFor({ protocol: 'cgminer', family, hasCredentials }).actions[action];
  if (!cap.supported) return fromCapability(cap);
  let a: CgAction;
  if (action === 'switchPool')
    a = { action, pool: { url: params.poolUrl ?? '', user: params.poolUser ?? '', password: 'x' } };
  else if (action === 'setPowerTarget') a = { action, powerTargetW: params.powerTargetW ?? 0 };
  else a = { action };
  return fromResult(await cgminerAction(ep, family, a, deadline, now / 1000, cg));
}

async function sendAxeos(
  ep: Endpoint,
  action: ActionName,
  params: ActionParams,
  timeoutMs: number,
  now: number,
): Promise<SendOutcome> {
  const deadline = performance.now() + timeoutMs;
  // One read first: the firmware version decides pause/resume, presets and current power the power target.
  const session: AxeosSession = {};
  const polled = await pollAxeos(ep, session, deadline, now);
  if (!polled.ok) return fromError(polled.error);
  const cap = capabilitiesFor({ protocol: 'axeos', firmware: session.firmware }).actions[action];
  if (!cap.supported) return fromCapability(cap);
  let a: AxeosAction;
  if (action === 'switchPool') {
    const hp = splitStratumUrl(params.poolUrl ?? '');
    if (!hp)
      return {
        kind: 'failed',
        reasonKind: 'bad_pool',
        reason: `cannot read host and port of ${params.poolUrl}`,
      };
    a = { action, pool: { ...hp, user: params.poolUser ?? '' } };
  } else if (action === 'setPowerTarget') a = { action, powerTargetW: params.powerTargetW ?? 0 };
  else a = { action };
  return fromResult(await axeosAction(ep, session, a, deadline));
}

/** Sends `action` to a real device with the context given; never reads a database. */
export async function sendOverWire(
  target: WireTarget,
  ctx: WriteContext,
  action: ActionName,
  params: ActionParams,
  opts: { timeoutMs: number; now: number },
): Promise<SendOutcome> {
  const protocol = target.protocol as 'cgminer' | 'axeos' | 'dcgm' | 'push';
  const nerd = nerdMinerRefusal(protocol, ctx.model, action);
  if (nerd) return nerd;
  if (protocol === 'push' || protocol === 'dcgm' || target.host === null || target.port === null) {
    const cap = capabilitiesFor({ protocol: protocol === 'dcgm' ? 'dcgm' : 'push' }).actions[action];
    return cap.supported
      ? { kind: 'failed', reasonKind: 'no_endpoint', reason: 'no endpoint' }
      : fromCapability(cap);
  }
  const ep = { host: target.host, port: target.port };
  try {
    return protocol === 'cgminer'
      ? await sendCgminer(ep, ctx, action, params, opts.timeoutMs, opts.now)
      : await sendAxeos(ep, action, params, opts.timeoutMs, opts.now);
  } catch (error) {
    return {
      kind: 'failed',
      reasonKind: 'network',
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}
