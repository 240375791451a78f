import { AllocationOverrideError, applyOverrides } from '@/lib/allocation/overrides';
import { replan } from '@/lib/allocation/replan';
import type { AllocationInput } from '@/lib/allocation/types';
import type { AllocationOverrides, AllocationPlanBody, AllocationPlanInputs } from '@/lib/api-client/types';

/**
 * The what-if panel's state, as the API's `overrides`, and the in-browser re-plan: `replan()` on
 * the plan's own inputs snapshot — the same function the server's fast path runs. The same
 * overrides go to the API when the user applies a what-if, so the server re-solves this question.
 */
export type WhatIf = {
  btcUsd: number | null;
  /** Set directly, it wins over the BTC price (as in the API). */
  hashpriceUsdPerPhDay: number | null;
  /** Target mean $/MWh per site id; the hourly shape of the site's prices is kept. */
  meanPriceUsdPerMwh: Record<string, number>;
  gpuUsdPerHour: Record<string, number>;
};

export const NO_WHAT_IF: WhatIf = {
  btcUsd: null,
  hashpriceUsdPerPhDay: null,
  meanPriceUsdPerMwh: {},
  gpuUsdPerHour: {},
};

export function isWhatIf(w: WhatIf): boolean {
  return (
    w.btcUsd !== null ||
    w.hashpriceUsdPerPhDay !== null ||
    Object.keys(w.meanPriceUsdPerMwh).length > 0 ||
    Object.keys(w.gpuUsdPerHour).length > 0
  );
}

export const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The API's `overrides` for this what-if; prices go per hour so the server sees the same curve. */
export function toOverrides(w: WhatIf, instance: AllocationInput): AllocationOverrides {
  const overrides: AllocationOverrides = {};
  if (w.hashpriceUsdPerPhDay !== null) overrides.hashpriceUsdPerPhDay = w.hashpriceUsdPerPhDay;
  else if (w.btcUsd !== null) overrides.btcUsd = w.btcUsd;
  const prices: Record<string, number[]> = {};
  // One price per hour: an interval shorter than an hour is represented by its hour's first price.
  const perHour = Math.max(1, Math.round(60 / instance.intervalMin));
  for (const site of instance.sites) {
    const target = w.meanPriceUsdPerMwh[site.siteId];
    if (target === undefined) continue;
    const shift = target - mean(site.priceUsdPerMwh);
    prices[site.siteId] = site.priceUsdPerMwh
      .filter((_, t) => t % perHour === 0)
      .map((p) => round2(p + shift));
  }
  if (Object.keys(prices).length > 0) overrides.priceUsdPerMwh = prices;
  if (Object.keys(w.gpuUsdPerHour).length > 0) overrides.gpuUsdPerHour = { ...w.gpuUsdPerHour };
  return overrides;
}

/** Hashprice the what-if implies (the BTC price recomputes it from the plan's difficulty and fees). */
export function whatIfHashprice(w: WhatIf, inputs: AllocationPlanInputs): number {
  try {
    return applyOverrides(inputs, toOverrides(w, inputs.instance)).instance.hashpriceUsdPerPhDay;
  } catch (error) {
    if (error instanceof AllocationOverrideError) return inputs.instance.hashpriceUsdPerPhDay;
    throw error;
  }
}

export type Replan = { view: AllocationPlanBody; input: AllocationInput; ms: number };

/** Re-plans in the calling thread; `ms` is the wall time of overrides + solve + plan body. */
export function replanWhatIf(inputs: AllocationPlanInputs, w: WhatIf, now = () => performance.now()): Replan {
  const started = now();
  const result = replan(inputs, toOverrides(w, inputs.instance));
  return { view: result.plan, input: result.inputs.instance, ms: now() - started };
}
