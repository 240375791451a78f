import type { DeviceImpact } from '@/lib/allocation/device-impact';
import type { AllocationDevice, AllocationInput, DeviceClass } from '@/lib/allocation/types';
import type { AllocationDecision, AllocationPlanDevice } from '@/lib/api-client/types';

/** Rows of the plan preview: one per device, and one per group of devices that get the same decision. */

export type Decision = AllocationDecision;
export const DECISIONS: readonly Decision[] = ['mine', 'curtail', 'job', 'rent', 'idle', 'off'];

export type PlanDeviceRow = AllocationPlanDevice & {
  name: string;
  modelName: string;
  deviceClass: DeviceClass | null;
  /** What it does now, in the same words as `decision`. */
  now: Decision | null;
  impact: DeviceImpact | null;
};

export type PlanGroupRow = {
  key: string;
  siteId: number;
  modelName: string;
  deviceClass: DeviceClass | null;
  decision: Decision;
  powerTargetW: number | undefined;
  count: number;
  changed: number;
  deltaUsdPerH: number;
  reason: string;
  deviceIds: number[];
};

export type PlanFilters = { decision: Decision | 'all'; changedOnly: boolean; q: string };

function nowDecision(device: AllocationDevice, isMicro: boolean, runsJob: boolean): Decision {
  const s = device.state;
  if (s.kind === 'mine') return 'mine';
  if (s.kind === 'off') return isMicro ? 'off' : 'curtail';
  if (runsJob) return 'job';
  return s.rentedGpus > 0 ? 'rent' : 'idle';
}

/** Joins each decision with its device in the plan's inputs (model, class, current state, $ impact). */
export function deviceRows(
  decisions: readonly AllocationPlanDevice[],
  input: AllocationInput | null,
  impacts: ReadonlyMap<string, DeviceImpact>,
  labels: Readonly<Record<string, { name: string; model?: string }>> = {},
): PlanDeviceRow[] {
  const devices = new Map(input?.devices.map((d) => [d.deviceId, d]));
  const miners = new Map(input?.minerModels.map((m) => [m.modelId, m]));
  const gpus = new Map(input?.gpuModels.map((m) => [m.modelId, m]));
  const jobsOn = new Set<string>();
  for (const j of input?.jobs ?? []) for (const r of j.running ?? []) jobsOn.add(r.deviceId);
  return decisions.map((d) => {
    const id = String(d.deviceId);
    const device = devices.get(id);
    const miner = device ? miners.get(device.modelId) : undefined;
    const gpu = device ? gpus.get(device.modelId) : undefined;
    return {
      ...d,
      name: d.name ?? labels[id]?.name ?? `#${id}`,
      modelName: miner?.name ?? gpu?.name ?? (d.model || labels[id]?.model) ?? device?.modelId ?? '—',
      deviceClass: miner?.class ?? (gpu ? 'gpu' : null),
      now: d.current ?? (device ? nowDecision(device, miner?.class === 'micro', jobsOn.has(id)) : null),
      impact: impacts.get(id) ?? null,
    };
  });
}

export function filterRows(rows: readonly PlanDeviceRow[], f: PlanFilters): PlanDeviceRow[] {
  const q = f.q.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (f.decision === 'all' || r.decision === f.decision) &&
      (!f.changedOnly || r.changed) &&
      (!q ||
        r.name.toLowerCase().includes(q) ||
        r.modelName.toLowerCase().includes(q) ||
        r.reason.toLowerCase().includes(q)),
  );
}

/** Same site, model, decision and power target: one line, the reason of its first device. */
export function groupRows(rows: readonly PlanDeviceRow[]): PlanGroupRow[] {
  const groups = new Map<string, PlanGroupRow>();
  for (const r of rows) {
    const key = `${r.siteId}|${r.modelName}|${r.decision}|${r.powerTargetW ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        siteId: r.siteId,
        modelName: r.modelName,
        deviceClass: r.deviceClass,
        decision: r.decision,
        powerTargetW: r.powerTargetW,
        count: 0,
        changed: 0,
        deltaUsdPerH: 0,
        reason: r.reason,
        deviceIds: [],
      };
      groups.set(key, g);
    }
    g.count++;
    if (r.changed) g.changed++;
    g.deltaUsdPerH += r.impact?.deltaUsdPerH ?? 0;
    g.deviceIds.push(r.deviceId);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** What an apply changes, counted per "now → becomes" pair (the confirmation dialog). */
export function changeSummary(
  rows: readonly PlanDeviceRow[],
): { from: string; to: string; devices: number }[] {
  const counts = new Map<string, { from: string; to: string; devices: number }>();
  for (const r of rows) {
    if (!r.changed) continue;
    const to = r.decision === 'mine' && r.powerTargetW ? `mine at ${r.powerTargetW} W` : r.decision;
    const from = r.now ?? 'unknown';
    const key = `${from}→${to}`;
    const c = counts.get(key) ?? { from, to, devices: 0 };
    c.devices++;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => b.devices - a.devices);
}
