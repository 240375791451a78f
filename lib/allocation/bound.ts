import {
  activeIntervals,
  isPinned,
  jobRevenueUsd,
  serverFits,
  siteAllows,
  unplacedPenaltyUsd,
} from './job-terms';
import type { GpuServer, MinerGroup, Model } from './prepare';
import type { AllocationJob } from './types';

/**
 * A cheap upper bound on the best objective any feasible plan can reach (what evaluatePlan scores),
 * so heuristic plans can say how far from optimal they are at most. It is the optimum of a
 * relaxation of the MILP (milp-model.ts), solved in closed form: every site and interval becomes
 * its own fractional knapsack over the meter kW the cap leaves after the loads no plan can change
 * (maintenance, idle GPU nodes, pinned jobs). Relaxed, so the bound can only be higher:
 * - switch costs are dropped (they are ≥ 0) and with them hold times and the switch guardrails;
 * - device counts are fractional, and a miner group's profiles become the upper concave hull of
 *   (0 kW, $0) and its (kW, margin) points — the LP relaxation of choosing one profile or off;
 * - a job's value (revenue + the penalty its placement avoids) is spread evenly over its active
 *   intervals and GPUs, and its copies per interval are not tied together: in each interval a pool
 *   of identical servers may give each compatible job up to its GPU count, best $/GPU first, the
 *   rest of its GPUs to rental.
 * Without more, every pool would count the same best-paying jobs. So the "one placement per job"
 * constraint of each interval is dualized (Lagrange): with any multiplier μ ≥ 0 per job, the job's
 * rate in the pools drops by μ and μ × its GPUs is added once — still an upper bound for every μ.
 * Per interval the bound takes the lower of μ = 0 and μ = the job's rate above the rate at which
 * the fleet's GPUs of the models it fits would be sold out (a market-clearing estimate of the
 * GPUs' shadow price). Any feasible plan is feasible in the relaxation with the same or a higher
 * value, so the bound is ≥ the exact optimum. Loose by the switch costs and by rounding: small
 * instances, where one device or job is a large share, show the largest gaps.
 */

type Segment = { usdPerKw: number; kw: number };

/** Miners of one model at one site (same options, kW and margins whatever their state). */
type MinerKind = Pick<MinerGroup, 'count' | 'options' | 'kwByProfile' | 'marginByProfile'>;

/** Servers of one model at one site: the relaxation cannot tell them apart. */
type Pool = { siteIndex: number; server: GpuServer; gpus: number; members: GpuServer[] };

/** A free job as the relaxation sees it: $ per GPU-interval before energy. */
type JobRate = { i: number; usdPerGpuInterval: number; gpus: number; d: number; fits: string[] };

