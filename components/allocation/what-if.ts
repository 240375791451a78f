import { toPlanView } from '@/lib/allocation/plan-view';
import { planHeuristic } from '@/lib/allocation/solve';
import type { AllocationInput } from '@/lib/allocation/types';
import type { AllocationOverrides, AllocationPlanBody, AllocationPlanInputs } from '@/lib/api-client/types';

/**
 * The what-if panel's state and the in-browser re-plan: the plan's own inputs snapshot with the
 * sliders applied, solved by the same heuristic the server runs. The same overrides go to the API
 * when the user applies a what-if, so the server re-solves exactly this question.
 */
export type WhatIf = {
  btcUsd: number | null;
  /** Set directly, it wins over the BTC price (as in the API). */
  hashpriceUsdPerPhDay: number | null;
  /** Target mean $/MWh per site; the hourly shape of the site's prices is kept. */
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

/** The API's `overrides` for this what-if, prices per hour so the server sees the same curve. */
export function toOverrides(w: WhatIf, engine: AllocationInput): AllocationOverrides {
  const overrides: AllocationOverrides = {};
  if (w.hashpriceUsdPerPhDay !== null) overrides.hashpriceUsdPerPhDay = w.hashpriceUsdPerPhDay;
  else if (w.btcUsd !== null) overrides.btcUsd = w.btcUsd;
  const prices: Record<string, number[]> = {};
  for (const site of engine.sites) {
    const target = w.meanPriceUsdPerMwh[site.siteId];
    if (target === undefined) continue;
    const shift = target - mean(site.priceUsdPerMwh);
    // The API takes one price per hour; intervals shorter than an hour take their hour's first price.
    const perHour = Math.max(1, Math.round(60 / engine.intervalMin));
    const hourly = site.priceUsdPerMwh.filter((_, t) => t % perHour === 0);
    prices[site.siteId] = hourly.map((p) => round2(p + shift));
  }
  if (Object.keys(prices).length > 0) overrides.priceUsdPerMwh = prices;
  if (Object.keys(w.gpuUsdPerHour).length > 0) overrides.gpuUsdPerHour = { ...w.gpuUsdPerHour };
  return overrides;
}

/** Hashprice is linear in the BTC price at a fixed difficulty and fee level. */
export function whatIfHashprice(w: WhatIf, inputs: AllocationPlanInputs): number {
  const base = inputs.instance.hashpriceUsdPerPhDay;
  if (w.hashpriceUsdPerPhDay !== null) return w.hashpriceUsdPerPhDay;
  const btc = inputs.basis.btcUsd;
  if (w.btcUsd !== null && btc) return (base * w.btcUsd) / btc;
  return base;
}

export function applyWhatIf(inputs: AllocationPlanInputs, w: WhatIf): AllocationInput {
  const engine = inputs.instance;
  const overrides = toOverrides(w, engine);
  return {
    ...engine,
    hashpriceUsdPerPhDay: whatIfHashprice(w, inputs),
    sites: engine.sites.map((s) => {
      const p = overrides.priceUsdPerMwh?.[s.siteId];
      if (p === undefined) return s;
      const perHour = Math.max(1, Math.round(60 / engine.intervalMin));
      const hourly = Array.isArray(p) ? p : [p];
      return {
        ...s,
        priceUsdPerMwh: s.priceUsdPerMwh.map((_, t) => hourly[Math.floor(t / perHour)] ?? hourly.at(-1)!),
      };
    }),
    rental: engine.rental.map((r) => {
      const rate = overrides.gpuUsdPerHour?.[r.gpuModel];
      return rate === undefined ? r : { ...r, usdPerGpuH: rate };
    }),
  };
}

export type Replan = { view: AllocationPlanBody; input: AllocationInput; ms: number };

/** Re-plans in the calling thread; `ms` is the wall time of apply + solve + view. */
export function replanWhatIf(inputs: AllocationPlanInputs, w: WhatIf, now = () => performance.now()): Replan {
  const started = now();
  const input = applyWhatIf(inputs, w);
  const view = toBody(toPlanView(planHeuristic(input)), inputs.labels);
  return { view, input, ms: now() - started };
}

/** The engine's view with database ids and display names, as the API answers. */
function toBody(
  view: ReturnType<typeof toPlanView>,
  labels: AllocationPlanInputs['labels'],
): AllocationPlanBody {
  return {
    ...view,
    sites: view.sites.map((s) => ({ ...s, siteId: Number(s.siteId), name: labels.sites[s.siteId] })),
    devices: view.devices.map((d) => ({
      ...d,
      deviceId: Number(d.deviceId),
      siteId: Number(d.siteId),
      name: labels.devices[d.deviceId]?.name,
      model: labels.devices[d.deviceId]?.model,
      jobId: d.jobId === undefined ? undefined : Number(d.jobId),
      jobIds: d.jobIds?.map(Number),
    })),
  };
}
