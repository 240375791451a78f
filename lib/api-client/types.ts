// Wire shapes of the API, named once for the client. Type-only imports: nothing from the server
// modules reaches the browser bundle.
import type { DeviceRow } from '@/lib/inventory/devices';
import type { FleetNow, RackCell } from '@/lib/telemetry/fleet';

export type { ApiTokenView } from '@/lib/auth/api-tokens';
export type { DeviceClass, DeviceStatus, Role } from '@/lib/db/generated/sqlite/enums';
/** GET /fleet/summary: live totals plus, when market data allows, revenue, energy cost and margin per day. */
export type { FleetSummary } from '@/lib/fleet/summary';
export type { DeviceModelView } from '@/lib/inventory/models';
export type { SiteView } from '@/lib/inventory/sites';
export type { ContractPricePoint } from '@/lib/market/contract';
export type { GpuRatesView } from '@/lib/market/gpu-rate-table';
export type { GpuRateRow } from '@/lib/market/gpu-rates';
export type { HistorySeries, MarketHistory } from '@/lib/market/history';
export type {
  GpuRateView,
  HashpriceView,
  MarketLatest,
  MarketValueView,
  ProviderStatusView,
  SitePriceNowView,
} from '@/lib/market/latest';
export type { PriceImportResult } from '@/lib/market/price-import';
export type { MarketSettingsUpdate, MarketSettingsView } from '@/lib/market/settings-schema';
export type { MarketSettingsPage } from '@/lib/market/settings-view';
export type { ContractDraft, SitePricesView } from '@/lib/market/site-price-views';
export type { SiteEconomics } from '@/lib/money/aggregate';
export type { GroupEconomics } from '@/lib/money/compose';
export type { DeviceEconomics, EconomicsSummary, FleetMoney, MoneyProvenance } from '@/lib/money/economics';
export type { FleetProjection } from '@/lib/money/projection-live';
export type { ClassTotals, SiteTotals, StatusChange, WorstDevice } from '@/lib/telemetry/fleet';
export type { DevicePoint, Series, TotalsPoint } from '@/lib/telemetry/series';
export type { DeviceRow, FleetNow, RackCell };

export type RackHeatmap = { id: number; name: string; rows: number; columns: number; cells: RackCell[] };

export type Rack = { id: number; siteId: number; name: string; rows: number; columns: number };

export type DeviceList = { data: DeviceRow[]; total: number; nextCursor: string | null };

export type CreatedToken = { token: string; id: number };
