// Pure rules of the assignment board: what each device does now, which devices a filter matches,
// what a bulk assignment would change, and how the request is split into chunks.

import type { AssignmentKind, AssignmentView, DeviceRow } from '@/lib/api-client/types';
import type { AssignmentTarget } from '@/lib/api-client/workloads';

export type BoardDevice = DeviceRow & { workload: string; workloadKind: AssignmentKind | 'none' };

/** Short label of a workload: "pool Main", "job Train-7", "rent", "curtail"… */
export function workloadLabel(a: Pick<AssignmentView, 'kind' | 'poolName' | 'jobName'> | null): string {
  if (!a) return 'unassigned';
  if (a.kind === 'pool') return `pool ${a.poolName ?? '?'}`;
  if (a.kind === 'job') return `job ${a.jobName ?? '?'}`;
  return a.kind;
}

export function joinWorkloads(
  devices: readonly DeviceRow[],
  current: readonly AssignmentView[],
): BoardDevice[] {
  const byDevice = new Map(current.map((a) => [a.deviceId, a]));
  return devices.map((d) => {
    const a = byDevice.get(d.id) ?? null;
    return {
      ...d,
      workload: workloadLabel(a),
      workloadKind: (a?.kind as AssignmentKind | undefined) ?? 'none',
    };
  });
}

export type BoardFilter = {
  q: string;
  rack: number | null;
  class: readonly string[];
  status: readonly string[];
  workload: readonly string[];
};

export function matchesFilter(d: BoardDevice, f: BoardFilter): boolean {
  const q = f.q.trim().toLowerCase();
  if (q && !d.name.toLowerCase().includes(q) && !d.serial.toLowerCase().includes(q)) return false;
  if (f.rack !== null && d.rackId !== f.rack) return false;
  if (f.class.length && !f.class.includes(d.class)) return false;
  if (f.status.length && !f.status.includes(d.status)) return false;
  if (f.workload.length && !f.workload.includes(d.workloadKind)) return false;
  return true;
}

/** The selection never reaches beyond what the filter shows: hidden devices drop out of it. */
export function pruneSelection(selected: ReadonlySet<string>, visibleIds: readonly string[]): Set<string> {
  const visible = new Set(visibleIds);
  return new Set([...selected].filter((id) => visible.has(id)));
}

export type ChangeLine = { from: string; to: string; devices: number };

/** Counts per current → new workload, biggest first; devices already on the new one are "no change". */
export function summariseChanges(devices: readonly BoardDevice[], to: string): ChangeLine[] {
  const counts = new Map<string, number>();
  for (const d of devices) counts.set(d.workload, (counts.get(d.workload) ?? 0) + 1);
  return [...counts.entries()]
    .map(([from, n]) => ({ from, to: from === to ? 'no change' : to, devices: n }))
    .sort((a, b) => b.devices - a.devices || a.from.localeCompare(b.from));
}

export const CHUNK_SIZE = 100;

/**
 * The requests a bulk assignment sends. A pool given to exactly a whole rack or the whole site goes
 * as `rackId` / `siteId`, so the pool's coverage is recorded; a job is all or nothing and goes as one
 * request; everything else in chunks of device ids, so progress can be shown and one bad chunk does
 * not hold back the others.
 */
export function planRequests(
  selected: readonly BoardDevice[],
  site: { id: number; devices: readonly BoardDevice[] },
  kind: AssignmentKind,
  chunkSize = CHUNK_SIZE,
): { target: AssignmentTarget; deviceIds: number[] }[] {
  const ids = selected.map((d) => d.id).sort((a, b) => a - b);
  if (ids.length === 0) return [];
  if (kind === 'pool') {
    if (ids.length === site.devices.length) return [{ target: { siteId: site.id }, deviceIds: ids }];
    const racks = new Set(selected.map((d) => d.rackId));
    const rackId = racks.size === 1 ? [...racks][0] : null;
    if (rackId != null) {
      const inRack = site.devices.filter((d) => d.rackId === rackId).length;
      if (inRack === ids.length) return [{ target: { rackId }, deviceIds: ids }];
    }
  }
  if (kind === 'job') return [{ target: { deviceIds: ids }, deviceIds: ids }];
  const out: { target: AssignmentTarget; deviceIds: number[] }[] = [];
  for (let i = 0; i < ids.length; i += chunkSize) {
    const part = ids.slice(i, i + chunkSize);
    out.push({ target: { deviceIds: part }, deviceIds: part });
  }
  return out;
}
