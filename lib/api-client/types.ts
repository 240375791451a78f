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

export type { AuditEventView } from '@/lib/audit/list';
export type { UserView } from '@/lib/auth/user-admin';
export type { TenantView } from '@/lib/tenants/tenants';
export type { RentalSettings } from '@/lib/workloads/rental';
export type { AlertDeviceView, AlertEventView, AlertView } from '../alerts/alerts';
export type { RuleActionView } from '../alerts/auto/history';
export type { TargetView } from '../alerts/notify/targets';
export type { RuleActionPreview, RulePreview } from '../alerts/preview';
export type { RuleView } from '../alerts/rules';
export type { RuleCreate, SilenceCreate, TargetCreate, TargetUpdate } from '../alerts/schemas';
export type { SilenceView } from '../alerts/silences';
export type { Decision as AllocationDecision } from '../allocation/explain';
// Allocation (issue #10).
export type { PlanInputs as AllocationPlanInputs } from '../allocation/inputs';
export type {
  PlanBody as AllocationPlanBody,
  PlanDevice as AllocationPlanDevice,
  PlanHour as AllocationPlanHour,
  PlanSite as AllocationPlanSite,
} from '../allocation/plan-body';
export type { ApplyResult as AllocationApplyResult } from '../allocation/plans/apply';
export type { DecisionView as AllocationDecisionLogEntry } from '../allocation/plans/decisions';
export type {
  PlanSummary as AllocationPlanSummary,
  PlanView as AllocationPlan,
} from '../allocation/plans/plans';
export type { AutoSettingsUpdate as AllocationAutoSettingsUpdate } from '../allocation/plans/schemas';
export type { AutoSettings as AllocationAutoSettings } from '../allocation/plans/settings';
export type { AllocationOverrides } from '../allocation/request';
/** The request as sent (defaults filled by the server). */
export type AllocationPlanRequest = import('zod').input<typeof import('../allocation/request').PlanRequest>;
export type { AddOutcome } from '../discovery/add';
export type { DiscoveryProtocol, FoundView, ScanView } from '../discovery/types';
export type { SwarmDevice } from '../swarm/summarise';
export type { SwarmView } from '../swarm/swarm';
