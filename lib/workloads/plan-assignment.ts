// Which devices of a bulk request take the workload, and why the others do not, pure.

import type { DeviceFacts } from './candidates';
import { checkPlacement, findPlacement, type JobNeeds, unavailableReason } from './fit';
import type { Workload } from './schemas';

export type DeviceDecision =
  | { deviceId: number; take: true; unchanged: boolean; gpus: number | null }
  | { deviceId: number; take: false; reason: string };

/** Would the device's current workload be the same as this one (nothing to record)? */
function sameWorkload(d: DeviceFacts, w: Workload): boolean {
  if (d.workloadKind !== w.kind) return false;
  if (w.kind === 'pool')
    return d.poolId === w.poolId && (w.powerTargetW === undefined || w.powerTargetW === d.powerTargetW);
  if (w.kind === 'job') return d.busyJobId === w.jobId;
  return true;
}

/** Non-job work, device by device. */
export function decideEach(devices: DeviceFacts[], w: Exclude<Workload, { kind: 'job' }>): DeviceDecision[] {
  return devices.map((d): DeviceDecision => {
    if (d.busyJobId !== null) {
      return {
        deviceId: d.id,
        take: false,
        reason: `runs job ${d.busyJobId}; cancel, preempt or finish it first`,
      };
    }
    if (w.kind !== 'idle' && w.kind !== 'maintenance') {
      const down = unavailableReason(d.status);
      if (down) return { deviceId: d.id, take: false, reason: down };
    }
    if (w.kind === 'pool' && d.class === 'gpu') {
      return { deviceId: d.id, take: false, reason: 'a GPU server does not mine on a stratum pool' };
    }
    if (w.kind === 'rent' && d.class !== 'gpu')
      return { deviceId: d.id, take: false, reason: `only GPU servers can be rented (${d.class})` };
    if (w.kind === 'rent' && !d.gpuCount)
      return { deviceId: d.id, take: false, reason: 'model has no GPU count' };
    return {
      deviceId: d.id,
      take: true,
      unchanged: sameWorkload(d, w),
      gpus: w.kind === 'rent' ? d.gpuCount : null,
    };
  });
}

export type JobDecision =
  | { ok: true; decisions: DeviceDecision[] }
  | { ok: false; message: string; decisions: DeviceDecision[] };

/**
 * Job work is all or nothing: the named devices must fit together; for a rack or a site the
 * smallest fitting set inside it is chosen and the rest is reported as not needed.
 */
export function decideJob(
  devices: DeviceFacts[],
  job: JobNeeds,
  jobId: number,
  explicit: boolean,
): JobDecision {
  let chosen = devices;
  if (!explicit) {
    const found = findPlacement(job, devices, jobId);
    if (!found.ok) {
      return {
        ok: false,
        message: found.reason,
        decisions: devices.map((d) => ({ deviceId: d.id, take: false, reason: found.reason })),
      };
    }
    chosen = devices.filter((d) => found.deviceIds.includes(d.id));
  }
  const placement = checkPlacement(job, chosen, jobId);
  if (!placement.ok) {
    const reasons = new Map(placement.devices.map((d) => [d.deviceId, d.reason]));
    return {
      ok: false,
      message: placement.message,
      decisions: devices.map((d) => ({
        deviceId: d.id,
        take: false,
        reason: reasons.get(d.id) ?? placement.message,
      })),
    };
  }
  return {
    ok: true,
    decisions: devices.map(
      (d): DeviceDecision =>
        placement.gpus.has(d.id)
          ? { deviceId: d.id, take: true, unchanged: false, gpus: placement.gpus.get(d.id)! }
          : { deviceId: d.id, take: false, reason: 'not needed for this job' },
    ),
  };
}
