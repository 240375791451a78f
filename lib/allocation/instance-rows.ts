import { GPU_IDLE_POWER_SHARE, normaliseGpuModel, type PriceSource } from './inputs';
import type { AllocationDevice, AllocationJob, GpuServerModel, MinerModel, PowerProfile } from './types';

/**
 * The pure half of lib/allocation/load-inputs.ts: database rows and stored prices → engine
 * instance parts. No I/O, so the mapping rules are unit-tested on their own (instance-rows.test.ts).
 */

const WEEK_MS = 7 * 24 * 3_600_000;

export type PricePoint = { intervalStart: number; intervalEnd: number; priceUsdPerMwh: number };

/**
 * One price per engine interval (the price in force at the interval's start). A stored price for the
 * interval wins; otherwise the same hour last week; otherwise the newest price before it. `fromContract`
 * marks fixed/TOU series, whose hours are all computed from the contract.
 */
export function horizonPrices(
  points: readonly PricePoint[],
  startMs: number,
  intervals: number,
  intervalMin: number,
  fromContract: boolean,
): { ok: true; prices: number[]; sources: PriceSource[] } | { ok: false; reason: string } {
  const sorted = [...points].sort((a, b) => a.intervalStart - b.intervalStart);
  const covering = (ts: number) => {
    // Newest first: a later fetch for an overlapping interval is the better one.
    for (let i = sorted.length - 1; i >= 0; i--) {
      const p = sorted[i]!;
      if (p.intervalStart <= ts && ts < p.intervalEnd) return p;
    }
    return undefined;
  };
  const latestBefore = (ts: number) => {
    for (let i = sorted.length - 1; i >= 0; i--) if (sorted[i]!.intervalStart <= ts) return sorted[i];
    return undefined;
  };
  const prices: number[] = [];
  const sources: PriceSource[] = [];
  for (let t = 0; t < intervals; t++) {
    const ts = startMs + t * intervalMin * 60_000;
    const known = covering(ts);
    if (known) {
      prices.push(known.priceUsdPerMwh);
      sources.push(fromContract ? 'contract' : 'known');
      continue;
    }
    // Same hour last week (or two weeks back when the horizon reaches past last week's data).
    const weekAgo = covering(ts - WEEK_MS) ?? covering(ts - 2 * WEEK_MS);
    if (weekAgo) {
      prices.push(weekAgo.priceUsdPerMwh);
      sources.push(fromContract ? 'contract' : 'last-week');
      continue;
    }
    const latest = latestBefore(ts);
    if (!latest) return { ok: false, reason: 'no price is known for this site before or during the horizon' };
    prices.push(latest.priceUsdPerMwh);
    sources.push(fromContract ? 'contract' : 'latest');
  }
  return { ok: true, prices, sources };
}

export type ModelRow = {
  id: number;
  model: string;
  class: 'asic' | 'micro' | 'gpu';
  nominalHashrateThs: number | null;
  nominalPowerW: number;
  gpuCount: number | null;
  gpuMemoryGb: number | null;
  gpuModel: string | null;
  /** JSON: [{ powerW, hashrateThs, estimated }] */
  powerProfiles: string | null;
};

function parseProfiles(text: string | null): PowerProfile[] {
  if (!text) return [];
  try {
    const raw = JSON.parse(text) as unknown;
    if (!Array.isArray(raw)) return [];
    return raw
      .map((p) => ({ powerW: Number(p?.powerW), hashrateThs: Number(p?.hashrateThs) }))
      .filter(
        (p) =>
          Number.isFinite(p.powerW) && p.powerW > 0 && Number.isFinite(p.hashrateThs) && p.hashrateThs >= 0,
      )
      .sort((a, b) => a.powerW - b.powerW);
  } catch {
    return [];
  }
}

/** A miner model from the catalogue row: its power-target profiles, or the nameplate point alone. */
export function minerModelFrom(row: ModelRow): MinerModel | null {
  if (row.class === 'gpu' || !(row.nominalPowerW > 0)) return null;
  let profiles = parseProfiles(row.powerProfiles);
  if (profiles.length === 0)
    profiles = [{ powerW: row.nominalPowerW, hashrateThs: Math.max(0, row.nominalHashrateThs ?? 0) }];
  let nominalIndex = profiles.findIndex((p) => p.powerW === row.nominalPowerW);
  if (nominalIndex < 0) {
    nominalIndex = 0;
    profiles.forEach((p, i) => {
      if (
        Math.abs(p.powerW - row.nominalPowerW) < Math.abs(profiles[nominalIndex]!.powerW - row.nominalPowerW)
      )
        nominalIndex = i;
    });
  }
  return { modelId: String(row.id), name: row.model, class: row.class, profiles, nominalIndex };
}

