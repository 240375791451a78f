import { type Actor, requireStaff } from '../../auth/actor';
import { listSiteContracts } from '../electricity/site-price';
import { type SpotSourceOption, spotSourceOptions } from '../electricity/spot-source';
import { MARKET_PROVIDERS, type ProviderDescriptor } from '../providers/registry';
import { featureOfKey, listProviderStatuses, providerHealth, REFRESH_MS } from '../refresh/provider-status';
import type { ProviderStatusView } from '../views/latest';
import { getMarketSettings } from './market-settings';
import { type MarketSettingsView, PROVIDER_CONFIG_FIELDS } from './schema';

export type MarketSettingsPage = {
  settings: MarketSettingsView;
  /** Every provider with only its provider-level fields (locations are chosen per site). */
  providers: ProviderDescriptor[];
  spotSources: SpotSourceOption[];
  sites: { id: number; name: string; timezone: string; contractKind: string; spotSource: string | null }[];
  statuses: ProviderStatusView[];
};

/** Everything the market settings page needs, secrets masked. Staff only. */
export async function getMarketSettingsPage(actor: Actor, now: number): Promise<MarketSettingsPage> {
  requireStaff(actor, 'viewer');
  const [settings, sites, statuses] = await Promise.all([
    getMarketSettings(actor),
    listSiteContracts(actor),
    listProviderStatuses(),
  ]);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    settings,
    providers: MARKET_PROVIDERS.map((p) => ({ ...p, configFields: PROVIDER_CONFIG_FIELDS[p.id] ?? [] })),
    spotSources: spotSourceOptions(),
    sites: sites.map((s) => ({
      id: s.id,
      name: s.name,
      timezone: s.timezone,
      contractKind: s.contractKind,
      spotSource: s.spotSource,
    })),
    statuses: statuses.map((s) => {
      const health = providerHealth(s, REFRESH_MS[featureOfKey(s.key)], now);
      return {
        ...s,
        lastOkAt: iso(s.lastOkAt),
        lastErrorAt: iso(s.lastErrorAt),
        stale: health.stale,
        staleReason: health.reason,
      };
    }),
  };
}
