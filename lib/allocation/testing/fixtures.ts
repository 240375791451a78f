import type {
  AllocationDevice,
  AllocationInput,
  AllocationJob,
  AllocationSite,
  GpuServerModel,
  MinerModel,
  PowerProfile,
} from '../types';

/**
 * Small builders for engine inputs in tests and benchmarks. Figures are nameplate-like values in
 * the spirit of the catalogue (lib/inventory/catalogue.ts), written here so tests do not depend on
 * catalogue edits.
 */

/** Under/overclock points with P/Pn = (H/Hn)^1.6, as the catalogue derives them. */
export function curve(powerW: number, hashrateThs: number, fractions: number[]): PowerProfile[] {
  return fractions.map((f) => ({
    powerW: Math.round(powerW * f),
    hashrateThs: hashrateThs * f ** (1 / 1.6),
  }));
}

export const S19J_PRO: MinerModel = {
  modelId: 's19jpro',
  name: 'S19j Pro',
  class: 'asic',
  profiles: curve(3068, 104, [0.6, 0.75, 0.9, 1]),
  nominalIndex: 3,
};

export const S21: MinerModel = {
  modelId: 's21',
  name: 'S21',
  class: 'asic',
  profiles: curve(3500, 200, [0.6, 0.75, 0.9, 1, 1.1]),
  nominalIndex: 3,
};

export const BITAXE: MinerModel = {
  modelId: 'bitaxe',
  name: 'Bitaxe Gamma',
  class: 'micro',
  profiles: curve(18, 1.2, [0.75, 1, 1.2]),
  nominalIndex: 1,
};

export const DGX_H100: GpuServerModel = {
  modelId: 'dgx-h100',
  name: 'DGX H100',
  gpuModel: 'h100',
  gpuCount: 8,
  gpuMemoryGb: 80,
  busyPowerW: 10_200,
  idlePowerW: 3_000,
};

export const RTX_RIG: GpuServerModel = {
  modelId: 'rtx-rig',
  name: 'RTX 4090 rig',
  gpuModel: 'rtx-4090',
  gpuCount: 2,
  gpuMemoryGb: 24,
  busyPowerW: 1_200,
  idlePowerW: 250,
};

export function site(siteId: string, prices: number[], over: Partial<AllocationSite> = {}): AllocationSite {
  return {
    siteId,
    name: siteId,
    capacityKw: 10_000,
    pue: 1,
    priceUsdPerMwh: prices,
    curtailable: true,
    firmPower: true,
    poolFeePct: 0,
    maxSwitchPct: 100,
    quietIntervals: [],
    ...over,
  };
}

export function miners(
  prefix: string,
  siteId: string,
  model: MinerModel,
  count: number,
  state: AllocationDevice['state'] = {
    kind: 'mine',
    powerW: model.profiles[model.nominalIndex]!.powerW,
    sinceMin: 600,
  },
): AllocationDevice[] {
  return Array.from({ length: count }, (_, i) => ({
    deviceId: `${prefix}${i}`,
    siteId,
    modelId: model.modelId,
    state,
    maintenance: false,
  }));
}

export function servers(
  prefix: string,
  siteId: string,
  model: GpuServerModel,
  count: number,
): AllocationDevice[] {
  return Array.from({ length: count }, (_, i) => ({
    deviceId: `${prefix}${i}`,
    siteId,
    modelId: model.modelId,
    state: { kind: 'gpu', rentedGpus: 0 },
    maintenance: false,
  }));
}

export function job(jobId: string, over: Partial<AllocationJob> = {}): AllocationJob {
  return {
    jobId,
    gpuCount: 8,
    gpuModel: 'h100',
    minGpuMemoryGb: null,
    remainingH: 4,
    usdPerGpuH: 2,
    deadlineInterval: null,
    deadlinePenaltyUsd: null,
    priority: 0,
    preemptible: false,
    preemptPenaltyUsd: 0,
    multiNode: false,
    needsFirmPower: false,
    running: null,
    ...over,
  };
}

export function input(over: Partial<AllocationInput>): AllocationInput {
  return {
    startMs: Date.UTC(2024, 5, 1),
    intervalMin: 60,
    intervals: over.sites?.[0]?.priceUsdPerMwh.length ?? 24,
    hashpriceUsdPerPhDay: 50,
    sites: [],
    minerModels: [S19J_PRO, S21, BITAXE],
    gpuModels: [DGX_H100, RTX_RIG],
    devices: [],
    jobs: [],
    rental: [],
    hysteresis: {
      asic: { minOnMin: 0, minOffMin: 0, switchCostUsd: 0 },
      micro: { minOnMin: 0, minOffMin: 0, switchCostUsd: 0 },
    },
    constraints: { holdTimes: true, guardrails: true },
    ...over,
  };
}
