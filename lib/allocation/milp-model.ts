import { disaggregate } from './disaggregate';
import {
  activeIntervals,
  isPinned,
  jobRevenueUsd,
  serverFits,
  siteAllows,
  unplacedPenaltyUsd,
} from './job-terms';
import { energyUsd, type GpuServer, type Model, rentalMarginUsd } from './prepare';
import type { SiteDecision } from './site-terms';
import type { AllocationJob, JobPlacement, Plan } from './types';

/**
 * The exact model as a MILP in CPLEX LP text (what `highs` solves). Same aggregation as the
 * heuristic: an integer count of each miner group at each profile per interval, switch-on/off
 * counts with the clustered unit-commitment hold constraints (devices switched on in the last
 * L intervals are still on), GPU jobs as binaries (or integer GPUs per server for multi-node
 * jobs), rental as integer GPUs per server model. Constants (maintenance, idle servers, pinned
 * jobs, penalties) are left out of the LP objective; plans are scored by evaluatePlan.
 */

type Term = [number, string];

class LpWriter {
  objective: Term[] = [];
  rows: string[] = [];
  bounds: string[] = [];
  generals: string[] = [];
  binaries: string[] = [];
  private n = 0;

  row(terms: Term[], sense: '<=' | '>=' | '=', rhs: number) {
    const live = terms.filter(([c]) => c !== 0);
    if (live.length === 0) return;
    this.rows.push(` r${this.n++}: ${expr(live)} ${sense} ${num(rhs)}`);
  }

  int(name: string, lo: number, hi: number) {
    this.bounds.push(` ${num(lo)} <= ${name} <= ${num(hi)}`);
    this.generals.push(name);
  }

  bin(name: string) {
    this.binaries.push(name);
  }

  text(): string {
    const obj = this.objective.filter(([c]) => c !== 0);
    const wrap = (names: string[]) => chunk(names, 12).map((c) => ` ${c.join(' ')}`);
    return [
      'Maximize',
      ` obj: ${obj.length ? expr(obj) : '0 dummy'}`,
      'Subject To',
      ...(this.rows.length ? this.rows : [' r_dummy: dummy >= 0']),
      'Bounds',
      ...this.bounds,
      ...(obj.length ? [] : [' dummy = 0']),
      ...(this.generals.length ? ['General', ...wrap(this.generals)] : []),
      ...(this.binaries.length ? ['Binary', ...wrap(this.binaries)] : []),
      'End',
      '',
    ].join('\n');
  }
}

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(12).replace(/\.?0+(e|$)/, '$1');
}

