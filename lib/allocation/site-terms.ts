import type { FillClass } from './greedy';
import { type Model, rentalMarginUsd, type SiteModel } from './prepare';

/** One site's decision in aggregated form: counts per group, rented GPUs per server model. */
export type SiteDecision = {
  /** [group][interval] devices on. */
  onCount: number[][];
  /** [group][interval][profile] devices at each profile. */
  profileCounts: number[][][];
  /** Server model id → rented GPUs per interval. */
  rented: Map<string, number[]>;
};

export type SiteLoads = {
  /** Maintenance + idle GPU servers + busy GPUs of placed jobs, kW at the meter per interval. */
  fixedKw: number[];
  /** Server model id → GPUs not used by jobs per interval (only models with a rental market). */
  freeGpus: Map<string, number[]>;
  /** Server model id → (meter kW per rented GPU, rental margin per GPU per interval). */
  rentalTerms: Map<string, { kwPerGpu: number; marginByInterval: number[] }>;
};

export function siteLoads(model: Model, s: SiteModel, jobBusy: Map<string, number[]>): SiteLoads {
  const T = model.intervals;
  const fixedKw = new Array<number>(T).fill(s.maintenanceKw);
  const freeGpus = new Map<string, number[]>();
  const rentalTerms: SiteLoads['rentalTerms'] = new Map();
  for (const server of s.servers) {
    const busy = jobBusy.get(server.deviceId);
    const rental = s.rental.get(server.model.gpuModel);
    const key = server.model.modelId;
    if (rental && !freeGpus.has(key)) {
      freeGpus.set(key, new Array<number>(T).fill(0));
      const marginByInterval = Array.from({ length: T }, (_, t) => rentalMarginUsd(model, server, t)!);
      rentalTerms.set(key, { kwPerGpu: server.busyKwPerGpu, marginByInterval });
    }
    for (let t = 0; t < T; t++) {
      const b = busy?.[t] ?? 0;
      fixedKw[t]! += server.idleKw + b * server.busyKwPerGpu;
      if (rental) freeGpus.get(key)![t]! += server.model.gpuCount - b;
    }
  }
  return { fixedKw, freeGpus, rentalTerms };
}

export function rentalClasses(loads: SiteLoads, t: number): (FillClass & { key: string })[] {
  const out: (FillClass & { key: string })[] = [];
  for (const [key, free] of loads.freeGpus) {
    const terms = loads.rentalTerms.get(key)!;
    const margin = terms.marginByInterval[t]!;
    out.push({
      key,
      count: free[t]!,
      steps: margin > 0 ? [{ dKw: terms.kwPerGpu, dUsd: margin, toOption: 1 }] : [],
    });
  }
  return out;
}
