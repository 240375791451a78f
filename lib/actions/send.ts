// Sends one claimed action to its device: over the wire through the protocol clients, or, for a
// device whose telemetry comes from the built-in simulator, by telling the simulator (which obeys:
// sim_device_control). Either way confirmation comes later, from telemetry (confirm.ts).
import { type AxeosAction, type AxeosSession, axeosAction, pollAxeos } from '../collectors/clients/axeos';
import { type Capability, capabilitiesFor, isNerdMiner } from '../collectors/clients/capabilities';
import { type CgSession, identifyCgminer } from '../collectors/clients/cgminer';
import { type CgAction, type CgWriteContext, cgminerAction } from '../collectors/clients/cgminer-actions';
import type { ActionResult, CollectError, Endpoint } from '../collectors/clients/types';
import { getDb } from '../db/client';
import { getEnv } from '../env';
import { readDeviceCredentials } from '../inventory/credentials';
import type { ActionName, ActionParams } from './types';

export type SendTarget = {
  deviceId: number;
  protocol: string;
  host: string | null;
  port: number | null;
  simulated: boolean;
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

function fromCapability(cap: Exclude<Capability, { supported: true }>): SendOutcome {
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

/** Per-device inputs of some writes: stored credentials (decrypted here only) and nameplate power. */
async function writeContext(deviceId: number): Promise<CgWriteContext> {
  const device = await getDb().device.findUnique({
    where: { id: deviceId },
    select: { model: { select: { nominalPowerW: true } } },
  });
  return {
    credentials: await readDeviceCredentials(deviceId),
    nominalPowerW: device?.model.nominalPowerW ?? null,
    braiinsGrpcPort: getEnv().BRAIINS_GRPC_PORT,
  };
}

async function sendCgminer(
  deviceId: number,
  ep: Endpoint,
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
  let ctx: CgWriteContext;
  try {
    ctx = await writeContext(deviceId);
  } catch (error) {
    // A changed server secret (or a damaged row) must not pass for a network failure.
    return {
      kind: 'failed',
      reasonKind: 'credentials_unreadable',
      reason: `stored device credentials could not be decrypted: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const hasCredentials = Boolean(ctx.credentials);
  const cap = capabilitiesFor({ protocol: 'cgminer', family, hasCredentials }).actions[action];
  if (!cap.supported) return fromCapability(cap);
  let a: CgAction;
  if (action === 'switchPool')
    a = { action, pool: { url: params.poolUrl ?? '', user: params.poolUser ?? '', password: 'x' } };
  else if (action === 'setPowerTarget') a = { action, powerTargetW: params.powerTargetW ?? 0 };
  else a = { action };
  return fromResult(await cgminerAction(ep, family, a, deadline, now / 1000, ctx));
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

/** The simulator's side of an action: what the simulated device is told, read by lib/sim/fleet-source.ts. */
async function sendSimulated(deviceId: number, action: ActionName, params: ActionParams, now: number) {
  const change: { paused?: boolean; powerTargetW?: number; poolUrl?: string } = {};
  if (action === 'pause') change.paused = true;
  if (action === 'resume') change.paused = false;
  if (action === 'setPowerTarget') change.powerTargetW = params.powerTargetW;
  if (action === 'switchPool') change.poolUrl = params.poolUrl;
  // A simulated reboot changes nothing the simulator reports: it keeps reporting, which confirms it.
  await getDb().simDeviceControl.upsert({
    where: { deviceId },
    create: { deviceId, ...change, updatedAt: BigInt(now) },
    update: { ...change, updatedAt: BigInt(now) },
  });
  return { kind: 'sent', message: 'simulated: the built-in simulator applies it' } as const;
}

export async function sendAction(
  target: SendTarget,
  action: ActionName,
  params: ActionParams,
  opts: { timeoutMs: number; now: number },
): Promise<SendOutcome> {
  const protocol = target.protocol as 'cgminer' | 'axeos' | 'dcgm' | 'push';
  if (protocol === 'push') {
    // A NerdMiner has no local API, simulated or not (reference §2.5): refused with its reason.
    const row = await getDb().device.findUnique({
      where: { id: target.deviceId },
      select: { model: { select: { model: true } } },
    });
    if (isNerdMiner(row?.model.model))
      return fromCapability(
        capabilitiesFor({ protocol: 'push', model: row?.model.model }).actions[action] as Exclude<
          Capability,
          { supported: true }
        >,
      );
  }
  if (target.simulated) return sendSimulated(target.deviceId, action, params, opts.now);
  if (protocol === 'push' || protocol === 'dcgm' || target.host === null || target.port === null) {
    const cap = capabilitiesFor({ protocol: protocol === 'dcgm' ? 'dcgm' : 'push' }).actions[action];
    return cap.supported
      ? { kind: 'failed', reasonKind: 'no_endpoint', reason: 'no endpoint' }
      : fromCapability(cap);
  }
  const ep = { host: target.host, port: target.port };
  try {
    return protocol === 'cgminer'
      ? await sendCgminer(target.deviceId, ep, action, params, opts.timeoutMs, opts.now)
      : await sendAxeos(ep, action, params, opts.timeoutMs, opts.now);
  } catch (error) {
    return {
      kind: 'failed',
      reasonKind: 'network',
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}
