import { miningRevenuePerDay } from '../economics';
import type { DeviceDecision } from './explain';
import { energyUsd, nearestProfile } from './prepare';
import type { AllocationDevice, AllocationInput, AllocationSite } from './types';

/**
 * $ per hour one device earns in the first interval under its decision and under what it does now,
 * at that interval's price and the plan's hashprice and rates: the "$ impact" column of the plan
 * preview. Switching costs and hold times are not in it (they belong to the whole schedule).
 */
export type DeviceImpact = { planUsdPerH: number; currentUsdPerH: number; deltaUsdPerH: number };

type GpuLoad = { jobGpus: { jobId: string; gpus: number }[]; rentedGpus: number };

/** A decision with engine (string) or database (number) ids. */
export type DecisionLike = Pick<DeviceDecision, 'decision' | 'powerTargetW' | 'rentedGpus'> & {
  deviceId: string | number;
  siteId: string | number;
  jobId?: string | number;
  jobIds?: (string | number)[];
};

/** Keyed by the device id as a string. */
export function deviceImpacts(
  input: AllocationInput,
  decisions: readonly DecisionLike[],
): Map<string, DeviceImpact> {
  const sites = new Map(input.sites.map((s) => [s.siteId, s]));
  const devices = new Map(input.devices.map((d) => [d.deviceId, d]));
  const miners = new Map(input.minerModels.map((m) => [m.modelId, m]));
  const gpus = new Map(input.gpuModels.map((m) => [m.modelId, m]));
  const jobs = new Map(input.jobs.map((j) => [j.jobId, j]));
  const rates = new Map(input.rental.map((r) => [r.gpuModel, r]));
  const runningOn = new Map<string, { jobId: string; gpus: number }[]>();
  for (const j of input.jobs) {
    for (const a of j.running ?? []) {
      runningOn.set(a.deviceId, [...(runningOn.get(a.deviceId) ?? []), { jobId: j.jobId, gpus: a.gpus }]);
    }
  }

  const minerUsd = (site: AllocationSite, modelId: string, powerW: number | null) => {
    const model = miners.get(modelId);
    if (!model || powerW === null) return 0;
    const p = model.profiles[nearestProfile(model, powerW)]!;
    const revenue = miningRevenuePerDay({
      hashrateThs: p.hashrateThs,
      hashprice: { btcPerThDay: 0, usdPerThDay: input.hashpriceUsdPerPhDay / 1000 },
      poolFeePct: site.poolFeePct,
    }).usd;
    return revenue / 24 - energyUsd(p.powerW, site.pue, site.priceUsdPerMwh[0]!, 1);
  };
  const gpuUsd = (site: AllocationSite, device: AllocationDevice, load: GpuLoad) => {
    const model = gpus.get(device.modelId);
    if (!model) return 0;
    const rate = rates.get(model.gpuModel);
    const jobGpus = load.jobGpus.reduce((a, j) => a + j.gpus, 0);
    const busy = Math.min(model.gpuCount, jobGpus + load.rentedGpus);
    const revenue =
      load.jobGpus.reduce((a, j) => a + j.gpus * (jobs.get(j.jobId)?.usdPerGpuH ?? 0), 0) +
      (rate ? load.rentedGpus * rate.usdPerGpuH * rate.utilisation : 0);
    const powerW = model.idlePowerW + ((model.busyPowerW - model.idlePowerW) * busy) / model.gpuCount;
    return revenue - energyUsd(powerW, site.pue, site.priceUsdPerMwh[0]!, 1);
  };

  const out = new Map<string, DeviceImpact>();
  for (const d of decisions) {
    const deviceId = String(d.deviceId);
    const device = devices.get(deviceId);
    const site = sites.get(String(d.siteId));
    if (!device || !site) continue;
    let plan: number;
    let current: number;
    const state = device.state;
    if (gpus.has(device.modelId)) {
      const running = runningOn.get(device.deviceId) ?? [];
      const currentLoad = { jobGpus: running, rentedGpus: state.kind === 'gpu' ? state.rentedGpus : 0 };
      current = gpuUsd(site, device, currentLoad);
      const server = gpus.get(device.modelId)!;
      let free = server.gpuCount;
      const jobGpus = (d.jobIds ?? (d.jobId !== undefined ? [d.jobId] : [])).map(String).map((jobId) => {
        const pinned = running.find((r) => r.jobId === jobId)?.gpus;
        const gpusHere = Math.min(free, pinned ?? jobs.get(jobId)?.gpuCount ?? 0);
        free -= gpusHere;
        return { jobId, gpus: gpusHere };
      });
      plan = device.maintenance ? current : gpuUsd(site, device, { jobGpus, rentedGpus: d.rentedGpus ?? 0 });
    } else {
      current = minerUsd(site, device.modelId, state.kind === 'mine' ? state.powerW : null);
      plan = device.maintenance
        ? current
        : minerUsd(site, device.modelId, d.decision === 'mine' ? (d.powerTargetW ?? null) : null);
    }
    out.set(deviceId, { planUsdPerH: plan, currentUsdPerH: current, deltaUsdPerH: plan - current });
  }
  return out;
}
