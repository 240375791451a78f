import { busyGpus } from './evaluate';
import type { MinerGroup, Model } from './prepare';
import type { SiteDecision } from './site-terms';
import type { JobPlacement, MinerSchedule, Plan } from './types';

/**
 * Group counts → one schedule per device. Within a group the device that has been in its state
 * longest switches first, which meets every hold time whenever the counts do (identical devices).
 * Devices keep their previous profile where the counts allow, so profiles do not churn.
 */
export function disaggregate(model: Model, decisions: SiteDecision[], placements: JobPlacement[]): Plan {
  const miners: MinerSchedule[] = [];
  model.sites.forEach((s, si) => {
    s.groups.forEach((g, gi) => {
      miners.push(
        ...groupSchedules(model, g, decisions[si]!.onCount[gi]!, decisions[si]!.profileCounts[gi]!),
      );
    });
  });
  const jobOnly: Plan = { miners: [], gpus: [], placements };
  for (const server of model.servers.values()) {
    jobOnly.gpus.push({
      deviceId: server.deviceId,
      rentedByInterval: new Array<number>(model.intervals).fill(0),
    });
  }
  const jobBusy = busyGpus(model, jobOnly);
  const gpus = jobOnly.gpus;
  const byId = new Map(gpus.map((g) => [g.deviceId, g]));
  model.sites.forEach((s, si) => {
    for (const [modelId, rentedByInterval] of decisions[si]!.rented) {
      const servers = s.servers.filter((x) => x.model.modelId === modelId);
      rentedByInterval.forEach((total, t) => {
        let left = total;
        for (const server of servers) {
          if (left === 0) break;
          const free = server.model.gpuCount - jobBusy.get(server.deviceId)![t]!;
          const take = Math.min(left, free);
          byId.get(server.deviceId)!.rentedByInterval[t] = take;
          left -= take;
        }
        if (left > 0) throw new Error(`disaggregate: ${left} rented GPUs of ${modelId} have no server`);
      });
    }
  });
  return { miners, gpus, placements };
}

function groupSchedules(
  model: Model,
  g: MinerGroup,
  onCount: number[],
  profileCounts: number[][],
): MinerSchedule[] {
  const members = g.members.map((m) => ({
    deviceId: m.deviceId,
    on: g.currentOn,
    runMin: m.sinceMin,
    profile: g.currentProfile,
    schedule: [] as number[],
  }));
  const byLongest = (a: { runMin: number }, b: { runMin: number }) => b.runMin - a.runMin;
  const sameCounts = (t: number) => {
    if (onCount[t] !== onCount[t - 1]) return false;
    const a = profileCounts[t]!;
    const b = profileCounts[t - 1]!;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  for (let t = 0; t < model.intervals; t++) {
    // Fast path: the counts of the previous interval again. After that interval exactly onCount
    // members were on with the profiles the counts ask for, so the full pass below would change
    // nothing: every member keeps its state (identical result, without the filters and sorts).
    if (t > 0 && sameCounts(t)) {
      for (const m of members) {
        m.schedule.push(m.on ? m.profile : -1);
        m.runMin += model.input.intervalMin;
      }
      continue;
    }
    const on = members.filter((m) => m.on);
    const target = onCount[t]!;
    if (target > on.length) {
      for (const m of members
        .filter((x) => !x.on)
        .sort(byLongest)
        .slice(0, target - on.length)) {
        m.on = true;
        m.runMin = 0;
        m.profile = -1;
      }
    } else if (target < on.length) {
      for (const m of on.sort(byLongest).slice(0, on.length - target)) {
        m.on = false;
        m.runMin = 0;
      }
    }
    const remaining = [...profileCounts[t]!];
    const nowOn = members.filter((m) => m.on);
    const unassigned: typeof nowOn = [];
    for (const m of nowOn) {
      if (m.profile >= 0 && remaining[m.profile]! > 0) remaining[m.profile]!--;
      else unassigned.push(m);
    }
    let p = 0;
    for (const m of unassigned) {
      while (remaining[p] === 0) p++;
      m.profile = p;
      remaining[p]!--;
    }
    for (const m of members) {
      m.schedule.push(m.on ? m.profile : -1);
      m.runMin += model.input.intervalMin;
    }
  }
  return members.map((m) => ({ deviceId: m.deviceId, profileByInterval: m.schedule }));
}
