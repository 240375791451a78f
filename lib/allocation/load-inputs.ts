// The allocation engine's instance from the database and the live market (server only): sites with
// their cap, PUE and a $/MWh per interval over the horizon (known prices, then the same hour last
// week; fixed/TOU from the contract), devices with their catalogue power profiles and what they do
// now, queued and running jobs, rental rates. The mapping rules are pure (instance-rows.ts).

import { getDb } from '../db/client';
import { join, queryRows, sql } from '../db/raw';
import { CURRENT_SUBSIDY_BTC, subsidyBtcAtHeight } from '../economics';
import { sitePriceSeries } from '../market/electricity/site-price';
import { loadMarketSnapshot } from '../market/views/snapshot';
import { localHourOfDay } from '../time/zone';
import { DEFAULT_RENTAL } from '../workloads/rental';
import { num } from '../workloads/rows';
import {
  DEFAULT_HYSTERESIS,
  DEFAULT_SITE_PLAN_SETTINGS,
  type MarketBasis,
  normaliseGpuModel,
  type PlanInputs,
  type SitePlanSettings,
  type SkippedJob,
  type SkippedSite,
} from './inputs';
import {
  type DeviceRow,
  deviceFrom,
  gpuModelFrom,
  horizonPrices,
  type JobRow,
  jobFrom,
  type ModelRow,
  minerModelFrom,
  quietIntervalsFor,
} from './instance-rows';
import type {
  AllocationDevice,
  AllocationJob,
  AllocationSite,
  GpuServerModel,
  MinerModel,
  RentalRate,
} from './types';

const DAY_MS = 86_400_000;

export type LoadInputsOptions = {
  now: number;
  /** Sites to plan; all sites when absent. */
  siteIds?: number[];
  horizonH: number;
  intervalMin: number;
  constraints: { guardrails: boolean; holdTimes: boolean };
  /** Guardrail knobs per site id (automatic-mode settings); defaults when absent. */
  siteSettings?: Map<number, SitePlanSettings>;
};

