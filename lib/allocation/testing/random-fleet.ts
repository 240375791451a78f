import type { AllocationDevice, AllocationInput, AllocationJob, AllocationSite, MinerModel } from '../types';
import { BITAXE, curve, DGX_H100, input, job, RTX_RIG, S19J_PRO, S21 } from './fixtures';

/**
 * Deterministic random fleets for property tests and the benchmark: diurnal prices with spikes and
 * negative hours, caps that bind in some sites, hold times, guardrails, maintenance devices,
 * running and queued jobs. The current state always fits each site's cap (it is what runs now).
 */

export type FleetSize = {
  sites: number;
  miners: number;
  gpuServers: number;
  jobs: number;
  intervals: number;
  /** Extra ASIC models beyond the three built-in ones (more groups). */
  extraModels?: number;
  /**
   * Share of miners in the fleet's usual state (mining at nameplate for long, or off for long);
   * the rest get a random profile and a random time in state. Default 0: all random.
   */
  settledShare?: number;
};

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomFleet(seed: number, size: FleetSize): AllocationInput {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const extra: MinerModel[] = Array.from({ length: size.extraModels ?? 0 }, (_, i) => {
    const powerW = int(2800, 5500);
    const jPerTh = 12 + r() * 22;
    return {
      modelId: `asic-${i}`,
      name: `ASIC ${i}`,
      class: 'asic',
      profiles: curve(powerW, powerW / jPerTh, [0.6, 0.8, 1, 1.1]),
      nominalIndex: 2,
    };
  });
  const minerModels = [S19J_PRO, S21, BITAXE, ...extra];
  const T = size.intervals;
  const sites: AllocationSite[] = Array.from({ length: size.sites }, (_, i) => {
    const base = 20 + r() * 60;
    const amp = r() * 50;
    const prices = Array.from({ length: T }, (_, t) => {
      const spike = r() < 0.06 ? 100 + r() * 300 : 0;
      const dip = r() < 0.04 ? -40 - r() * 40 : 0;
      return Math.round((base + amp * Math.sin(((t - 6) / 24) * 2 * Math.PI) + spike + dip) * 100) / 100;
    });
    return {
      siteId: `s${i}`,
      name: `Site ${i}`,
      capacityKw: 0,
      pue: 1 + Math.round(r() * 30) / 100,
      priceUsdPerMwh: prices,
      curtailable: r() > 0.1,
      firmPower: r() > 0.4,
      poolFeePct: pick([0, 1, 2, 2.5]),
      maxSwitchPct: pick([100, 25, 10, 5]),
      quietIntervals: r() < 0.3 ? [int(0, T - 1), int(0, T - 1)] : [],
    };
  });
  const devices: AllocationDevice[] = [];
  for (let i = 0; i < size.miners; i++) {
    const model = r() < 0.1 ? BITAXE : pick(minerModels.filter((m) => m.class === 'asic'));
    const on = r() < 0.75;
    const settled = r() < (size.settledShare ?? 0);
    const profile =
      model.class === 'micro' || settled ? model.nominalIndex : int(0, model.profiles.length - 1);
    const sinceMin = settled ? 1000 : pick([0, 30, 60, 240, 1000]);
    devices.push({
      deviceId: `m${i}`,
      siteId: `s${i % size.sites}`,
      modelId: model.modelId,
      state: on
        ? { kind: 'mine', powerW: model.profiles[profile]!.powerW, sinceMin }
        : { kind: 'off', sinceMin },
      maintenance: r() < 0.02,
    });
  }
  for (let i = 0; i < size.gpuServers; i++) {
    const model = r() < 0.7 ? DGX_H100 : RTX_RIG;
    devices.push({
      deviceId: `g${i}`,
      siteId: `s${i % size.sites}`,
      modelId: model.modelId,
      state: { kind: 'gpu', rentedGpus: 0 },
      maintenance: r() < 0.02,
    });
  }
  const jobs = randomJobs(r, size, devices, T);
  const built = input({
    intervals: T,
    sites,
    minerModels,
    devices,
    jobs,
    hashpriceUsdPerPhDay: 35 + r() * 25,
    rental: [
      { gpuModel: 'h100', usdPerGpuH: 1.5 + r(), utilisation: 0.5 + r() * 0.4 },
      ...(r() < 0.7 ? [{ gpuModel: 'rtx-4090', usdPerGpuH: 0.2 + r() * 0.3, utilisation: 0.6 }] : []),
    ],
    hysteresis: {
      asic: {
        minOnMin: pick([0, 60, 120, 180]),
        minOffMin: pick([0, 60, 120]),
        switchCostUsd: pick([0, 0.2, 1]),
      },
      micro: { minOnMin: pick([0, 60]), minOffMin: 0, switchCostUsd: pick([0, 0.01]) },
    },
  });
  fitCaps(built, r);
  return built;
}

