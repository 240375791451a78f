// Fit checks for GPU work, pure: does this job fit these devices, and where could it go at all?
// A job runs on one site; on one server unless it allows multi-node; on firm power unless it says
// otherwise; only on GPUs of its model or with enough memory; never on a device that is offline, in
// maintenance or already holding another job.

export type JobNeeds = {
  gpuCount: number;
  gpuModel: string | null;
  minGpuMemoryGb: number | null;
  multiNode: boolean;
  needsFirmPower: boolean;
};

export type GpuCandidate = {
  id: number;
  name: string;
  class: 'asic' | 'micro' | 'gpu';
  status: 'online' | 'degraded' | 'offline' | 'curtailed' | 'maintenance';
  siteId: number;
  siteFirmPower: boolean;
  gpuCount: number | null;
  gpuMemoryGb: number | null;
  gpuModel: string | null;
  /** The job this device currently holds, if any (scheduled or running). */
  busyJobId: number | null;
};

/** Why a device cannot take any work at all (offline or maintenance), else null. */
export function unavailableReason(status: GpuCandidate['status']): string | null {
  if (status === 'offline') return 'device is offline';
  if (status === 'maintenance') return 'device is in maintenance';
  return null;
}

/** Why this one device cannot run (part of) the job, else null. */
export function deviceMisfit(job: JobNeeds, d: GpuCandidate, jobId?: number): string | null {
  if (d.class !== 'gpu') return `not a GPU server (${d.class})`;
  const down = unavailableReason(d.status);
  if (down) return down;
  if (d.busyJobId !== null && d.busyJobId !== jobId) return `busy with job ${d.busyJobId}`;
  if (!d.gpuCount) return 'model has no GPU count';
  if (job.gpuModel && (d.gpuModel ?? '').toLowerCase() !== job.gpuModel.toLowerCase()) {
    return `GPU model ${d.gpuModel ?? 'unknown'} is not ${job.gpuModel}`;
  }
  if (job.minGpuMemoryGb && (d.gpuMemoryGb ?? 0) < job.minGpuMemoryGb) {
    return `GPU memory ${d.gpuMemoryGb ?? 0} GB is below ${job.minGpuMemoryGb} GB`;
  }
  if (job.needsFirmPower && !d.siteFirmPower) return 'site has no firm power (the job needs it)';
  return null;
}

export type Placement =
  | { ok: true; gpus: Map<number, number> }
  | { ok: false; message: string; devices: { deviceId: number; reason: string }[] };

/** Checks a chosen set of devices; on success, how many GPUs of each the job uses. */
export function checkPlacement(job: JobNeeds, devices: GpuCandidate[], jobId?: number): Placement {
  const misfits = devices
    .map((d) => ({ deviceId: d.id, reason: deviceMisfit(job, d, jobId) }))
    .filter((m): m is { deviceId: number; reason: string } => m.reason !== null);
  if (misfits.length) return { ok: false, message: 'Some devices cannot run this job', devices: misfits };
  if (devices.length === 0) return { ok: false, message: 'No devices given', devices: [] };
  const sites = new Set(devices.map((d) => d.siteId));
  if (sites.size > 1) return fail('A job runs at one site; the devices are at several', devices);
  if (devices.length > 1 && !job.multiNode) {
    return fail('The job does not allow multi-node; pick one server', devices);
  }
  const total = devices.reduce((sum, d) => sum + (d.gpuCount ?? 0), 0);
  if (total < job.gpuCount) {
    return fail(`The job needs ${job.gpuCount} GPUs; these devices have ${total}`, devices);
  }
  const gpus = new Map<number, number>();
  let remaining = job.gpuCount;
  // Largest servers first, so the fewest nodes carry the job; a device left with nothing is refused.
  for (const d of [...devices].sort((a, b) => (b.gpuCount ?? 0) - (a.gpuCount ?? 0))) {
    const take = Math.min(d.gpuCount ?? 0, remaining);
    gpus.set(d.id, take);
    remaining -= take;
  }
  const idle = devices.filter((d) => gpus.get(d.id) === 0);
  if (idle.length) {
    return {
      ok: false,
      message: `The job needs ${job.gpuCount} GPUs; fewer devices are enough`,
      devices: idle.map((d) => ({ deviceId: d.id, reason: 'not needed' })),
    };
  }
  return { ok: true, gpus };
}

function fail(message: string, devices: GpuCandidate[]): Placement {
  return { ok: false, message, devices: devices.map((d) => ({ deviceId: d.id, reason: message })) };
}

export type PlacementSearch = { ok: true; deviceIds: number[] } | { ok: false; reason: string };

/**
 * Where the job could run: the smallest single server that fits (best fit), else — multi-node jobs
 * only — the fewest servers of one site. When nothing fits, the reason names the commonest blocker.
 */
export function findPlacement(job: JobNeeds, candidates: GpuCandidate[], jobId?: number): PlacementSearch {
  const reasons = new Map<string, number>();
  const fitting: GpuCandidate[] = [];
  for (const d of candidates) {
    if (d.class !== 'gpu') continue;
    const why = deviceMisfit(job, d, jobId);
    if (why === null) fitting.push(d);
    else reasons.set(why.replace(/\d+/g, 'N'), (reasons.get(why.replace(/\d+/g, 'N')) ?? 0) + 1);
  }
  const single = fitting
    .filter((d) => (d.gpuCount ?? 0) >= job.gpuCount)
    .sort((a, b) => (a.gpuCount ?? 0) - (b.gpuCount ?? 0) || a.id - b.id)[0];
  if (single) return { ok: true, deviceIds: [single.id] };
  if (job.multiNode) {
    let best: number[] | null = null;
    for (const siteId of new Set(fitting.map((d) => d.siteId))) {
      const pool = fitting
        .filter((d) => d.siteId === siteId)
        .sort((a, b) => (b.gpuCount ?? 0) - (a.gpuCount ?? 0) || a.id - b.id);
      const chosen: number[] = [];
      let have = 0;
      for (const d of pool) {
        if (have >= job.gpuCount) break;
        chosen.push(d.id);
        have += d.gpuCount ?? 0;
      }
      if (have >= job.gpuCount && (!best || chosen.length < best.length)) best = chosen;
    }
    if (best) return { ok: true, deviceIds: best };
  }
  const freeGpus = fitting.reduce((s, d) => s + (d.gpuCount ?? 0), 0);
  const commonest = [...reasons.entries()].sort((a, b) => b[1] - a[1])[0];
  const scope = job.multiNode ? 'at any one site' : 'on any one server';
  const blocker = commonest ? `; ${commonest[1]} GPU server(s): ${commonest[0]}` : '';
  return {
    ok: false,
    reason: `Not enough free GPUs ${scope}: needs ${job.gpuCount}, ${fitting.length} fitting server(s) with ${freeGpus} GPUs${blocker}`,
  };
}