function expr(terms: Term[]): string {
  const parts = terms.map(([c, v], i) => `${c < 0 ? '-' : i === 0 ? '' : '+'} ${num(Math.abs(c))} ${v}`);
  return chunk(parts, 10)
    .map((c) => c.join(' '))
    .join('\n  ');
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** One way to place a job: the variable and the GPUs per server it takes when chosen. */
type JobVar = { name: string; job: AllocationJob; siteIndex: number; gpusOn: Map<string, number> | null };

export type MilpModel = { lp: string; jobVars: JobVar[]; multiNode: Map<string, string[]> };

export function buildMilp(model: Model): MilpModel {
  const w = new LpWriter();
  const T = model.intervals;
  const capTerms: Term[][][] = model.sites.map(() => Array.from({ length: T }, () => []));
  const capFixed: number[][] = model.sites.map((s) => new Array<number>(T).fill(s.maintenanceKw));
  model.sites.forEach((s, si) => {
    for (const server of s.servers) for (let t = 0; t < T; t++) capFixed[si]![t]! += server.idleKw;
    const switchTerms: Term[][] = Array.from({ length: T }, () => []);
    s.groups.forEach((g, gi) => {
      const on = (t: number): Term[] => g.options.map((p) => [1, `n_${si}_${gi}_${p}_${t}`]);
      for (let t = 0; t < T; t++) {
        for (const p of g.options) {
          const v = `n_${si}_${gi}_${p}_${t}`;
          w.int(v, 0, g.count);
          w.objective.push([g.marginByProfile[p]![t]!, v]);
          capTerms[si]![t]!.push([g.kwByProfile[p]!, v]);
        }
        const u = `u_${si}_${gi}_${t}`;
        const d = `w_${si}_${gi}_${t}`;
        w.int(u, 0, g.count);
        w.int(d, 0, g.noSwitchOff ? 0 : g.count);
        w.objective.push([-g.switchCostUsd, u], [-g.switchCostUsd, d]);
        switchTerms[t]!.push([1, u], [1, d]);
        w.row(on(t), '<=', g.count);
        // on_t − on_{t−1} = u_t − w_t
        const prev: Term[] = t === 0 ? [] : on(t - 1).map(([c, v]) => [-c, v] as Term);
        const prevConst = t === 0 ? (g.currentOn ? g.count : 0) : 0;
        w.row([...on(t), ...prev, [-1, u], [1, d]], '=', prevConst);
        if (t < g.holdIntervals) w.row(on(t), '=', g.currentOn ? g.count : 0);
        if (g.minOnIntervals >= 2) {
          const recent: Term[] = [];
          for (let k = Math.max(0, t - g.minOnIntervals + 1); k <= t; k++)
            recent.push([-1, `u_${si}_${gi}_${k}`]);
          w.row([...on(t), ...recent], '>=', 0);
        }
        if (g.minOffIntervals >= 2) {
          const recent: Term[] = [];
          for (let k = Math.max(0, t - g.minOffIntervals + 1); k <= t; k++)
            recent.push([-1, `w_${si}_${gi}_${k}`]);
          // count − on_t ≥ Σ recent switch-offs
          w.row([...on(t), ...recent.map(([, v]) => [1, v] as Term)], '<=', g.count);
        }
      }
    });
    for (let t = 0; t < T; t++) {
      if (Number.isFinite(s.maxSwitches[t]!)) w.row(switchTerms[t]!, '<=', s.maxSwitches[t]!);
    }
  });
  const jobVars = addJobs(model, w, capTerms, capFixed);
  model.sites.forEach((s, si) => {
    for (let t = 0; t < T; t++) w.row(capTerms[si]![t]!, '<=', s.site.capacityKw - capFixed[si]![t]!);
  });
  return { lp: w.text(), ...jobVars };
}

function jobEnergyUsd(model: Model, server: GpuServer, gpus: number, d: number): number {
  const s = model.sites[server.siteIndex]!.site;
  let usd = 0;
  for (let t = 0; t < d; t++)
    usd += energyUsd((gpus * server.busyKwPerGpu * 1000) / s.pue, s.pue, s.priceUsdPerMwh[t]!, model.dtH);
  return usd;
}

function addJobs(model: Model, w: LpWriter, capTerms: Term[][][], capFixed: number[][]) {
  const T = model.intervals;
  const servers = [...model.servers.values()];
  const serverIdx = new Map(servers.map((s, i) => [s.deviceId, i]));
  // [server][interval] terms of GPUs busy with jobs, plus the constant from pinned jobs.
  const busyTerms: Term[][][] = servers.map(() => Array.from({ length: T }, () => []));
  const busyFixed: number[][] = servers.map(() => new Array<number>(T).fill(0));
  const jobVars: JobVar[] = [];
  const multiNode = new Map<string, string[]>();
  model.input.jobs.forEach((job, ji) => {
    const d = activeIntervals(job, model);
    if (isPinned(job)) {
      for (const a of job.running!) {
        const k = serverIdx.get(a.deviceId)!;
        const server = servers[k]!;
        for (let t = 0; t < d; t++) {
          busyFixed[k]![t]! += a.gpus;
          capFixed[server.siteIndex]![t]! += a.gpus * server.busyKwPerGpu;
        }
      }
      return;
    }
    const value = jobRevenueUsd(job, model) + unplacedPenaltyUsd(job, model);
    const choice: Term[] = [];
    const addOption = (name: string, siteIndex: number, gpusOn: Map<string, number>) => {
      let energy = 0;
      for (const [id, gpus] of gpusOn) {
        const k = serverIdx.get(id)!;
        const server = servers[k]!;
        energy += jobEnergyUsd(model, server, gpus, d);
        for (let t = 0; t < d; t++) {
          busyTerms[k]![t]!.push([gpus, name]);
          capTerms[siteIndex]![t]!.push([gpus * server.busyKwPerGpu, name]);
        }
      }
      w.bin(name);
      w.objective.push([value - energy, name]);
      choice.push([1, name]);
      jobVars.push({ name, job, siteIndex, gpusOn });
    };
    if (job.running) {
      const site = model.servers.get(job.running[0]!.deviceId)!.siteIndex;
      addOption(`k_${ji}`, site, new Map(job.running.map((a) => [a.deviceId, a.gpus])));
    } else if (!job.multiNode) {
      servers.forEach((server, k) => {
        if (!serverFits(job, server) || !siteAllows(job, model, server.siteIndex)) return;
        if (server.model.gpuCount < job.gpuCount) return;
        addOption(`x_${ji}_${k}`, server.siteIndex, new Map([[server.deviceId, job.gpuCount]]));
      });
    } else {
      model.sites.forEach((s, si) => {
        const fit = s.servers.filter((x) => serverFits(job, x));
        if (!siteAllows(job, model, si) || fit.reduce((a, x) => a + x.model.gpuCount, 0) < job.gpuCount)
          return;
        const y = `y_${ji}_${si}`;
        w.bin(y);
        w.objective.push([value, y]);
        choice.push([1, y]);
        const split: Term[] = [[-job.gpuCount, y]];
        const names: string[] = [];
        for (const server of fit) {
          const k = serverIdx.get(server.deviceId)!;
          const z = `z_${ji}_${k}`;
          names.push(z);
          w.int(z, 0, Math.min(server.model.gpuCount, job.gpuCount));
          split.push([1, z]);
          w.objective.push([-jobEnergyUsd(model, server, 1, d), z]);
          for (let t = 0; t < d; t++) {
            busyTerms[k]![t]!.push([1, z]);
            capTerms[si]![t]!.push([server.busyKwPerGpu, z]);
          }
        }
        w.row(split, '=', 0);
        multiNode.set(y, names);
        jobVars.push({ name: y, job, siteIndex: si, gpusOn: null });
      });
    }
    w.row(choice, '<=', 1);
  });
  addRental(model, w, servers, busyTerms, busyFixed, capTerms);
  servers.forEach((server, k) => {
    for (let t = 0; t < T; t++) w.row(busyTerms[k]![t]!, '<=', server.model.gpuCount - busyFixed[k]![t]!);
  });
  return { jobVars, multiNode };
}

function addRental(
  model: Model,
  w: LpWriter,
  servers: GpuServer[],
  busyTerms: Term[][][],
  busyFixed: number[][],
  capTerms: Term[][][],
) {
  model.sites.forEach((s, si) => {
    const byModel = new Map<string, number[]>();
    servers.forEach((server, k) => {
      if (server.siteIndex !== si || !s.rental.has(server.model.gpuModel)) return;
      byModel.set(server.model.modelId, [...(byModel.get(server.model.modelId) ?? []), k]);
    });
    for (const [modelId, ks] of byModel) {
      const first = servers[ks[0]!]!;
      const total = ks.reduce((a, k) => a + servers[k]!.model.gpuCount, 0);
      for (let t = 0; t < model.intervals; t++) {
        const r = `r_${si}_${modelId.replace(/[^A-Za-z0-9]/g, '_')}_${t}`;
        w.int(r, 0, total);
        w.objective.push([rentalMarginUsd(model, first, t)!, r]);
        capTerms[si]![t]!.push([first.busyKwPerGpu, r]);
        const terms: Term[] = [[1, r]];
        let fixed = 0;
        for (const k of ks) {
          terms.push(...busyTerms[k]![t]!);
          fixed += busyFixed[k]![t]!;
        }
        w.row(terms, '<=', total - fixed);
      }
    }
  });
}

/** Solver values by column name → the plan (counts rounded: HiGHS returns integral values ± 1e-9). */
export function planFromMilp(model: Model, milp: MilpModel, values: Map<string, number>): Plan {
  const val = (name: string) => Math.round(values.get(name) ?? 0);
  const T = model.intervals;
  const decisions: SiteDecision[] = model.sites.map((s, si) => {
    const profileCounts = s.groups.map((g, gi) =>
      Array.from({ length: T }, (_, t) =>
        g.model.profiles.map((_, p) => (g.options.includes(p) ? val(`n_${si}_${gi}_${p}_${t}`) : 0)),
      ),
    );
    const rented = new Map<string, number[]>();
    for (const server of s.servers) {
      const key = server.model.modelId;
      if (!s.rental.has(server.model.gpuModel) || rented.has(key)) continue;
      rented.set(
        key,
        Array.from({ length: T }, (_, t) => val(`r_${si}_${key.replace(/[^A-Za-z0-9]/g, '_')}_${t}`)),
      );
    }
    return {
      onCount: profileCounts.map((rows) => rows.map((c) => c.reduce((a, b) => a + b, 0))),
      profileCounts,
      rented,
    };
  });
  const placements: JobPlacement[] = model.input.jobs
    .filter(isPinned)
    .map((j) => ({ jobId: j.jobId, allocations: j.running! }));
  const serverIds = [...model.servers.keys()];
  for (const v of milp.jobVars) {
    if (val(v.name) !== 1) continue;
    if (v.gpusOn) {
      placements.push({
        jobId: v.job.jobId,
        allocations: [...v.gpusOn].map(([deviceId, gpus]) => ({ deviceId, gpus })),
      });
      continue;
    }
    const allocations = milp.multiNode
      .get(v.name)!
      .map((z) => ({ deviceId: serverIds[Number(z.split('_')[2])]!, gpus: val(z) }))
      .filter((a) => a.gpus > 0);
    placements.push({ jobId: v.job.jobId, allocations });
  }
  return disaggregate(model, decisions, placements);
}
