import { energyCostUsdPerDay, miningRevenuePerDay } from '../economics';
import type {
  AllocationDevice,
  AllocationInput,
  AllocationJob,
  AllocationSite,
  GpuServerModel,
  Hysteresis,
  MinerModel,
} from './types';
import { validateInput } from './validate';

/**
 * Turns the input into the aggregated model both solvers work on: identical miners (same site,
 * model, current on/off state and profile, same remaining hold) become one group with a count, and
 * every $ figure per option and interval is computed once here.
 */

export type GroupMember = { deviceId: string; sinceMin: number };

export type MinerGroup = {
  key: string;
  siteIndex: number;
  model: MinerModel;
  members: GroupMember[];
  count: number;
  currentOn: boolean;
  /** Profile the group runs now (index into model.profiles), -1 when off. */
  currentProfile: number;
  /** Intervals the group must keep its current on/off state (hold time not yet served). */
  holdIntervals: number;
  /** Minimum run lengths in intervals for new on/off periods inside the horizon. */
  minOnIntervals: number;
  minOffIntervals: number;
  switchCostUsd: number;
  /** Non-curtailable site: a mining device is never switched off. */
  noSwitchOff: boolean;
  /** Profiles this group may run (all for ASICs, the nominal one for micro-miners). */
  options: number[];
  /** Meter kW per profile (device W × PUE). */
  kwByProfile: number[];
  /** $ per device per interval per profile: revenue − energy. */
  marginByProfile: number[][];
};

export type GpuServer = {
  deviceId: string;
  siteIndex: number;
  model: GpuServerModel;
  idleKw: number;
  /** Meter kW each busy GPU adds over idle. */
  busyKwPerGpu: number;
};

/** Revenue of one rented GPU per interval: rate × utilisation × interval hours. */
export type RentalOption = { usdPerGpuInterval: number };

export type SiteModel = {
  site: AllocationSite;
  index: number;
  deviceCount: number;
  /** Most on/off changes allowed per interval (Infinity without guardrails; 0 in quiet intervals). */
  maxSwitches: number[];
  /** Meter kW of maintenance devices per interval; never changes. */
  maintenanceKw: number;
  maintenanceUsd: number;
  groups: MinerGroup[];
  servers: GpuServer[];
  /** Keyed by GPU model; missing = no rental market for that model. */
  rental: Map<string, RentalOption>;
};

export type Model = {
  input: AllocationInput;
  dtH: number;
  intervals: number;
  sites: SiteModel[];
  siteIndex: Map<string, number>;
  minerModels: Map<string, MinerModel>;
  gpuModels: Map<string, GpuServerModel>;
  devices: Map<string, AllocationDevice>;
  servers: Map<string, GpuServer>;
  jobs: Map<string, AllocationJob>;
};

export function intervalsFor(minutes: number, intervalMin: number): number {
  return Math.max(0, Math.ceil(minutes / intervalMin - 1e-9));
}

export function energyUsd(powerW: number, pue: number, priceUsdPerMwh: number, dtH: number): number {
  return (energyCostUsdPerDay({ powerW, pue, priceUsdPerMwh }) * dtH) / 24;
}

export function buildModel(input: AllocationInput): Model {
  validateInput(input);
  const dtH = input.intervalMin / 60;
  const T = input.intervals;
  const minerModels = new Map(input.minerModels.map((m) => [m.modelId, m]));
  const gpuModels = new Map(input.gpuModels.map((m) => [m.modelId, m]));
  const siteIndex = new Map(input.sites.map((s, i) => [s.siteId, i]));
  const sites: SiteModel[] = input.sites.map((site, index) => ({
    site,
    index,
    deviceCount: 0,
    maxSwitches: [],
    maintenanceKw: 0,
    maintenanceUsd: 0,
    groups: [],
    servers: [],
    rental: site.rentalEnabled === false ? new Map() : rentalFor(input, dtH),
  }));
  const groups = new Map<string, MinerGroup>();
  const servers = new Map<string, GpuServer>();
  for (const device of input.devices) {
    const s = sites[siteIndex.get(device.siteId)!]!;
    s.deviceCount++;
    if (device.maintenance) {
      const w = maintenancePowerW(device, minerModels, gpuModels);
      s.maintenanceKw += (w * s.site.pue) / 1000;
      for (let t = 0; t < T; t++)
        s.maintenanceUsd += energyUsd(w, s.site.pue, s.site.priceUsdPerMwh[t]!, dtH);
      continue;
    }
    const gpu = gpuModels.get(device.modelId);
    if (gpu) {
      const server: GpuServer = {
        deviceId: device.deviceId,
        siteIndex: s.index,
        model: gpu,
        idleKw: (gpu.idlePowerW * s.site.pue) / 1000,
        busyKwPerGpu: ((gpu.busyPowerW - gpu.idlePowerW) * s.site.pue) / 1000 / gpu.gpuCount,
      };
      s.servers.push(server);
      servers.set(device.deviceId, server);
      continue;
    }
    const model = minerModels.get(device.modelId)!;
    addToGroup(groups, s, model, device, input, dtH);
  }
  for (const s of sites) {
    const cap = input.constraints.guardrails
      ? Math.max(1, Math.floor((s.deviceCount * s.site.maxSwitchPct) / 100))
      : Number.POSITIVE_INFINITY;
    const quiet = new Set(input.constraints.guardrails ? s.site.quietIntervals : []);
    s.maxSwitches = Array.from({ length: T }, (_, t) => (quiet.has(t) ? 0 : cap));
  }
  return {
    input,
    dtH,
    intervals: T,
    sites,
    siteIndex,
    minerModels,
    gpuModels,
    devices: new Map(input.devices.map((d) => [d.deviceId, d])),
    servers,
    jobs: new Map(input.jobs.map((j) => [j.jobId, j])),
  };
}

