// Wire shapes of the market and money endpoints, for the browser. Type-only imports: no server
// module reaches the client bundle.

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