export function fractionalBoundUsd(model: Model): number {
  const T = model.intervals;
  const { dtH } = model;
  const kwhUsd = (si: number, kw: number, t: number) =>
    (kw * model.sites[si]!.site.priceUsdPerMwh[t]! * dtH) / 1000;

  let constantUsd = 0;
  const fixedKw: number[][] = model.sites.map((s) => new Array<number>(T).fill(s.maintenanceKw));
  for (const s of model.sites) constantUsd -= s.maintenanceUsd;
  for (const server of model.servers.values()) {
    for (let t = 0; t < T; t++) {
      fixedKw[server.siteIndex]![t]! += server.idleKw;
      constantUsd -= kwhUsd(server.siteIndex, server.idleKw, t);
    }
  }
  // Busy GPUs of pinned jobs per server and interval: they run in every plan.
  const pinnedBusy = new Map<string, number[]>();
  const free: AllocationJob[] = [];
  for (const job of model.input.jobs) {
    if (!isPinned(job)) {
      free.push(job);
      constantUsd -= unplacedPenaltyUsd(job, model);
      continue;
    }
    constantUsd += jobRevenueUsd(job, model);
    const d = activeIntervals(job, model);
    for (const a of job.running!) {
      const server = model.servers.get(a.deviceId)!;
      const row = pinnedBusy.get(a.deviceId) ?? new Array<number>(T).fill(0);
      pinnedBusy.set(a.deviceId, row);
      for (let t = 0; t < d; t++) {
        row[t]! += a.gpus;
        const kw = a.gpus * server.busyKwPerGpu;
        fixedKw[server.siteIndex]![t]! += kw;
        constantUsd -= kwhUsd(server.siteIndex, kw, t);
      }
    }
  }

  const pools = poolsOf(model);
  const byServerModel = new Map<string, GpuServer>();
  for (const pool of pools) byServerModel.set(pool.server.model.modelId, pool.server);
  const jobs: JobRate[] = free.map((job, i) => {
    const d = activeIntervals(job, model);
    const value = jobRevenueUsd(job, model) + unplacedPenaltyUsd(job, model);
    const fits = [...byServerModel].filter(([, s]) => serverFits(job, s)).map(([id]) => id);
    return { i, usdPerGpuInterval: value / (job.gpuCount * d), gpus: job.gpuCount, d, fits };
  });
  const byRate = (a: JobRate, b: JobRate) => b.usdPerGpuInterval - a.usdPerGpuInterval;
  // Per pool, the free jobs it could host, best first, in classes of the same server models they
  // fit (one multiplier cap per class); per job, the pools that could host it.
  const hosts: number[][] = jobs.map(() => []);
  const poolJobs = pools.map((pool, k) => {
    const classes = new Map<string, JobRate[]>();
    for (const row of jobs) {
      if (!poolCanHost(model, free[row.i]!, pool)) continue;
      hosts[row.i]!.push(k);
      const key = row.fits.join('|');
      const rows = classes.get(key);
      if (rows) rows.push(row);
      else classes.set(key, [row]);
    }
    return [...classes.values()].map((rows) => rows.sort(byRate));
  });
  // Per server model, the jobs that fit it anywhere, best first (for the clearing rate).
  const modelJobs = new Map(
    [...byServerModel.keys()].map((id) => [id, jobs.filter((j) => j.fits.includes(id)).sort(byRate)]),
  );
  const rentalUsd = pools.map(
    (pool) => model.sites[pool.siteIndex]!.rental.get(pool.server.model.gpuModel)?.usdPerGpuInterval ?? 0,
  );

  let hullFreeUsd = 0;
  // Groups differ by current state and hold time, which the relaxation drops: one per model.
  const kinds = model.sites.map((s) => {
    const byModel = new Map<string, MinerKind>();
    for (const g of s.groups) {
      const kind = byModel.get(g.model.modelId);
      if (kind) kind.count += g.count;
      else byModel.set(g.model.modelId, { ...g, count: g.count });
    }
    return [...byModel.values()];
  });
  const minerSegments: Segment[][][] = model.sites.map((_, si) =>
    Array.from({ length: T }, (_, t) => {
      const segs: Segment[] = [];
      for (const g of kinds[si]!)
        hullFreeUsd += addHull(segs, g.count, g.options, g.kwByProfile, g.marginByProfile, t);
      return segs.sort((a, b) => b.usdPerKw - a.usdPerKw);
    }),
  );
  const capacityKw = (si: number, t: number) =>
    Math.max(0, model.sites[si]!.site.capacityKw - fixedKw[si]![t]!);
  // Multipliers for the second bound: $/kW at the margin of each site's knapsack, $/GPU of each pool.
  const kwPrice: number[][] = model.sites.map(() => new Array<number>(T).fill(0));
  const gpuPrice: number[][] = pools.map(() => new Array<number>(T).fill(0));
  const freeGpus: number[][] = pools.map((pool) =>
    Array.from({ length: T }, (_, t) => {
      let left = pool.gpus;
      for (const m of pool.members) left -= pinnedBusy.get(m.deviceId)?.[t] ?? 0;
      return left;
    }),
  );

  let variableUsd = hullFreeUsd;
  for (let t = 0; t < T; t++) {
    const freeNow = freeGpus.map((row) => row[t]!);
    // The rate at which each server model's free GPUs would be sold out to the jobs that fit it.
    const clearing = new Map<string, number>();
    for (const [id, rows] of modelJobs) {
      let supply = 0;
      pools.forEach((pool, k) => {
        if (pool.server.model.modelId === id) supply += freeNow[k]!;
      });
      let rate = 0;
      for (const row of rows) {
        if (t >= row.d) continue;
        supply -= row.gpus;
        if (supply <= 0) {
          rate = row.usdPerGpuInterval;
          break;
        }
      }
      clearing.set(id, rate);
    }
    const capUsd = jobs.map((row) => {
      let c = 0;
      for (const id of row.fits) c = Math.max(c, clearing.get(id)!);
      return c;
    });
    const intervalUsd = (dualized: boolean) => {
      let usd = 0;
      const margins: number[] = [];
      if (dualized)
        for (const row of jobs)
          if (t < row.d) usd += row.gpus * Math.max(0, row.usdPerGpuInterval - capUsd[row.i]!);
      model.sites.forEach((_, si) => {
        const ai: Segment[] = [];
        pools.forEach((pool, k) => {
          if (pool.siteIndex !== si) return;
          usd += addGpuSegments(
            ai,
            poolJobs[k]!,
            freeNow[k]!,
            rentalUsd[k]!,
            pool.server.busyKwPerGpu,
            kwhUsd(si, pool.server.busyKwPerGpu, t),
            t,
            dualized ? capUsd : null,
          );
        });
        ai.sort((a, b) => b.usdPerKw - a.usdPerKw);
        const fill = fillKnapsack(minerSegments[si]![t]!, ai, capacityKw(si, t));
        usd += fill.usd;
        margins.push(fill.marginUsdPerKw);
      });
      return { usd, margins };
    };
    const plain = intervalUsd(false);
    const dual = jobs.length > 0 ? intervalUsd(true) : plain;
    const best = dual.usd < plain.usd ? dual : plain;
    variableUsd += best.usd;
    model.sites.forEach((_, si) => {
      kwPrice[si]![t] = best.margins[si]!;
    });
    pools.forEach((pool, k) => {
      const si = pool.siteIndex;
      const kw = pool.server.busyKwPerGpu;
      const rate = Math.max(rentalUsd[k]!, clearing.get(pool.server.model.modelId)!);
      gpuPrice[k]![t] = Math.max(0, rate - kwhUsd(si, kw, t) - kwPrice[si]![t]! * kw);
    });
  }
  const perInterval = constantUsd + variableUsd;
  if (jobs.length === 0) return perInterval;

  // The second bound: the site caps and the pools' GPUs dualized over the whole horizon at the
  // prices above, so every job is priced as a whole (it holds its GPUs from interval 0 for its
  // whole duration) instead of interval by interval. Valid for any prices ≥ 0; the lower wins.
  let lagrangeUsd = constantUsd;
  model.sites.forEach((_, si) => {
    for (let t = 0; t < T; t++) {
      const lambda = kwPrice[si]![t]!;
      lagrangeUsd += lambda * capacityKw(si, t);
      for (const g of kinds[si]!) {
        let best = 0;
        for (const p of g.options)
          best = Math.max(best, g.marginByProfile[p]![t]! - lambda * g.kwByProfile[p]!);
        lagrangeUsd += g.count * best;
      }
    }
  });
  // Per pool, the priced cost of one GPU over intervals [0, d): energy + kW price + GPU price.
  const costPrefix = pools.map((pool, k) => {
    const si = pool.siteIndex;
    const kw = pool.server.busyKwPerGpu;
    const prefix = [0];
    for (let t = 0; t < T; t++) {
      const energy = kwhUsd(si, kw, t);
      const pi = gpuPrice[k]![t]!;
      const gpus = freeGpus[k]![t]!;
      lagrangeUsd += pi * gpus;
      if (rentalUsd[k]! > 0)
        lagrangeUsd += gpus * Math.max(0, rentalUsd[k]! - energy - kwPrice[si]![t]! * kw - pi);
      prefix.push(prefix[t]! + energy + kwPrice[si]![t]! * kw + pi);
    }
    return prefix;
  });
  for (const row of jobs) {
    const value = row.usdPerGpuInterval * row.gpus * row.d;
    let best = 0;
    for (const k of hosts[row.i]!) best = Math.max(best, value - row.gpus * costPrefix[k]![row.d]!);
    lagrangeUsd += best;
  }
  return Math.min(perInterval, lagrangeUsd);
}