function addToGroup(
  groups: Map<string, MinerGroup>,
  s: SiteModel,
  model: MinerModel,
  device: AllocationDevice,
  input: AllocationInput,
  dtH: number,
) {
  const state = device.state;
  const currentOn = state.kind === 'mine';
  const currentProfile = state.kind === 'mine' ? nearestProfile(model, state.powerW) : -1;
  const sinceMin = state.kind === 'gpu' ? 0 : state.sinceMin;
  const hyst: Hysteresis = input.constraints.holdTimes
    ? input.hysteresis[model.class]
    : { minOnMin: 0, minOffMin: 0, switchCostUsd: input.hysteresis[model.class].switchCostUsd };
  const holdMin = currentOn ? hyst.minOnMin : hyst.minOffMin;
  const holdIntervals = intervalsFor(holdMin - sinceMin, input.intervalMin);
  const key = `${s.index}|${model.modelId}|${currentProfile}|${holdIntervals}`;
  let group = groups.get(key);
  if (!group) {
    const options = model.class === 'micro' ? [model.nominalIndex] : model.profiles.map((_, i) => i);
    const prices = s.site.priceUsdPerMwh;
    const revenueByProfile = model.profiles.map(
      (p) =>
        (miningRevenuePerDay({
          hashrateThs: p.hashrateThs,
          hashprice: { btcPerThDay: 0, usdPerThDay: input.hashpriceUsdPerPhDay / 1000 },
          poolFeePct: s.site.poolFeePct,
        }).usd *
          dtH) /
        24,
    );
    group = {
      key,
      siteIndex: s.index,
      model,
      members: [],
      count: 0,
      currentOn,
      currentProfile,
      holdIntervals,
      minOnIntervals: intervalsFor(hyst.minOnMin, input.intervalMin),
      minOffIntervals: intervalsFor(hyst.minOffMin, input.intervalMin),
      switchCostUsd: hyst.switchCostUsd,
      noSwitchOff: !s.site.curtailable,
      options,
      kwByProfile: model.profiles.map((p) => (p.powerW * s.site.pue) / 1000),
      marginByProfile: model.profiles.map((p, i) =>
        prices.map((price) => revenueByProfile[i]! - energyUsd(p.powerW, s.site.pue, price, dtH)),
      ),
    };
    groups.set(key, group);
    s.groups.push(group);
  }
  group.members.push({ deviceId: device.deviceId, sinceMin });
  group.count++;
}

function rentalFor(input: AllocationInput, dtH: number): Map<string, RentalOption> {
  return new Map(
    input.rental.map((r) => [r.gpuModel, { usdPerGpuInterval: r.usdPerGpuH * r.utilisation * dtH }]),
  );
}

/** $ one rented GPU on this server adds in interval t: rental revenue − the energy over idle. */
export function rentalMarginUsd(model: Model, server: GpuServer, t: number): number | null {
  const s = model.sites[server.siteIndex]!;
  const rental = s.rental.get(server.model.gpuModel);
  if (!rental) return null;
  const extraW = (server.busyKwPerGpu * 1000) / s.site.pue;
  return rental.usdPerGpuInterval - energyUsd(extraW, s.site.pue, s.site.priceUsdPerMwh[t]!, model.dtH);
}

export function nearestProfile(model: MinerModel, powerW: number): number {
  let best = 0;
  model.profiles.forEach((p, i) => {
    if (Math.abs(p.powerW - powerW) < Math.abs(model.profiles[best]!.powerW - powerW)) best = i;
  });
  return best;
}

function maintenancePowerW(
  device: AllocationDevice,
  miners: Map<string, MinerModel>,
  gpus: Map<string, GpuServerModel>,
): number {
  const state = device.state;
  if (state.kind === 'mine') return state.powerW;
  if (state.kind === 'off') return 0;
  const gpu = gpus.get(device.modelId);
  if (!gpu || miners.has(device.modelId)) return 0;
  return gpu.idlePowerW + ((gpu.busyPowerW - gpu.idlePowerW) * state.rentedGpus) / gpu.gpuCount;
}
