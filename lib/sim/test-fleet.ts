/** Demo fleet wired up as simulator inputs, shared by the simulator tests. */
import { type DeviceModelSpec, findDeviceModel } from '../inventory/catalogue';
import { aiBusyAt } from './ai-schedule';
import type { SimSite } from './ambient';
import { buildDemoFleet } from './demo-fleet';
import { type SimDevice, type SimMode, simDeviceFromSpec } from './sim-device';

export type FleetMember = { id: number; spec: DeviceModelSpec; site: SimSite };

export function simFleet(seed: number): FleetMember[] {
  const fleet = buildDemoFleet(seed);
  const sites = new Map(
    fleet.sites.map((s) => [s.key, { key: s.key, timezone: s.timezone, climate: fleet.climates[s.key]! }]),
  );
  return fleet.devices.map((d, i) => ({
    id: i + 1,
    spec: findDeviceModel(d.modelKey)!,
    site: sites.get(d.siteKey)!,
  }));
}

/** What the lead's loop does until real jobs exist: ASICs mine, GPU nodes follow the stand-in schedule. */
export function defaultMode(member: FleetMember, seed: number, ts: number): SimMode {
  if (member.spec.class !== 'gpu') return 'mining';
  return aiBusyAt(seed, member.id, ts) ? 'ai' : 'idle';
}

export function simDevice(member: FleetMember, mode: SimMode, extra: Partial<SimDevice> = {}): SimDevice {
  return { ...simDeviceFromSpec(member.id, member.spec, mode), ...extra };
}