export function gpuModelFrom(row: ModelRow): GpuServerModel | null {
  if (row.class !== 'gpu' || !row.gpuCount || row.gpuCount <= 0 || !(row.nominalPowerW > 0)) return null;
  return {
    modelId: String(row.id),
    name: row.model,
    gpuModel: normaliseGpuModel(row.gpuModel ?? row.model),
    gpuCount: row.gpuCount,
    gpuMemoryGb: row.gpuMemoryGb ?? 0,
    busyPowerW: row.nominalPowerW,
    idlePowerW: Math.round(row.nominalPowerW * GPU_IDLE_POWER_SHARE),
  };
}

export type DeviceRow = {
  id: number;
  siteId: number;
  modelId: number;
  status: 'online' | 'degraded' | 'offline' | 'curtailed' | 'maintenance';
  powerTargetW: number | null;
  /** Current workload kind (device_workload), null when the device never had an assignment. */
  workloadKind: 'pool' | 'job' | 'rent' | 'curtail' | 'idle' | 'maintenance' | null;
  /** Since when the workload (else the status) holds, epoch ms. */
  sinceMs: number;
  /** GPUs of the current rent assignment. */
  rentedGpus: number | null;
};

/**
 * What a device does now, as the engine sees it. Offline and maintenance devices are "maintenance"
 * (never touched; an offline one draws nothing). A miner mines unless it is curtailed or idle.
 */
export function deviceFrom(
  row: DeviceRow,
  model: MinerModel | GpuServerModel,
  now: number,
): AllocationDevice {
  const sinceMin = Math.max(0, Math.floor((now - row.sinceMs) / 60_000));
  const offline = row.status === 'offline';
  const maintenance = offline || row.status === 'maintenance' || row.workloadKind === 'maintenance';
  const base = {
    deviceId: String(row.id),
    siteId: String(row.siteId),
    modelId: String(row.modelId),
    maintenance,
  };
  if ('gpuCount' in model) {
    const rented =
      !offline && row.workloadKind === 'rent'
        ? Math.min(model.gpuCount, row.rentedGpus ?? model.gpuCount)
        : 0;
    return { ...base, state: { kind: 'gpu', rentedGpus: rented } };
  }
  const off =
    offline || row.status === 'curtailed' || row.workloadKind === 'curtail' || row.workloadKind === 'idle';
  if (off) return { ...base, state: { kind: 'off', sinceMin } };
  const powerW =
    row.powerTargetW && row.powerTargetW > 0 ? row.powerTargetW : model.profiles[model.nominalIndex]!.powerW;
  return { ...base, state: { kind: 'mine', powerW, sinceMin } };
}

export type JobRow = {
  id: number;
  name: string;
  status: 'queued' | 'scheduled' | 'running' | 'preempted';
  gpuCount: number;
  gpuModel: string | null;
  minGpuMemoryGb: number | null;
  expectedHours: number;
  progressPct: number;
  priceUsdPerGpuHour: number;
  deadline: number | null;
  priority: number;
  preemptible: boolean;
  checkpointIntervalMin: number | null;
  multiNode: boolean;
  needsFirmPower: boolean;
};

/**
 * A queued or running job. `running` lists where it runs now (from the device workloads). Pausing
 * a preemptible job loses on average half a checkpoint interval of its GPUs' work (an hour when it
 * has none). The deadline becomes the last interval that must end by it.
 */
export function jobFrom(
  row: JobRow,
  running: { deviceId: string; gpus: number }[] | null,
  startMs: number,
  intervalMin: number,
): AllocationJob | null {
  const remainingH = row.expectedHours * (1 - Math.min(100, Math.max(0, row.progressPct)) / 100);
  if (!(remainingH > 0) || !(row.gpuCount > 0)) return null;
  let deadlineInterval: number | null = null;
  if (row.deadline !== null) {
    const d = Math.floor((row.deadline - startMs) / (intervalMin * 60_000)) - 1;
    deadlineInterval = d >= 0 ? d : null;
  }
  const lostH = (row.checkpointIntervalMin ?? 120) / 60 / 2;
  return {
    jobId: String(row.id),
    gpuCount: row.gpuCount,
    gpuModel: row.gpuModel ? normaliseGpuModel(row.gpuModel) : null,
    minGpuMemoryGb: row.minGpuMemoryGb,
    remainingH,
    usdPerGpuH: row.priceUsdPerGpuHour,
    deadlineInterval,
    deadlinePenaltyUsd: null,
    priority: row.priority,
    preemptible: row.preemptible,
    preemptPenaltyUsd: row.gpuCount * row.priceUsdPerGpuHour * lostH,
    multiNode: row.multiNode,
    needsFirmPower: row.needsFirmPower,
    running: running && running.length > 0 ? running : null,
  };
}

/** Interval indexes whose start falls in one of the site-local quiet hours. */
export function quietIntervalsFor(
  quietHours: readonly number[],
  startMs: number,
  intervals: number,
  intervalMin: number,
  localHour: (tsMs: number) => number,
): number[] {
  if (quietHours.length === 0) return [];
  const set = new Set(quietHours);
  const out: number[] = [];
  for (let t = 0; t < intervals; t++) if (set.has(localHour(startMs + t * intervalMin * 60_000))) out.push(t);
  return out;
}
