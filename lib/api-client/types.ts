// Wire shapes of the API, named once for the client. Type-only imports: nothing from the server
// modules reaches the browser bundle.
import type { DeviceRow } from '@/lib/inventory/devices';
import type { FleetNow } from '@/lib/telemetry/fleet-now';
import type { RackCell } from '@/lib/telemetry/rack-heatmap';

export type { ApiTokenView } from '@/lib/auth/api-tokens';
export type { DeviceClass, DeviceStatus, Role } from '@/lib/db/generated/sqlite/enums';
export type { SiteEconomics } from '@/lib/economics/live/aggregate';
export type { GroupEconomics } from '@/lib/economics/live/compose';
export type { FleetProjection } from '@/lib/economics/live/fleet-projection';
/** GET /fleet/summary: live totals plus, when market data allows, revenue, energy cost and margin per day. */
export type { FleetSummary } from '@/lib/economics/live/fleet-summary';
export type {
  DeviceEconomics,
  EconomicsSummary,
  FleetMoney,
  MoneyProvenance,
} from '@/lib/economics/live/money';
export type { DeviceModelView } from '@/lib/inventory/models';
export type { SiteView } from '@/lib/inventory/sites';
export type { ContractPricePoint } from '@/lib/market/electricity/contract';
export type { PriceImportResult } from '@/lib/market/electricity/price-import';
export type { ContractDraft, SitePricesView } from '@/lib/market/electricity/site-price-views';
export type { GpuRatesView } from '@/lib/market/gpu/gpu-rate-table';
export type { GpuRateRow } from '@/lib/market/gpu/gpu-rates';
export type { MarketSettingsUpdate, MarketSettingsView } from '@/lib/market/settings/schema';
export type { MarketSettingsPage } from '@/lib/market/settings/view';
export type { HistorySeries, MarketHistory } from '@/lib/market/views/history';
export type {
  GpuRateView,
  HashpriceView,
  MarketLatest,
  MarketValueView,
  ProviderStatusView,
  SitePriceNowView,
} from '@/lib/market/views/latest';
export type { ClassTotals, SiteTotals } from '@/lib/telemetry/fleet-now';
export type { DevicePoint, Series, TotalsPoint } from '@/lib/telemetry/series';
export type { StatusChange } from '@/lib/telemetry/status-history';
export type { WorstDevice } from '@/lib/telemetry/worst-devices';
export type { AssignmentResponse, AssignmentResult } from '@/lib/workloads/assignments';
export type { PoolMismatch } from '@/lib/workloads/coverage';
export type { AssignmentView, DeviceWorkloadView } from '@/lib/workloads/history';
export type { JobList, JobPlacementView, JobView } from '@/lib/workloads/jobs';
export type { JobStatus } from '@/lib/workloads/lifecycle';
export type { PoolView } from '@/lib/workloads/pools';
export type { AssignmentKind, JobCreate, PoolCreate, Workload } from '@/lib/workloads/schemas';
export type { DeviceRow, FleetNow, RackCell };

export type RackHeatmap = { id: number; name: string; rows: number; columns: number; cells: RackCell[] };

export type Rack = { id: number; siteId: number; name: string; rows: number; columns: number };

export type DeviceList = { data: DeviceRow[]; total: number; nextCursor: string | null };

export type CreatedToken = { token: string; id: number };

export type { ReportKind } from '../reports/types';
export type ReportJson = ReturnType<typeof import('../reports/types').reportJson>;

export type { AlertDeviceView, AlertEventView, AlertView } from '../alerts/alerts';
export type { RulePreview } from '../alerts/preview';
export type { RuleView } from '../alerts/rules';
export type { RuleCreate, SilenceCreate } from '../alerts/schemas';
export type { SilenceView } from '../alerts/silences';

// Allocation (issue #10): written from the API contract until the server module exports its view types.
import type { Decision } from '../allocation/explain';
import type { AllocationInput, SolverName } from '../allocation/types';

export type AllocationDecision = Decision;

export type AllocationOverrides = {
  btcUsd?: number;
  difficulty?: number;
  feesBtcPerBlock?: number;
  hashpriceUsdPerPhDay?: number;
  priceUsdPerMwh?: Record<string, number | number[]>;
  gpuUsdPerHour?: Record<string, number>;
};

