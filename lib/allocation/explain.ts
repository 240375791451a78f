import { breakevenUsdPerMwh } from '../economics';
import { bestValue } from './group-terms';
import { activeIntervals } from './job-terms';
import type { MinerGroup, Model } from './prepare';
import type { AllocationDevice, Plan } from './types';

/**
 * One line per device for the first interval, built from the same numbers the solvers used, so a
 * person can check it: the price against this model's breakeven, or the constraint that decided.
 */

export type Decision = 'mine' | 'curtail' | 'job' | 'rent' | 'idle' | 'off';

export type DeviceDecision = {
  deviceId: string;
  siteId: string;
  decision: Decision;
  changed: boolean;
  powerTargetW?: number;
  jobId?: string;
  jobIds?: string[];
  rentedGpus?: number;
  reason: string;
};

const usd = (x: number) => `$${x.toFixed(x < 10 ? 2 : 0)}`;
const kw = (x: number) => `${Math.round(x).toLocaleString('en-US')} kW`;

export function explainDevices(model: Model, plan: Plan): DeviceDecision[] {
  const out: DeviceDecision[] = [];
  const groupOf = new Map<string, MinerGroup>();
  for (const s of model.sites)
    for (const g of s.groups) for (const m of g.members) groupOf.set(m.deviceId, g);
  const miners = new Map(plan.miners.map((m) => [m.deviceId, m]));
  const gpus = new Map(plan.gpus.map((g) => [g.deviceId, g]));
  const jobsOn = new Map<string, string[]>();
  for (const p of plan.placements) {
    for (const a of p.allocations) jobsOn.set(a.deviceId, [...(jobsOn.get(a.deviceId) ?? []), p.jobId]);
  }
  const runningOn = new Map<string, string[]>();
  for (const j of model.input.jobs) {
    for (const a of j.running ?? [])
      runningOn.set(a.deviceId, [...(runningOn.get(a.deviceId) ?? []), j.jobId]);
  }
  const memo = new Map<MinerGroup, Map<number, DeviceDecision>>();
  for (const device of model.input.devices) {
    if (device.maintenance) {
      out.push({
        ...base(device),
        decision: currentDecision(model, device, runningOn),
        changed: false,
        reason: 'maintenance: not touched',
      });
      continue;
    }
    const m = miners.get(device.deviceId);
    if (m) {
      // Every member of a group shares its model, site and current state: one reason per profile.
      const g = groupOf.get(device.deviceId)!;
      const profile = m.profileByInterval[0]!;
      let byProfile = memo.get(g);
      if (!byProfile) {
        byProfile = new Map();
        memo.set(g, byProfile);
      }
      let d = byProfile.get(profile);
      if (!d) {
        d = explainMiner(model, device, g, profile);
        byProfile.set(profile, d);
      }
      out.push({ ...d, ...base(device) });
      continue;
    }
    const g = gpus.get(device.deviceId)!;
    out.push(explainGpu(model, device, jobsOn.get(device.deviceId) ?? [], g.rentedByInterval[0]!, runningOn));
  }
  return out;
}

function base(device: AllocationDevice) {
  return { deviceId: device.deviceId, siteId: device.siteId };
}

function currentDecision(model: Model, device: AllocationDevice, runningOn: Map<string, string[]>): Decision {
  const state = device.state;
  if (state.kind === 'mine') return 'mine';
  if (state.kind === 'off')
    return model.minerModels.get(device.modelId)?.class === 'micro' ? 'off' : 'curtail';
  if (runningOn.has(device.deviceId)) return 'job';
  return state.rentedGpus > 0 ? 'rent' : 'idle';
}

