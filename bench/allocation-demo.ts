import type { AllocationDevice, AllocationInput, GpuServerModel, MinerModel } from '../lib/allocation/types';
import { DEVICE_MODELS, modelKey } from '../lib/inventory/catalogue';
import { buildDemoFleet } from '../lib/sim/demo-fleet';

/**
 * The demo fleet (3 sites, ~1,200 devices) as an engine input for the benchmark. Prices are a
 * plain diurnal shape per site (the real adapters read the market store); idle GPU nodes are
 * assumed to draw 30 % of their busy power. Current state: every device mining / idle.
 */
export function demoAllocationInput(hashpriceUsdPerPhDay = 45): AllocationInput {
  const fleet = buildDemoFleet(1);
  const minerModels: MinerModel[] = [];
  const gpuModels: GpuServerModel[] = [];
  for (const spec of DEVICE_MODELS) {
    const id = modelKey(spec);
    if (spec.class === 'gpu') {
      gpuModels.push({
        modelId: id,
        name: spec.model,
        gpuModel: spec.gpuModel!,
        gpuCount: spec.gpuCount!,
        gpuMemoryGb: spec.gpuMemoryGb!,
        busyPowerW: spec.nominalPowerW,
        idlePowerW: Math.round(spec.nominalPowerW * 0.3),
      });
      continue;
    }
    const profiles = (
      spec.powerProfiles ?? [{ powerW: spec.nominalPowerW, hashrateThs: spec.nominalHashrateThs ?? 0 }]
    ).map((p) => ({ powerW: p.powerW, hashrateThs: p.hashrateThs }));
    const nominalIndex = Math.max(
      0,
      profiles.findIndex((p) => p.powerW === spec.nominalPowerW),
    );
    minerModels.push({ modelId: id, name: spec.model, class: spec.class, profiles, nominalIndex });
  }
  const gpuIds = new Set(gpuModels.map((g) => g.modelId));
  const byId = new Map(minerModels.map((m) => [m.modelId, m]));
  const devices: AllocationDevice[] = fleet.devices.map((d) => ({
    deviceId: d.serial,
    siteId: d.siteKey,
    modelId: d.modelKey,
    state: gpuIds.has(d.modelKey)
      ? { kind: 'gpu', rentedGpus: 0 }
      : {
          kind: 'mine',
          powerW: byId.get(d.modelKey)!.profiles[byId.get(d.modelKey)!.nominalIndex]!.powerW,
          sinceMin: 600,
        },
    maintenance: false,
  }));
  const diurnal = (base: number, amp: number) =>
    Array.from(
      { length: 24 },
      (_, t) => Math.round((base + amp * Math.sin(((t - 8) / 24) * 2 * Math.PI)) * 100) / 100,
    );
  return {
    startMs: Date.UTC(2025, 0, 15),
    intervalMin: 60,
    intervals: 24,
    hashpriceUsdPerPhDay,
    sites: fleet.sites.map((s, i) => ({
      siteId: s.key,
      name: s.name,
      capacityKw: s.powerCapacityKw,
      pue: s.pue,
      priceUsdPerMwh: diurnal([45, 40, 120][i] ?? 50, [25, 30, 80][i] ?? 20),
      curtailable: s.curtailable,
      firmPower: s.firmPower,
      poolFeePct: s.poolFeePct,
      maxSwitchPct: 20,
      quietIntervals: [],
    })),
    minerModels,
    gpuModels,
    devices,
    jobs: [],
    rental: [
      { gpuModel: 'h100-sxm', usdPerGpuH: 2, utilisation: 0.7 },
      { gpuModel: 'rtx-4090', usdPerGpuH: 0.35, utilisation: 0.7 },
    ],
    hysteresis: {
      asic: { minOnMin: 60, minOffMin: 60, switchCostUsd: 0.5 },
      micro: { minOnMin: 0, minOffMin: 0, switchCostUsd: 0 },
    },
    constraints: { holdTimes: true, guardrails: true },
  };
}
