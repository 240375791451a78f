// Live money figures composed from telemetry totals, site contracts and market values, using the
// lib/economics formulas only. Pure: the loader (load.ts) passes the numbers in.
//
// Everything is linear in hashrate, power and GPU utilisation, so devices are aggregated per
// (site, model) first and the economics run once per group: the result equals the per-device sum.
import { gpuWorkRevenueUsdPerHour, isGpuWork } from '../../workloads/revenue-rate';
import {
  aiValueUsdPerMwh,
  breakevenUsdPerMwh,
  energyCostUsdPerDay,
  gpuPowerShareKw,
  miningRevenuePerDay,
} from '../index';

export type DeviceGroup = {
  siteId: number;
  modelId: number;
  modelName: string;
  class: 'asic' | 'micro' | 'gpu';
  devices: number;
  /** Devices with a fresh sample; only they count towards hashrate, power and utilisation. */
  reporting: number;
  hashrateThs: number;
  powerW: number;
  /** Sum of GPU utilisation (0–100) over reporting nodes. */
  gpuUtilPctSum: number;
  nominalHashrateThs: number | null;
  nominalPowerW: number;
  gpuCount: number | null;
  gpuModel: string | null;
  /**
   * What the group's devices are assigned to (lib/workloads): groups are split by workload, so a
   * curtailed ASIC earns nothing, a pool's own fee replaces the site default, and a GPU server earns
   * its job's or rental's rate. Absent: no assignment (a GPU server then earns nothing).
   */
  workload?: GroupWorkload;
};

export type GroupWorkload = {
  kind: 'pool' | 'job' | 'rent' | 'curtail' | 'idle' | 'maintenance' | 'none';
  poolFeePct: number | null;
  rateUsdPerGpuHour: number | null;
  utilisationPct: number | null;
  /** GPUs the assignments use (job: what the job needs on these nodes; rent: the whole node). */
  assignedGpus: number;
  /** Job assignments only: whether the job is running now (a placed, not yet started job earns nothing). */
  jobRunning: boolean;
};

export type SiteTerms = {
  siteId: number;
  siteName: string;
  pue: number;
  poolFeePct: number;
  /** What the site pays now; null when unknown (the reason says why). */
  priceUsdPerMwh: number | null;
  priceProvider: string | null;
  priceStale: boolean;
  priceReason: string | null;
};

export type MarketTerms = {
  hashprice: { usdPerThDay: number; btcPerThDay: number } | null;
  /** $/GPU-h by lower-cased GPU model. */
  gpuRates: ReadonlyMap<string, { usdPerGpuH: number; provider: string; stale: boolean }>;
};

export type GroupEconomics = {
  siteId: number;
  modelId: number;
  modelName: string;
  class: DeviceGroup['class'];
  use: 'mining' | 'ai';
  devices: number;
  reporting: number;
  hashrateThs: number;
  powerW: number;
  revenueUsdPerDay: number | null;
  revenueBtcPerDay: number | null;
  energyCostUsdPerDay: number | null;
  marginUsdPerDay: number | null;
  /** Mining: at nameplate efficiency. AI: v_gpu at nameplate power share and current (or full) utilisation. */
  breakevenUsdPerMwh: number | null;
  /** From measured power and hashrate (or utilisation); null when nothing reports. */
  measuredBreakevenUsdPerMwh: number | null;
  nameplateEfficiencyJPerTh: number | null;
  measuredEfficiencyJPerTh: number | null;
  /** The group's assignment kind (null: not known to the loader). */
  workload: GroupWorkload['kind'] | null;
  /** Distinguishes groups of one model on different work (fee, rate): stable list keys. */
  workloadKey: string;
  gpu: {
    gpuModel: string | null;
    gpus: number;
    utilisationPct: number | null;
    usdPerGpuH: number | null;
    rateProvider: string | null;
  } | null;
  notes: string[];
};

const perDay = (perHour: number) => perHour * 24;

function energyCost(powerW: number, site: SiteTerms): number | null {
  return site.priceUsdPerMwh === null
    ? null
    : energyCostUsdPerDay({ powerW, pue: site.pue, priceUsdPerMwh: site.priceUsdPerMwh });
}

function miningGroup(g: DeviceGroup, site: SiteTerms, market: MarketTerms): GroupEconomics {
  const notes: string[] = [];
  const nameplateEfficiencyJPerTh = g.nominalHashrateThs ? g.nominalPowerW / g.nominalHashrateThs : null;
  const ratio = g.hashrateThs > 0 ? g.powerW / g.hashrateThs : Number.NaN;
  // A device reporting hashrate without power (or a rounding-size hashrate) has no usable efficiency.
  const measuredEfficiencyJPerTh = Number.isFinite(ratio) && ratio > 0 ? ratio : null;
  const base = { ...groupBase(g, 'mining'), nameplateEfficiencyJPerTh, measuredEfficiencyJPerTh, gpu: null };
  const hp = market.hashprice;
  const w = g.workload;
  const notMining =
    w !== undefined && (w.kind === 'curtail' || w.kind === 'idle' || w.kind === 'maintenance');
  if (notMining) notes.push(`${w.kind}: earns nothing while assigned so`);
  const poolFeePct = w?.poolFeePct ?? site.poolFeePct;
  if (!hp) notes.push('no hashprice: BTC price, difficulty or fees are missing');
  if (site.priceUsdPerMwh === null) notes.push(`no electricity price: ${site.priceReason ?? 'unknown'}`);
  const breakeven = (efficiencyJPerTh: number | null) =>
    hp && efficiencyJPerTh
      ? breakevenUsdPerMwh({
          usdPerThDay: hp.usdPerThDay,
          poolFeePct,
          efficiencyJPerTh,
          pue: site.pue,
        })
      : null;
  const revenue = notMining
    ? { usd: 0, btc: 0 }
    : hp
      ? miningRevenuePerDay({ hashrateThs: g.hashrateThs, hashprice: hp, poolFeePct })
      : null;
  const cost = energyCost(g.powerW, site);
  return {
    ...base,
    revenueUsdPerDay: revenue?.usd ?? null,
    revenueBtcPerDay: revenue?.btc ?? null,
    energyCostUsdPerDay: cost,
    marginUsdPerDay: revenue && cost !== null ? revenue.usd - cost : null,
    breakevenUsdPerMwh: breakeven(nameplateEfficiencyJPerTh),
    measuredBreakevenUsdPerMwh: breakeven(measuredEfficiencyJPerTh),
    notes,
  };
}