function explainMiner(
  model: Model,
  device: AllocationDevice,
  g: MinerGroup,
  profile: number,
): DeviceDecision {
  const s = model.sites[g.siteIndex]!;
  const price = s.site.priceUsdPerMwh[0]!;
  const hp = model.input.hashpriceUsdPerPhDay;
  const be = (p: number) =>
    breakevenUsdPerMwh({
      usdPerThDay: hp / 1000,
      poolFeePct: s.site.poolFeePct,
      efficiencyJPerTh: g.model.profiles[p]!.powerW / g.model.profiles[p]!.hashrateThs,
      pue: s.site.pue,
    });
  const on = profile >= 0;
  const offWord: Decision = g.model.class === 'micro' ? 'off' : 'curtail';
  const changed = on !== g.currentOn || (on && profile !== g.currentProfile);
  const where = `${s.site.name} ${usd(price)}/MWh`;
  const hpText = `hashprice $${hp.toFixed(1)}/PH/day`;
  const bestProfile = g.options.reduce((a, b) =>
    g.marginByProfile[b]![0]! > g.marginByProfile[a]![0]! ? b : a,
  );
  const profitable = bestValue(g, 0) > 0;
  const constraint = holdingReason(model, g, on);
  if (!on) {
    const reason = !profitable
      ? `${offWord}: ${where} is above this ${g.model.name}'s breakeven ${usd(be(bestProfile))}/MWh at ${hpText}`
      : constraint
        ? `${offWord}: ${constraint}`
        : `${offWord}: the ${kw(s.site.capacityKw)} cap at ${s.site.name} is used by work worth more per kW (this ${g.model.name} breaks even at ${usd(be(bestProfile))}/MWh)`;
    return { ...base(device), decision: offWord, changed, reason };
  }
  const w = g.model.profiles[profile]!.powerW;
  let reason: string;
  if (g.marginByProfile[profile]![0]! <= 0) {
    reason = `mine at ${w} W: ${where} is above breakeven ${usd(be(profile))}/MWh, but ${constraint ?? 'switching off and on again costs more than the loss'}`;
  } else if (profile === bestProfile && profile !== g.model.nominalIndex) {
    const full = g.model.nominalIndex;
    reason = `mine at ${w} W, not ${g.model.profiles[full]!.powerW} W: at ${where} this ${g.model.name} breaks even at ${usd(be(profile))}/MWh here and ${usd(be(full))}/MWh at full power (${hpText})`;
  } else if (profile !== bestProfile) {
    reason = `mine at ${w} W: the ${kw(s.site.capacityKw)} cap at ${s.site.name} leaves no room for ${g.model.profiles[bestProfile]!.powerW} W`;
  } else {
    reason = `mine at ${w} W: ${where} is below this ${g.model.name}'s breakeven ${usd(be(profile))}/MWh at ${hpText}`;
  }
  return { ...base(device), decision: 'mine', changed, powerTargetW: w, reason };
}

/** The constraint that keeps a device in its state at interval 0, if one does. */
function holdingReason(model: Model, g: MinerGroup, on: boolean): string | null {
  if (on !== g.currentOn) return null;
  const s = model.sites[g.siteIndex]!;
  if (on && g.noSwitchOff) return `${s.site.name} is not curtailable`;
  if (g.holdIntervals > 0) {
    const min = g.holdIntervals * model.input.intervalMin;
    return `its minimum ${on ? 'on' : 'off'} time has up to ${min} min to run`;
  }
  if (s.maxSwitches[0] === 0) return `quiet hours at ${s.site.name} allow no switching now`;
  return null;
}

function explainGpu(
  model: Model,
  device: AllocationDevice,
  jobIds: string[],
  rented: number,
  runningOn: Map<string, string[]>,
): DeviceDecision {
  const server = model.servers.get(device.deviceId)!;
  const s = model.sites[server.siteIndex]!;
  const now = currentDecision(model, device, runningOn);
  const before = (runningOn.get(device.deviceId) ?? []).slice().sort().join(',');
  if (jobIds.length > 0) {
    const jobs = jobIds.map((id) => model.jobs.get(id)!);
    const text = jobs
      .map(
        (j) =>
          `${j.jobId} (${j.gpuCount}× ${server.model.gpuModel} at ${usd(j.usdPerGpuH)}/GPU-h, ${activeIntervals(j, model) * model.dtH} h in plan)`,
      )
      .join(', ');
    return {
      ...base(device),
      decision: 'job',
      changed: now !== 'job' || before !== [...jobIds].sort().join(','),
      jobId: jobIds[0]!,
      jobIds,
      rentedGpus: rented,
      reason: `job: ${text}${rented > 0 ? `; ${rented} spare GPUs rented` : ''}`,
    };
  }
  const rate = s.rental.has(server.model.gpuModel)
    ? model.input.rental.find((r) => r.gpuModel === server.model.gpuModel)
    : undefined;
  if (rented > 0 && rate) {
    return {
      ...base(device),
      decision: 'rent',
      changed: now !== 'rent',
      rentedGpus: rented,
      reason: `rent: ${rented} GPUs at ${usd(rate.usdPerGpuH)}/GPU-h × ${Math.round(rate.utilisation * 100)} % utilisation beat idle at ${s.site.name} ${usd(s.site.priceUsdPerMwh[0]!)}/MWh; no queued job pays more here`,
    };
  }
  const reason = !rate
    ? s.site.rentalEnabled === false
      ? `idle: no queued job fits here and GPU rental is off at ${s.site.name}`
      : `idle: no queued job fits here and there is no rental rate for ${server.model.gpuModel}`
    : `idle: no queued job fits here and the ${kw(s.site.capacityKw)} cap at ${s.site.name} or the price leaves rental no margin`;
  return { ...base(device), decision: 'idle', changed: now !== 'idle', reason };
}
