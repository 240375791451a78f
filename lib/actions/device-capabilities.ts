// Which actions a device offers, for the device page: the simulator's devices offer what the
// simulator obeys; polled devices are asked who they are (one `version` or info request), then
// lib/collectors/clients/capabilities.ts decides. The executor checks again when it sends.

import { type Actor, requireRole } from '../auth/actor';
import { type AxeosSession, pollAxeos } from '../collectors/clients/axeos';
import {
  ACTIONS,
  type Capability,
  capabilitiesFor,
  type DeviceCapabilities,
  isNerdMiner,
} from '../collectors/clients/capabilities';
import { type CgSession, identifyCgminer } from '../collectors/clients/cgminer';
import { getDb } from '../db/client';
import { notFound } from '../errors';
import { deviceScopeWhere } from '../inventory/scope';
import { isSimulatedDevice } from './simulated';

export type DeviceActionCapabilities = DeviceCapabilities & {
  simulated: boolean;
  /** Firmware family or version the device identified itself with, when it answered. */
  identified: string | null;
  /** Why the device could not be asked (it did not answer); the actions are then offered unchecked. */
  probeError: string | null;
};

const PROBE_TIMEOUT_MS = 2_000;

/** Pure: what a simulated device of a class offers (a GPU server has no pool to switch). */
export function simulatedCapabilities(deviceClass: string): DeviceCapabilities {
  const yes: Capability = { supported: true, via: 'simulated: the built-in simulator obeys' };
  const actions = Object.fromEntries(ACTIONS.map((a) => [a, yes])) as DeviceCapabilities['actions'];
  if (deviceClass === 'gpu')
    actions.switchPool = {
      supported: false,
      reason: 'not_supported',
      message: 'GPU servers do not mine on a pool',
    };
  return { pushOnly: false, actions };
}

export async function getDeviceCapabilities(
  actor: Actor,
  deviceId: number,
): Promise<DeviceActionCapabilities> {
  requireRole(actor, 'viewer');
  const device = await getDb().device.findFirst({
    where: { id: deviceId, ...deviceScopeWhere(actor) },
    select: { protocol: true, host: true, port: true, model: { select: { class: true, model: true } } },
  });
  if (!device) throw notFound(`Device ${deviceId}`);
  // A NerdMiner has no local API even in the demo (reference §2.5): the simulator does not pretend.
  if (isSimulatedDevice(device.protocol) && !isNerdMiner(device.model.model))
    return {
      ...simulatedCapabilities(device.model.class),
      simulated: true,
      identified: null,
      probeError: null,
    };
  const base = { simulated: isSimulatedDevice(device.protocol), identified: null, probeError: null };
  if (device.protocol === 'push' || device.protocol === 'dcgm' || !device.host || !device.port)
    return {
      ...capabilitiesFor({
        protocol: device.protocol === 'dcgm' ? 'dcgm' : 'push',
        model: device.model.model,
      }),
      ...base,
    };
  const hasCredentials = (await getDb().deviceCredential.count({ where: { deviceId } })) > 0;
  const ep = { host: device.host, port: device.port };
  const deadline = performance.now() + PROBE_TIMEOUT_MS;
  if (device.protocol === 'cgminer') {
    const session: CgSession = {};
    const err = await identifyCgminer(ep, session, deadline);
    if (err)
      return {
        ...capabilitiesFor({ protocol: 'cgminer', hasCredentials }),
        ...base,
        probeError: err.message,
      };
    const family = session.firmware!.family;
    return {
      ...capabilitiesFor({ protocol: 'cgminer', family, hasCredentials }),
      ...base,
      identified: family,
    };
  }
  const session: AxeosSession = {};
  const polled = await pollAxeos(ep, session, deadline, Date.now());
  if (!polled.ok)
    return { ...capabilitiesFor({ protocol: 'axeos' }), ...base, probeError: polled.error.message };
  return {
    ...capabilitiesFor({ protocol: 'axeos', firmware: session.firmware }),
    ...base,
    identified: session.firmware ? `AxeOS ${session.firmware}` : 'AxeOS',
  };
}
