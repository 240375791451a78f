// The server's send of one claimed action: over the wire through the protocol clients
// (send-wire.ts, with the write context read here from the database), or, for a device whose
// telemetry comes from the built-in simulator, by telling the simulator (which obeys:
// sim_device_control). Either way confirmation comes later, from telemetry (confirm.ts).
import { getDb } from '../db/client';
import { getEnv } from '../env';
import { readDeviceCredentials } from '../inventory/credentials';
import {
  nerdMinerRefusal,
  type SendOutcome,
  sendOverWire,
  type WireTarget,
  type WriteContext,
} from './send-wire';
import type { ActionName, ActionParams } from './types';

export { fromResult, type SendOutcome, splitStratumUrl, type WriteContext } from './send-wire';

export type SendTarget = WireTarget & { simulated: boolean };

/**
 * The device's write context from the database: model, nameplate power and, when asked, its stored
 * credentials decrypted (server side only; the agent gets them in its claim answer). A decryption
 * failure is carried as `credentialsError`, so the send can say so instead of failing as a network error.
 */
export async function loadWriteContexts(
  deviceIds: number[],
  opts: { credentials: boolean },
): Promise<Map<number, WriteContext>> {
  const out = new Map<number, WriteContext>();
  if (deviceIds.length === 0) return out;
  const rows = await getDb().device.findMany({
    where: { id: { in: deviceIds } },
    select: { id: true, model: { select: { model: true, nominalPowerW: true } } },
  });
  const braiinsGrpcPort = getEnv().BRAIINS_GRPC_PORT;
  for (const row of rows) {
    const ctx: WriteContext = {
      model: row.model.model,
      nominalPowerW: row.model.nominalPowerW ?? null,
      credentials: null,
      braiinsGrpcPort,
    };
    if (opts.credentials)
      try {
        ctx.credentials = await readDeviceCredentials(row.id);
      } catch (error) {
        ctx.credentialsError = error instanceof Error ? error.message : String(error);
      }
    out.set(row.id, ctx);
  }
  return out;
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
  const wire = !target.simulated && target.protocol === 'cgminer' && target.host !== null;
  const ctx = (await loadWriteContexts([target.deviceId], { credentials: wire })).get(target.deviceId) ?? {
    model: null,
    nominalPowerW: null,
    credentials: null,
    braiinsGrpcPort: getEnv().BRAIINS_GRPC_PORT,
  };
  // A NerdMiner has no local API, simulated or not (reference §2.5): refused with its reason.
  const nerd = nerdMinerRefusal(target.protocol, ctx.model, action);
  if (nerd) return nerd;
  if (target.simulated) return sendSimulated(target.deviceId, action, params, opts.now);
  return sendOverWire(target, ctx, action, params, opts);
}