function aiGroup(g: DeviceGroup, site: SiteTerms, market: MarketTerms): GroupEconomics {
  const notes: string[] = [];
  const gpusPerNode = g.gpuCount ?? 0;
  const gpus = gpusPerNode * g.reporting;
  const utilisation =
    g.reporting > 0 ? Math.min(1, Math.max(0, g.gpuUtilPctSum / (100 * g.reporting))) : null;
  const rate = g.gpuModel ? market.gpuRates.get(g.gpuModel.toLowerCase()) : undefined;
  if (!g.gpuModel) notes.push('the model has no GPU type, so no rental rate applies');
  else if (!rate) notes.push(`no rental rate for ${g.gpuModel}`);
  if (site.priceUsdPerMwh === null) notes.push(`no electricity price: ${site.priceReason ?? 'unknown'}`);
  const shareKw = gpus > 0 ? g.powerW / 1000 / gpus : 0;
  // Money follows the work: a GPU server earns only what its assignment pays (the same rule the
  // reports accrue with), never an estimate from telemetry utilisation — an unassigned or idle node
  // earns nothing and still draws its idle power.
  const revenuePerH = assignedRevenuePerHour(g.workload, notes);
  // The node's whole wall power (its GPUs' shares summed), as DESIGN §6: energy with the node's share of power.
  const costPerDay = energyCost(g.powerW, site);
  const nameplateShareKw =
    gpusPerNode > 0 ? gpuPowerShareKw({ nodePowerW: g.nominalPowerW, gpusPerNode }) : 0;
  return {
    ...groupBase(g, 'ai'),
    revenueUsdPerDay: revenuePerH === null ? null : perDay(revenuePerH),
    revenueBtcPerDay: null,
    energyCostUsdPerDay: costPerDay,
    marginUsdPerDay: revenuePerH !== null && costPerDay !== null ? perDay(revenuePerH) - costPerDay : null,
    breakevenUsdPerMwh:
      rate && nameplateShareKw > 0
        ? aiValueUsdPerMwh({
            usdPerGpuH: rate.usdPerGpuH,
            utilisation: utilisation ?? 1,
            gpuPowerShareKw: nameplateShareKw,
            pue: site.pue,
          })
        : null,
    measuredBreakevenUsdPerMwh:
      rate && shareKw > 0
        ? aiValueUsdPerMwh({
            usdPerGpuH: rate.usdPerGpuH,
            utilisation: utilisation ?? 0,
            gpuPowerShareKw: shareKw,
            pue: site.pue,
          })
        : null,
    nameplateEfficiencyJPerTh: null,
    measuredEfficiencyJPerTh: null,
    gpu: {
      gpuModel: g.gpuModel,
      gpus,
      utilisationPct: utilisation === null ? null : utilisation * 100,
      usdPerGpuH: rate?.usdPerGpuH ?? null,
      rateProvider: rate?.provider ?? null,
    },
    notes,
  };
}

/** A GPU server earns what it is assigned: its running job's price, or the rental rate × utilisation assumption. */
function assignedRevenuePerHour(w: GroupWorkload | undefined, notes: string[]): number {
  const kind = w?.kind ?? 'none';
  if (!w || !isGpuWork(kind)) {
    // No assignment is the ordinary state of a spare node, not a problem to flag (the workload says it).
    if (kind !== 'none') notes.push(`${kind}: earns nothing while assigned so`);
    return 0;
  }
  if (kind === 'job' && !w.jobRunning) notes.push('the job is not running: nothing accrues until it starts');
  return gpuWorkRevenueUsdPerHour(
    {
      kind,
      gpus: w.assignedGpus,
      rateUsdPerGpuHour: w.rateUsdPerGpuHour,
      utilisationPct: w.utilisationPct,
    },
    w.jobRunning,
  );
}

function groupBase(g: DeviceGroup, use: 'mining' | 'ai') {
  return {
    siteId: g.siteId,
    modelId: g.modelId,
    modelName: g.modelName,
    class: g.class,
    use,
    devices: g.devices,
    reporting: g.reporting,
    hashrateThs: g.hashrateThs,
    powerW: g.powerW,
    workload: g.workload?.kind ?? null,
    workloadKey: g.workload
      ? `${g.workload.kind}:${g.workload.poolFeePct ?? ''}:${g.workload.rateUsdPerGpuHour ?? ''}:${g.workload.utilisationPct ?? ''}${g.workload.jobRunning ? ':running' : ''}`
      : 'all',
  };
}

/** Money figures of one (site, model) group, or of a single device passed as a group of one. */
export function composeGroup(g: DeviceGroup, site: SiteTerms, market: MarketTerms): GroupEconomics {
  return g.class === 'gpu' ? aiGroup(g, site, market) : miningGroup(g, site, market);
}
