import {
  type DeviceClassKey,
  type DeviceModelSpec,
  hashrateAtPowerThs,
  type PowerProfile,
} from '../inventory/catalogue';
import type { FaultClass } from './faults';

/**
 * What the server asks a device to do. A GPU node cannot mine SHA-256 usefully and an ASIC cannot
 * run AI work, so the simulator treats those combinations as 'idle'.
 */
export type SimMode = 'mining' | 'ai' | 'idle' | 'curtailed' | 'maintenance';

export type SimDevice = {
  id: number;
  class: DeviceClassKey;
  nominalHashrateThs: number | null;
  nominalPowerW: number;
  maxTempC: number;
  gpuCount: number | null;
  gpuMemoryGb: number | null;
  /** Power target (ASIC tuner target, GPU power cap); null = nameplate. */
  powerTargetW?: number | null;
  /** The model's W → TH/s profiles; without them a generic tuning curve is used. */
  powerProfiles?: PowerProfile[] | null;
  mode: SimMode;
  /**
   * When the current mode and power target took effect. Counters restart there (as a miner's do
   * when it wakes or retunes); without it they may restart when the mode changes between samples.
   */
  modeSinceTs?: number;
  poolUrl?: string | null;
  /** The mode comes from an assignment (lib/workloads), not from the stand-in AI schedule. */
  assigned?: boolean;
};

/** Builds a SimDevice from a catalogue entry. */
export function simDeviceFromSpec(
  id: number,
  spec: DeviceModelSpec,
  mode: SimMode,
  extra: Pick<SimDevice, 'powerTargetW' | 'modeSinceTs' | 'poolUrl'> = {},
): SimDevice {
  return {
    id,
    class: spec.class,
    nominalHashrateThs: spec.nominalHashrateThs,
    nominalPowerW: spec.nominalPowerW,
    maxTempC: spec.maxTempC,
    gpuCount: spec.gpuCount,
    gpuMemoryGb: spec.gpuMemoryGb,
    powerProfiles: spec.powerProfiles,
    mode,
    ...extra,
  };
}

/** Micro-class devices under 1 GH/s hash in software on a microcontroller (NerdMiner): no temps, no fans. */
export function faultClassOf(device: Pick<SimDevice, 'class' | 'nominalHashrateThs'>): FaultClass {
  if (device.class === 'micro' && (device.nominalHashrateThs ?? 0) < 1e-3) return 'software';
  return device.class;
}

export function effectiveMode(device: Pick<SimDevice, 'class' | 'mode'>): SimMode {
  if (device.class === 'gpu' && device.mode === 'mining') return 'idle';
  if (device.class !== 'gpu' && device.mode === 'ai') return 'idle';
  return device.mode;
}

/**
 * Configured operating point: nameplate, or the power target placed on the model's profiles
 * (clamped to their range, as firmware clamps it) or on the generic P ∝ H^1.6 curve.
 */
export function operatingPoint(device: SimDevice): { powerW: number; hashrateThs: number } {
  const nominalH = device.nominalHashrateThs ?? 0;
  const target = device.powerTargetW;
  if (!target || target <= 0) return { powerW: device.nominalPowerW, hashrateThs: nominalH };
  const profiles = device.powerProfiles;
  if (profiles && profiles.length > 0) {
    const powerW = Math.min(Math.max(target, profiles[0]!.powerW), profiles[profiles.length - 1]!.powerW);
    return { powerW, hashrateThs: hashrateAtPowerThs({ powerProfiles: profiles }, powerW) ?? nominalH };
  }
  const fraction = Math.min(Math.max(target / device.nominalPowerW, 0.5), 1.15);
  return { powerW: device.nominalPowerW * fraction, hashrateThs: nominalH * fraction ** (1 / 1.6) };
}

/** Per-sample values shared by the miner and GPU models. */
export type ModelContext = {
  device: SimDevice;
  seed: number;
  ts: number;
  /** Air entering this device, °C. */
  inletC: number;
  /** The unit's own power deviation from nameplate (vendors quote ±5 %). */
  unitPower: number;
  /** Scales per-sample noise with the sampling interval: short intervals average less. */
  noiseScale: number;
};