export async function loadPlanInputs(opts: LoadInputsOptions): Promise<PlanInputs> {
  const { now, intervalMin } = opts;
  const intervalMs = intervalMin * 60_000;
  const startMs = Math.floor(now / intervalMs) * intervalMs;
  const intervals = Math.max(1, Math.round((opts.horizonH * 60) / intervalMin));
  const db = getDb();

  const siteRows = await db.site.findMany({
    where: opts.siteIds ? { id: { in: opts.siteIds } } : undefined,
    orderBy: { id: 'asc' },
  });
  const skippedSites: SkippedSite[] = [];
  const sites: AllocationSite[] = [];
  const priceSources: MarketBasis['priceSources'] = {};
  const rentalRows = await db.gpuRentalSetting.findMany();
  const fleetRental = rentalRows.find((r) => r.siteId === null) ?? DEFAULT_RENTAL;
  for (const s of siteRows) {
    const contract = {
      contractKind: s.contractKind,
      fixedPriceUsdPerMwh: s.fixedPriceUsdPerMwh,
      touSchedule: parseJson(s.touSchedule),
      spotSource: s.spotSource,
      spotAdderUsdPerMwh: s.spotAdderUsdPerMwh,
      timezone: s.timezone,
    };
    // Two weeks back for the "same hour last week" forecast of a horizon up to a week long.
    const series = await sitePriceSeries(
      { ...contract, id: s.id },
      startMs - 14 * DAY_MS,
      startMs + intervals * intervalMs,
    );
    const priced = horizonPrices(series.points, startMs, intervals, intervalMin, s.contractKind !== 'spot');
    if (!priced.ok) {
      skippedSites.push({ siteId: s.id, name: s.name, reason: series.reason ?? priced.reason });
      continue;
    }
    const settings = opts.siteSettings?.get(s.id) ?? DEFAULT_SITE_PLAN_SETTINGS;
    const rental = rentalRows.find((r) => r.siteId === s.id) ?? fleetRental;
    sites.push({
      siteId: String(s.id),
      name: s.name,
      capacityKw: s.powerCapacityKw,
      pue: Math.max(1, s.pue),
      priceUsdPerMwh: priced.prices.map((p) => Math.round(p * 100) / 100),
      curtailable: s.curtailable,
      firmPower: s.firmPower,
      poolFeePct: s.poolFeePct,
      maxSwitchPct: settings.maxSwitchPct,
      quietIntervals: quietIntervalsFor(settings.quietHours, startMs, intervals, intervalMin, (ts) =>
        localHourOfDay(ts, s.timezone),
      ),
      rentalEnabled: rental.enabled,
    });
    priceSources[String(s.id)] = priced.sources;
  }
  const planned = new Set(sites.map((s) => Number(s.siteId)));

  const modelRows = await db.deviceModel.findMany();
  const minerModels = new Map<number, MinerModel>();
  const gpuModels = new Map<number, GpuServerModel>();
  for (const m of modelRows) {
    const row: ModelRow = { ...m, class: m.class };
    const miner = minerModelFrom(row);
    if (miner) minerModels.set(m.id, miner);
    const gpu = gpuModelFrom(row);
    if (gpu) gpuModels.set(m.id, gpu);
  }

  const deviceRows = planned.size
    ? await queryRows(sql`
        SELECT d.id, d.name, d.site_id, d.model_id, d.status, d.status_changed_at, d.power_target_w,
               m.model AS model_name, w.kind AS workload_kind, w.since_ts, w.job_id, a.gpus
        FROM device d
          JOIN device_model m ON m.id = d.model_id
          LEFT JOIN device_workload w ON w.device_id = d.id
          LEFT JOIN assignment a ON a.id = w.assignment_id
        WHERE d.site_id IN (${join([...planned])})
        ORDER BY d.id`)
    : [];
  const devices: AllocationDevice[] = [];
  const labels: PlanInputs['labels'] = { sites: {}, devices: {}, jobs: {} };
  for (const s of sites) labels.sites[s.siteId] = s.name;
  const usedMiner = new Set<number>();
  const usedGpu = new Set<number>();
  const jobOn = new Map<number, { deviceId: string; gpus: number; usable: boolean }[]>();
  for (const r of deviceRows) {
    const modelId = Number(r.model_id);
    const model = minerModels.get(modelId) ?? gpuModels.get(modelId);
    if (!model) continue;
    const row: DeviceRow = {
      id: Number(r.id),
      siteId: Number(r.site_id),
      modelId,
      status: r.status as DeviceRow['status'],
      powerTargetW: num(r.power_target_w),
      workloadKind: (r.workload_kind as DeviceRow['workloadKind']) ?? null,
      sinceMs: num(r.since_ts) ?? toMs(r.status_changed_at) ?? now,
      rentedGpus: num(r.gpus),
    };
    const device = deviceFrom(row, model, now);
    devices.push(device);
    labels.devices[device.deviceId] = { name: String(r.name), model: String(r.model_name) };
    if ('gpuCount' in model) usedGpu.add(modelId);
    else usedMiner.add(modelId);
    if (row.workloadKind === 'job' && r.job_id != null) {
      const jobId = Number(r.job_id);
      const list = jobOn.get(jobId) ?? [];
      list.push({
        deviceId: device.deviceId,
        gpus: row.rentedGpus ?? (model as GpuServerModel).gpuCount ?? 0,
        usable: !device.maintenance && 'gpuCount' in model,
      });
      jobOn.set(jobId, list);
    }
  }

  const jobRows = await db.aiJob.findMany({
    where: { status: { in: ['queued', 'scheduled', 'running', 'preempted'] } },
    orderBy: { id: 'asc' },
  });
  const jobs: AllocationJob[] = [];
  const skippedJobs: SkippedJob[] = [];
  for (const j of jobRows) {
    const on = jobOn.get(j.id) ?? [];
    if (on.some((a) => !a.usable)) {
      skippedJobs.push({
        jobId: j.id,
        name: j.name,
        reason: 'runs on a device that is offline or in maintenance: left as it is',
      });
      continue;
    }
    if (j.status !== 'queued' && j.status !== 'preempted' && on.length === 0) {
      // Running somewhere outside the planned sites (or without a placement on record).
      skippedJobs.push({ jobId: j.id, name: j.name, reason: `is ${j.status} outside the planned sites` });
      continue;
    }
    const row: JobRow = {
      ...j,
      status: j.status as JobRow['status'],
      deadline: j.deadline === null ? null : Number(j.deadline),
    };
    const job = jobFrom(
      row,
      on.length ? on.map((a) => ({ deviceId: a.deviceId, gpus: a.gpus })) : null,
      startMs,
      intervalMin,
    );
    if (!job) {
      skippedJobs.push({ jobId: j.id, name: j.name, reason: 'has no work left' });
      continue;
    }
    jobs.push(job);
    labels.jobs[job.jobId] = j.name;
  }

  const snapshot = await loadMarketSnapshot(now);
  const utilisation = fleetRental.utilisationPct / 100;
  const floor = fleetRental.minUsdPerGpuHour;
  const gpuUsdPerHour: Record<string, number> = {};
  const rental: RentalRate[] = [];
  for (const r of snapshot.gpuRates) {
    const key = normaliseGpuModel(r.gpuModel);
    gpuUsdPerHour[key] = r.usdPerGpuH;
    if (floor !== null && r.usdPerGpuH < floor) continue;
    rental.push({ gpuModel: key, usdPerGpuH: r.usdPerGpuH, utilisation });
  }
  const subsidyBtc =
    snapshot.hashprice?.subsidyBtc ??
    (snapshot.blockHeight ? subsidyBtcAtHeight(Math.floor(snapshot.blockHeight.value)) : CURRENT_SUBSIDY_BTC);
  const hashprice = snapshot.hashprice?.usdPerPhDay ?? null;
  const basis: MarketBasis = {
    btcUsd: snapshot.btcUsd?.value ?? null,
    difficulty: snapshot.difficulty?.value ?? null,
    feesBtcPerBlock: snapshot.feesBtcPerBlock?.value ?? null,
    subsidyBtc,
    hashpriceUsdPerPhDay: hashprice,
    hashpriceSource: hashprice === null ? 'missing' : 'computed',
    priceSources,
    gpuUsdPerHour,
    simulated: Boolean(snapshot.hashprice?.simulated) || snapshot.gpuRates.some((r) => r.simulated),
    stale: Boolean(snapshot.hashprice?.stale),
  };

  return {
    version: 1,
    readAt: now,
    horizonH: (intervals * intervalMin) / 60,
    instance: {
      startMs,
      intervalMin,
      intervals,
      hashpriceUsdPerPhDay: hashprice ?? 0,
      sites,
      minerModels: [...usedMiner].map((id) => minerModels.get(id)!),
      gpuModels: [...usedGpu].map((id) => gpuModels.get(id)!),
      devices,
      jobs,
      rental,
      hysteresis: DEFAULT_HYSTERESIS,
      constraints: opts.constraints,
    },
    basis,
    labels,
    skippedSites,
    skippedJobs,
  };
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toMs(v: unknown): number | null {
  if (v == null) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
  const t = Date.parse(String(v));
  return Number.isFinite(t) ? t : null;
}
