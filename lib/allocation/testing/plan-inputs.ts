import type { PlanInputs } from '../inputs';
import type { AllocationInput } from '../types';

/** Wraps an engine input in the plan snapshot the API stores (market basis, labels), for tests. */
export function planInputs(instance: AllocationInput, over: Partial<PlanInputs['basis']> = {}): PlanInputs {
  return {
    version: 1,
    readAt: instance.startMs,
    horizonH: (instance.intervals * instance.intervalMin) / 60,
    instance,
    basis: {
      btcUsd: 100_000,
      difficulty: 150e12,
      feesBtcPerBlock: 0.02,
      subsidyBtc: 3.125,
      hashpriceUsdPerPhDay: instance.hashpriceUsdPerPhDay,
      hashpriceSource: 'computed',
      priceSources: Object.fromEntries(
        instance.sites.map((s) => [s.siteId, s.priceUsdPerMwh.map(() => 'known')]),
      ),
      gpuUsdPerHour: Object.fromEntries(instance.rental.map((r) => [r.gpuModel, r.usdPerGpuH])),
      simulated: true,
      stale: false,
      ...over,
    },
    labels: { sites: {}, devices: {}, jobs: {} },
    skippedSites: [],
    skippedJobs: [],
  };
}