export type AllocationPlanRequest = {
  siteIds?: number[];
  horizonH?: number;
  intervalMin?: number;
  constraints?: { guardrails?: boolean; holdTimes?: boolean };
  overrides?: AllocationOverrides;
};

/** The snapshot a plan was made from (`plan.inputs`): the engine instance and its market basis. */
export type AllocationPlanInputs = {
  readAt: number;
  horizonH: number;
  instance: AllocationInput;
  basis: {
    btcUsd: number | null;
    difficulty: number | null;
    feesBtcPerBlock: number | null;
    hashpriceUsdPerPhDay: number | null;
    gpuUsdPerHour: Record<string, number>;
    simulated: boolean;
    stale: boolean;
  };
  labels: {
    sites: Record<string, string>;
    devices: Record<string, { name: string; model: string }>;
    jobs: Record<string, string>;
  };
};

export type AllocationPlanHour = {
  ts: string;
  priceUsdPerMwh: number;
  miningKw: number;
  aiKw: number;
  curtailedKw: number;
  idleKw: number;
};

export type AllocationPlanSite = {
  siteId: number;
  name?: string;
  capacityKw: number;
  hours: AllocationPlanHour[];
  expectedProfitUsd: number;
  currentProfitUsd: number | null;
  mineAllProfitUsd: number | null;
};

export type AllocationPlanDevice = {
  deviceId: number;
  siteId: number;
  name?: string;
  model?: string;
  decision: Decision;
  /** What it does now, in the same words. */
  current?: Decision;
  changed: boolean;
  powerTargetW?: number;
  jobId?: number;
  jobIds?: number[];
  rentedGpus?: number;
  reason: string;
};

/** A plan as the API and the browser re-plan both give it. */
export type AllocationPlanBody = {
  horizonH: number;
  intervalMin: number;
  solver: SolverName;
  gapPct: number | null;
  chosen: 'solver' | 'keep-current' | 'mine-all';
  expectedProfitUsd: number;
  currentProfitUsd: number | null;
  mineAllProfitUsd: number | null;
  sites: AllocationPlanSite[];
  devices: AllocationPlanDevice[];
};

export type AllocationPlan = AllocationPlanBody & {
  id: number;
  status: 'draft' | 'applied' | 'superseded';
  createdAt: string;
  inputs: AllocationPlanInputs;
};

export type AllocationApplyDeviceStatus = {
  deviceId: number;
  name: string;
  siteId: number;
  decision: Decision;
  status: 'applied' | 'unchanged' | 'refused' | 'failed';
  reason?: string;
  assignmentId?: number;
};

export type AllocationApplyResult = {
  planId: number;
  status: 'applied';
  appliedAt: string;
  applied: number;
  unchanged: number;
  refused: number;
  failed: number;
  devices: AllocationApplyDeviceStatus[];
  jobs: {
    jobId: number;
    action: 'pause' | 'start';
    status: 'applied' | 'refused' | 'failed';
    reason?: string;
  }[];
};

export type AllocationAutoSettings = {
  siteId: number;
  name: string;
  autoEnabled: boolean;
  intervalMin: number;
  horizonH: number;
  maxSwitchPct: number;
  quietHours: number[];
  lastRunAt: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
};

export type AllocationAutoSettingsUpdate = { siteId: number } & Partial<
  Pick<AllocationAutoSettings, 'autoEnabled' | 'intervalMin' | 'horizonH' | 'maxSwitchPct' | 'quietHours'>
>;

export type AllocationDecisionLogEntry = {
  id: number;
  ts: string;
  siteId: number;
  planId: number | null;
  mode: string;
  outcome: string;
  changed: number;
  refused: number;
  summary: string;
  actorName: string;
};

/** GET /allocation/plans rows: a plan without its body and inputs. */
export type AllocationPlanSummary = {
  id: number;
  status: 'draft' | 'applied' | 'superseded';
  source: 'manual' | 'auto';
  createdAt: string;
  siteIds: number[];
  expectedProfitUsd: number;
  changedDevices: number;
};
