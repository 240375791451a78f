import { activeIntervals, jobRevenueUsd, unplacedPenaltyUsd } from './job-terms';
import type { Model } from './prepare';
import type { Plan } from './types';

/** kW at the meter in one interval at one site. */
export type SiteInterval = {
  miningKw: number;
  aiKw: number;
  maintenanceKw: number;
  /** What curtailed or down-powered miners would draw at their nameplate profile. */
  curtailedKw: number;
  /** Capacity not drawn. */
  idleKw: number;
  profitUsd: number;
};

export type Evaluation = {
  objectiveUsd: number;
  miningRevenueUsd: number;
  jobRevenueUsd: number;
  rentalRevenueUsd: number;
  energyCostUsd: number;
  switchCostUsd: number;
  penaltyUsd: number;
  switches: number;
  /** [site][interval] */
  sites: SiteInterval[][];
  /** [site][interval] on/off changes of miners. */
  switchesBySite: number[][];
};

/**
 * Energy is meter kW × $/MWh × hours / 1000, the same product as lib/economics'
 * energyCostUsdPerDay (inlined: this loop runs devices × intervals times per evaluation).
 *
 * The objective of a plan computed from its per-device schedule alone: revenue − energy −
 * switching costs − penalties over the horizon. Both solvers are scored by this one function.
 */
