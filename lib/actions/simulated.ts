import { getEnv } from '../env';

/**
 * Whether a device's telemetry comes from the built-in simulator, so an action on it is simulated:
 * with SWITCHYARD_SIMULATOR=on the simulator reports for every device (the demo's LAN addresses
 * are fictitious); with `wire` only for push devices (the others are fakes on loopback, polled).
 */
export function isSimulatedDevice(protocol: string): boolean {
  const sim = getEnv().SWITCHYARD_SIMULATOR;
  return sim === 'http' || (sim === 'wire' && protocol === 'push');
}