function randomJobs(
  r: () => number,
  size: FleetSize,
  devices: AllocationDevice[],
  T: number,
): AllocationJob[] {
  const jobs: AllocationJob[] = [];
  const freeGpus = new Map<string, number>();
  for (const d of devices)
    if (d.state.kind === 'gpu' && !d.maintenance) freeGpus.set(d.deviceId, d.modelId === 'dgx-h100' ? 8 : 2);
  for (let i = 0; i < size.jobs; i++) {
    const h100 = r() < 0.7;
    const gpuCount = h100 ? [1, 2, 4, 8, 16][Math.floor(r() * 5)]! : [1, 2][Math.floor(r() * 2)]!;
    const j = job(`j${i}`, {
      gpuCount,
      gpuModel: r() < 0.8 ? (h100 ? 'h100' : 'rtx-4090') : null,
      minGpuMemoryGb: h100 ? 80 : 24,
      remainingH: 1 + Math.floor(r() * T * 1.5),
      usdPerGpuH: h100 ? 1.2 + r() * 2 : 0.2 + r() * 0.4,
      deadlineInterval: r() < 0.2 ? Math.floor(r() * T) : null,
      priority: Math.floor(r() * 3),
      preemptible: r() < 0.4,
      preemptPenaltyUsd: Math.round(r() * 50),
      multiNode: gpuCount > 8 || r() < 0.1,
      needsFirmPower: r() < 0.3,
    });
    if (r() < 0.3) {
      const server = [...freeGpus].find(([id, free]) => {
        const d = devices.find((x) => x.deviceId === id)!;
        return free >= gpuCount && (d.modelId === 'dgx-h100') === h100;
      });
      if (server) {
        freeGpus.set(server[0], server[1] - gpuCount);
        j.running = [{ deviceId: server[0], gpus: gpuCount }];
        j.needsFirmPower = false;
        j.gpuModel = h100 ? 'h100' : 'rtx-4090';
      }
    }
    jobs.push(j);
  }
  return jobs;
}

/** Caps between 50 % and 130 % of nameplate, raised where what runs now would not fit. */
function fitCaps(built: AllocationInput, r: () => number) {
  const models = new Map(built.minerModels.map((m) => [m.modelId, m]));
  const gpus = new Map(built.gpuModels.map((g) => [g.modelId, g]));
  const busy = new Map<string, number>();
  for (const j of built.jobs)
    for (const a of j.running ?? []) busy.set(a.deviceId, (busy.get(a.deviceId) ?? 0) + a.gpus);
  for (const s of built.sites) {
    let nameplateW = 0;
    let currentW = 0;
    for (const d of built.devices.filter((x) => x.siteId === s.siteId)) {
      const m = models.get(d.modelId);
      const g = gpus.get(d.modelId);
      if (m) {
        nameplateW += m.profiles[m.nominalIndex]!.powerW;
        if (d.state.kind === 'mine') currentW += d.state.powerW;
      } else if (g) {
        nameplateW += g.busyPowerW;
        currentW += g.idlePowerW + ((g.busyPowerW - g.idlePowerW) * (busy.get(d.deviceId) ?? 0)) / g.gpuCount;
      }
    }
    const cap = (nameplateW * s.pue * (0.5 + r() * 0.8)) / 1000;
    s.capacityKw = Math.ceil(Math.max(cap, (currentW * s.pue) / 1000 + 1));
  }
}