export function evaluatePlan(model: Model, plan: Plan): Evaluation {
  const T = model.intervals;
  const { dtH } = model;
  const ev: Evaluation = {
    objectiveUsd: 0,
    miningRevenueUsd: 0,
    jobRevenueUsd: 0,
    rentalRevenueUsd: 0,
    energyCostUsd: 0,
    switchCostUsd: 0,
    penaltyUsd: 0,
    switches: 0,
    sites: model.sites.map((s) =>
      Array.from({ length: T }, () => ({
        miningKw: 0,
        aiKw: 0,
        maintenanceKw: s.maintenanceKw,
        curtailedKw: 0,
        idleKw: 0,
        profitUsd: -s.maintenanceUsd / T,
      })),
    ),
    switchesBySite: model.sites.map(() => new Array<number>(T).fill(0)),
  };
  for (const s of model.sites) ev.energyCostUsd += s.maintenanceUsd;
  const hpUsdPerThInterval = ((model.input.hashpriceUsdPerPhDay / 1000) * dtH) / 24;
  // Per site and model, the per-profile figures the loop needs (the same expressions, computed
  // once instead of per device and interval: the demo fleet is ~1,200 devices of ~15 kinds).
  type Kind = { si: number; kw: number[]; revenue: number[]; nominalKw: number; switchCostUsd: number };
  const kinds = new Map<string, Map<string, Kind>>();
  const kindOf = (siteId: string, modelId: string): Kind => {
    let bySite = kinds.get(siteId);
    if (!bySite) {
      bySite = new Map();
      kinds.set(siteId, bySite);
    }
    let k = bySite.get(modelId);
    if (k) return k;
    const minerModel = model.minerModels.get(modelId)!;
    const si = model.siteIndex.get(siteId)!;
    const site = model.sites[si]!.site;
    k = {
      si,
      kw: minerModel.profiles.map((profile) => (profile.powerW * site.pue) / 1000),
      revenue: minerModel.profiles.map(
        (profile) => profile.hashrateThs * hpUsdPerThInterval * (1 - site.poolFeePct / 100),
      ),
      nominalKw: (minerModel.profiles[minerModel.nominalIndex]!.powerW * site.pue) / 1000,
      switchCostUsd: model.input.hysteresis[minerModel.class].switchCostUsd,
    };
    bySite.set(modelId, k);
    return k;
  };
  for (const m of plan.miners) {
    const device = model.devices.get(m.deviceId)!;
    const kind = kindOf(device.siteId, device.modelId);
    const { si, nominalKw, switchCostUsd } = kind;
    const prices = model.sites[si]!.site.priceUsdPerMwh;
    const cells = ev.sites[si]!;
    const siteSwitches = ev.switchesBySite[si]!;
    let wasOn = device.state.kind === 'mine';
    for (let t = 0; t < T; t++) {
      const p = m.profileByInterval[t]!;
      const cell = cells[t]!;
      const on = p >= 0;
      if (on !== wasOn) {
        ev.switches++;
        siteSwitches[t]!++;
        ev.switchCostUsd += switchCostUsd;
        cell.profitUsd -= switchCostUsd;
      }
      wasOn = on;
      if (!on) {
        cell.curtailedKw += nominalKw;
        continue;
      }
      const kw = kind.kw[p]!;
      const revenue = kind.revenue[p]!;
      const energy = (kw * prices[t]! * dtH) / 1000;
      cell.miningKw += kw;
      cell.curtailedKw += Math.max(0, nominalKw - kw);
      cell.profitUsd += revenue - energy;
      ev.miningRevenueUsd += revenue;
      ev.energyCostUsd += energy;
    }
  }
  const busy = busyGpus(model, plan);
  for (const g of plan.gpus) {
    const server = model.servers.get(g.deviceId)!;
    const rental = model.sites[server.siteIndex]!.rental.get(server.model.gpuModel);
    for (let t = 0; t < T; t++) {
      const rented = g.rentedByInterval[t]!;
      if (rented > 0 && rental) {
        ev.rentalRevenueUsd += rented * rental.usdPerGpuInterval;
        ev.sites[server.siteIndex]![t]!.profitUsd += rented * rental.usdPerGpuInterval;
      }
    }
  }
  const placed = new Set<string>();
  for (const pl of plan.placements) {
    const job = model.jobs.get(pl.jobId)!;
    placed.add(job.jobId);
    ev.jobRevenueUsd += jobRevenueUsd(job, model);
    const siteCells = ev.sites[model.servers.get(pl.allocations[0]!.deviceId)!.siteIndex]!;
    for (let t = 0; t < activeIntervals(job, model); t++) {
      const hours = Math.min(dtH, job.remainingH - t * dtH);
      siteCells[t]!.profitUsd += job.gpuCount * job.usdPerGpuH * hours;
    }
  }
  for (const g of plan.gpus) {
    const server = model.servers.get(g.deviceId)!;
    const site = model.sites[server.siteIndex]!.site;
    const row = busy.get(g.deviceId)!;
    for (let t = 0; t < T; t++) {
      const kw = server.idleKw + row[t]! * server.busyKwPerGpu;
      const energy = (kw * site.priceUsdPerMwh[t]! * dtH) / 1000;
      const cell = ev.sites[server.siteIndex]![t]!;
      cell.aiKw += kw;
      cell.profitUsd -= energy;
      ev.energyCostUsd += energy;
    }
  }
  for (const job of model.input.jobs) {
    if (placed.has(job.jobId)) continue;
    const penalty = unplacedPenaltyUsd(job, model);
    ev.penaltyUsd += penalty;
    const site = job.running ? model.servers.get(job.running[0]!.deviceId)?.siteIndex : undefined;
    if (site !== undefined) ev.sites[site]![0]!.profitUsd -= penalty;
  }
  model.sites.forEach((s, si) => {
    for (const cell of ev.sites[si]!) {
      cell.idleKw = Math.max(0, s.site.capacityKw - cell.miningKw - cell.aiKw - cell.maintenanceKw);
    }
  });
  ev.objectiveUsd =
    ev.miningRevenueUsd +
    ev.jobRevenueUsd +
    ev.rentalRevenueUsd -
    ev.energyCostUsd -
    ev.switchCostUsd -
    ev.penaltyUsd;
  return ev;
}

/** Busy GPUs per server per interval (jobs + rental), for the checker and the reasons. */
export function busyGpus(model: Model, plan: Plan): Map<string, number[]> {
  const busy = new Map<string, number[]>();
  for (const g of plan.gpus) busy.set(g.deviceId, [...g.rentedByInterval]);
  for (const pl of plan.placements) {
    const job = model.jobs.get(pl.jobId);
    if (!job) continue;
    const d = activeIntervals(job, model);
    for (const a of pl.allocations) {
      const row = busy.get(a.deviceId);
      if (!row) continue;
      for (let t = 0; t < d; t++) row[t]! += a.gpus;
    }
  }
  return busy;
}