function poolsOf(model: Model): Pool[] {
  const pools = new Map<string, Pool>();
  for (const server of model.servers.values()) {
    const key = `${server.siteIndex}|${server.model.modelId}`;
    const pool = pools.get(key);
    if (pool) {
      pool.gpus += server.model.gpuCount;
      pool.members.push(server);
    } else
      pools.set(key, { siteIndex: server.siteIndex, server, gpus: server.model.gpuCount, members: [server] });
  }
  return [...pools.values()];
}

/** The MILP's placement options (milp-model.ts addJobs), without the choice between them. */
function poolCanHost(model: Model, job: AllocationJob, pool: Pool): boolean {
  if (!serverFits(job, pool.server) || !siteAllows(job, model, pool.siteIndex)) return false;
  if (!job.multiNode) return pool.server.model.gpuCount >= job.gpuCount;
  let gpus = 0;
  for (const server of model.sites[pool.siteIndex]!.servers)
    if (serverFits(job, server)) gpus += server.model.gpuCount;
  return gpus >= job.gpuCount;
}

/**
 * The pool's free GPUs in interval t as kW segments: compatible active jobs best first (each up
 * to its GPU count, its rate capped by the multiplier when dualized), the rest to rental; a GPU
 * earns at most the better of the two. Returns the $ of GPUs that draw no extra kW.
 */
