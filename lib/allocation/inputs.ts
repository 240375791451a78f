import type { AllocationInput, Hysteresis, MinerClass } from './types';

/**
 * The snapshot a plan is computed from and stored with (`plan.inputs`): the engine instance plus the
 * market basis it was priced on, plain JSON. Everything needed to re-run the plan with overrides —
 * on the server, in a backtest or in the browser (lib/allocation/replan.ts) — is in here, so a past
 * plan or automatic decision can be re-run and explained without the database.
 */

/** Where a site's price for one interval came from. */
export type PriceSource =
  /** A stored market price for that interval (spot: the day-ahead auction publishes tomorrow at noon). */
  | 'known'
  /** Forecast: the same hour one week earlier. */
  | 'last-week'
  /** Forecast: the newest stored price before the interval (no price a week earlier either). */
  | 'latest'
  /** Fixed or time-of-use contract. */
  | 'contract'
  /** A what-if override (request `overrides.priceUsdPerMwh`). */
  | 'override';

export type MarketBasis = {
  /** Null when the market store has no value (an override must then supply hashprice). */
  btcUsd: number | null;
  difficulty: number | null;
  feesBtcPerBlock: number | null;
  subsidyBtc: number;
  /** Hashprice the instance uses (computed from the three inputs above, or overridden). */
  hashpriceUsdPerPhDay: number | null;
  /** Where hashprice came from: "computed", "override" or "missing". */
  hashpriceSource: 'computed' | 'override' | 'missing';
  /** Per site id: the source of each interval's price. */
  priceSources: Record<string, PriceSource[]>;
  /** Rental rates as read (before overrides), by lower-case GPU model. */
  gpuUsdPerHour: Record<string, number>;
  simulated: boolean;
  stale: boolean;
};

export type SkippedSite = { siteId: number; name: string; reason: string };
export type SkippedJob = { jobId: number; name: string; reason: string };

export type PlanInputs = {
  version: 1;
  /** When the inputs were read (epoch ms); the engine itself never reads a clock. */
  readAt: number;
  horizonH: number;
  instance: AllocationInput;
  basis: MarketBasis;
  /** Display names (the engine works with ids only). */
  labels: {
    sites: Record<string, string>;
    devices: Record<string, { name: string; model: string }>;
    jobs: Record<string, string>;
  };
  skippedSites: SkippedSite[];
  skippedJobs: SkippedJob[];
};

/** Per-site knobs of the plans (guardrails), stored with the automatic-mode settings. */
export type SitePlanSettings = {
  maxSwitchPct: number;
  /** Site-local hours (0–23) in which no device changes on/off state. */
  quietHours: number[];
};

export const DEFAULT_SITE_PLAN_SETTINGS: SitePlanSettings = { maxSwitchPct: 20, quietHours: [] };

/** Minimum on/off times and the cost of one switch per miner class (GPU rental has no hysteresis). */
export const DEFAULT_HYSTERESIS: Record<MinerClass, Hysteresis> = {
  asic: { minOnMin: 60, minOffMin: 60, switchCostUsd: 0.5 },
  micro: { minOnMin: 0, minOffMin: 0, switchCostUsd: 0 },
};

/** Idle GPU servers are assumed to draw this share of their busy (nameplate) power. */
export const GPU_IDLE_POWER_SHARE = 0.3;

export const normaliseGpuModel = (m: string) => m.trim().toLowerCase();