function addGpuSegments(
  out: Segment[],
  classes: JobRate[][],
  gpus: number,
  rentalUsd: number,
  kwPerGpu: number,
  energyPerGpuUsd: number,
  t: number,
  capUsd: number[] | null,
): number {
  let left = gpus;
  let freeUsd = 0;
  const add = (n: number, usdPerGpu: number) => {
    const net = usdPerGpu - energyPerGpuUsd;
    if (n <= 0 || net <= 0) return;
    if (kwPerGpu <= 0) freeUsd += n * net;
    else out.push({ usdPerKw: net / kwPerGpu, kw: n * kwPerGpu });
  };
  // Within a class the capped rate keeps the order, so a merge of the classes by rate takes the
  // best jobs first and stops when the pool is full or rental pays more.
  const heads = classes.map(() => 0);
  while (left > 0) {
    let best = -1;
    let bestUsd = rentalUsd;
    classes.forEach((rows, c) => {
      while (heads[c]! < rows.length && t >= rows[heads[c]!]!.d) heads[c]!++;
      const row = rows[heads[c]!];
      if (!row) return;
      const usd = capUsd ? Math.min(row.usdPerGpuInterval, capUsd[row.i]!) : row.usdPerGpuInterval;
      if (usd > bestUsd) {
        best = c;
        bestUsd = usd;
      }
    });
    if (best < 0) break;
    const n = Math.min(left, classes[best]![heads[best]!]!.gpus);
    add(n, bestUsd);
    left -= n;
    heads[best]!++;
  }
  if (rentalUsd > 0) add(left, rentalUsd);
  return freeUsd;
}

/**
 * The upper concave hull of (0, 0) and the group's (kW, $) points in interval t, as segments of
 * decreasing $/kW; only the rising part (a plan never gains by running a segment at a loss).
 * Returns the $ of a profile that would earn at 0 kW (none in the catalogue; kept for validity).
 */
function addHull(
  out: Segment[],
  count: number,
  options: number[],
  kwByProfile: number[],
  marginByProfile: number[][],
  t: number,
): number {
  // options are few (≤ 6 profiles): a small array per call is cheaper than caching.
  const points: { kw: number; usd: number }[] = [];
  for (const p of options) {
    const usd = marginByProfile[p]![t]!;
    if (usd > 0) points.push({ kw: kwByProfile[p]!, usd });
  }
  points.sort((a, b) => a.kw - b.kw);
  let kw = 0;
  let usd = 0;
  let freeUsd = 0;
  while (points.length > 0 && points[0]!.kw <= 0) {
    const p = points.shift()!;
    if (p.usd > usd) {
      freeUsd = count * p.usd;
      usd = p.usd;
    }
  }
  while (points.length > 0) {
    // The next hull vertex is the point with the steepest slope from the current one.
    let best = -1;
    let bestSlope = 0;
    for (let i = 0; i < points.length; i++) {
      const p = points[i]!;
      if (p.kw <= kw) continue;
      const slope = (p.usd - usd) / (p.kw - kw);
      if (slope > bestSlope) {
        bestSlope = slope;
        best = i;
      }
    }
    if (best < 0) break;
    const p = points[best]!;
    out.push({ usdPerKw: bestSlope, kw: count * (p.kw - kw) });
    kw = p.kw;
    usd = p.usd;
    points.splice(0, best + 1);
  }
  return freeUsd;
}

/**
 * Fractional knapsack over two lists each sorted by $/kW, best first; with the $/kW of the last
 * segment taken when the capacity runs out (0 when it does not: the cap does not bind).
 */
function fillKnapsack(
  a: Segment[],
  b: Segment[],
  capacityKw: number,
): { usd: number; marginUsdPerKw: number } {
  let left = capacityKw;
  let usd = 0;
  let i = 0;
  let j = 0;
  let margin = 0;
  while (left > 0 && (i < a.length || j < b.length)) {
    const seg = j >= b.length || (i < a.length && a[i]!.usdPerKw >= b[j]!.usdPerKw) ? a[i++]! : b[j++]!;
    const kw = Math.min(left, seg.kw);
    usd += kw * seg.usdPerKw;
    left -= kw;
    margin = seg.usdPerKw;
  }
  return { usd, marginUsdPerKw: left > 0 ? 0 : margin };
}
