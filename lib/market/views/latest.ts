// GET /api/v1/market/latest: every market figure with its provider, time and staleness (DESIGN §7).
import { type Actor, requireRole } from '../../auth/actor';
import { listSiteContracts, type SiteContractRow, sitePricesAt } from '../electricity/site-price';
import { parseSpotSource } from '../electricity/spot-source';
import {
  featureOfKey,
  type ProviderStatusRow,
  providerHealth,
  REFRESH_MS,
  statusKeyForSite,
} from '../refresh/provider-status';
import {
  featureHealth,
  type GpuRateNow,
  type HalvingNow,
  type HashpriceNow,
  loadMarketSnapshot,
  type MarketValue,
} from './snapshot';

export type SitePriceNow = {
  siteId: number;
  siteName: string;
  timezone: string;
  contractKind: SiteContractRow['contractKind'];
  pue: number;
  poolFeePct: number;
  /** The contract's source: fixed, tou, sim-se3, energi-data-service, ercot, csv, … */
  provider: string | null;
  simulated: boolean;
  priceUsdPerMwh: number | null;
  marketPriceUsdPerMwh: number | null;
  adderUsdPerMwh: number;
  intervalStart: number | null;
  intervalEnd: number | null;
  fetchedAt: number | null;
  stale: boolean;
  reason: string | null;
};

/** Each site's price now, with the health of its spot feed (fixed and TOU prices never go stale). */
export async function siteNowPrices(
  sites: readonly SiteContractRow[],
  statuses: readonly ProviderStatusRow[],
  now: number,
): Promise<SitePriceNow[]> {
  const prices = await sitePricesAt(sites, now);
  return sites.map((site) => {
    const price = prices.get(site.id)!;
    const spot = site.contractKind === 'spot' ? parseSpotSource(site.spotSource) : null;
    const base = {
      siteId: site.id,
      siteName: site.name,
      timezone: site.timezone,
      contractKind: site.contractKind,
      pue: site.pue,
      poolFeePct: site.poolFeePct,
      simulated: Boolean(spot?.ok && spot.source.kind === 'sim'),
    };
    if (!price.ok) {
      return {
        ...base,
        provider: price.provider,
        priceUsdPerMwh: null,
        marketPriceUsdPerMwh: null,
        adderUsdPerMwh: site.contractKind === 'spot' ? site.spotAdderUsdPerMwh : 0,
        intervalStart: null,
        intervalEnd: null,
        fetchedAt: null,
        stale: true,
        reason: price.reason,
      };
    }
    const status = statuses.find((s) => s.key === statusKeyForSite(site.id));
    // Uploaded prices are not refreshed: a covering interval is all they need.
    const health =
      site.contractKind !== 'spot' || price.provider === 'csv'
        ? { stale: false, reason: null }
        : status && status.provider !== price.provider
          ? featureHealth(status, price.provider, REFRESH_MS.electricity, now)
          : providerHealth(status, REFRESH_MS.electricity, now);
    return {
      ...base,
      provider: price.provider,
      priceUsdPerMwh: price.priceUsdPerMwh,
      marketPriceUsdPerMwh: price.marketPriceUsdPerMwh,
      adderUsdPerMwh: price.adderUsdPerMwh,
      intervalStart: price.intervalStart,
      intervalEnd: price.intervalEnd,
      fetchedAt: price.fetchedAt,
      stale: health.stale,
      reason: health.reason,
    };
  });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A market value as JSON: ISO-8601 times (DESIGN §5). */
export type MarketValueView = Omit<MarketValue, 'ts' | 'fetchedAt'> & { ts: string; fetchedAt: string };
export type SitePriceNowView = Omit<SitePriceNow, 'intervalStart' | 'intervalEnd' | 'fetchedAt'> & {
  intervalStart: string | null;
  intervalEnd: string | null;
  fetchedAt: string | null;
};
export type HashpriceView = Omit<HashpriceNow, 'ts'> & { ts: string };
export type HalvingView = Omit<HalvingNow, 'estimatedAt'> & { estimatedAt: string };
export type GpuRateView = Omit<GpuRateNow, 'ts'> & { ts: string };
export type ProviderStatusView = {
  key: string;
  provider: string;
  lastOkAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  stale: boolean;
  staleReason: string | null;
};

export function marketValueView(v: MarketValue | null): MarketValueView | null {
  return v ? { ...v, ts: iso(v.ts)!, fetchedAt: iso(v.fetchedAt)! } : null;
}

export function sitePriceView(p: SitePriceNow): SitePriceNowView {
  return {
    ...p,
    intervalStart: iso(p.intervalStart),
    intervalEnd: iso(p.intervalEnd),
    fetchedAt: iso(p.fetchedAt),
  };
}

export function hashpriceView(h: HashpriceNow | null): HashpriceView | null {
  return h ? { ...h, ts: iso(h.ts)! } : null;
}

export type MarketLatest = {
  asOf: string;
  btcUsd: MarketValueView | null;
  difficulty: MarketValueView | null;
  feesBtcPerBlock: MarketValueView | null;
  blockHeight: MarketValueView | null;
  networkHashrateEhs: MarketValueView | null;
  hashprice: HashpriceView | null;
  halving: HalvingView;
  sites: SitePriceNowView[];
  gpuRates: GpuRateView[];
  /** Which provider feeds each feature (staff only; null for hosting clients). */
  sources: { network: string; btcUsd: string; gpuRates: string } | null;
  /** Last outcome per refresh key (staff only). */
  providers: ProviderStatusView[] | null;
};

export async function getMarketLatest(actor: Actor, now: number): Promise<MarketLatest> {
  requireRole(actor, 'viewer');
  const snapshot = await loadMarketSnapshot(now);
  const sites = await siteNowPrices(await listSiteContracts(actor), snapshot.statuses, now);
  const staff = actor.tenantId === null;
  return {
    asOf: iso(now)!,
    btcUsd: marketValueView(snapshot.btcUsd),
    difficulty: marketValueView(snapshot.difficulty),
    feesBtcPerBlock: marketValueView(snapshot.feesBtcPerBlock),
    blockHeight: marketValueView(snapshot.blockHeight),
    networkHashrateEhs: marketValueView(snapshot.networkHashrateEhs),
    hashprice: hashpriceView(snapshot.hashprice),
    halving: { ...snapshot.halving, estimatedAt: iso(snapshot.halving.estimatedAt)! },
    sites: sites.map(sitePriceView),
    gpuRates: snapshot.gpuRates.map((g) => ({ ...g, ts: iso(g.ts)! })),
    sources: staff
      ? {
          network: snapshot.settings.network,
          btcUsd: snapshot.settings.btcUsd,
          gpuRates: snapshot.settings.gpuRates,
        }
      : null,
    providers: staff
      ? snapshot.statuses.map((s) => {
          const health = providerHealth(s, REFRESH_MS[featureOfKey(s.key)], now);
          return {
            ...s,
            lastOkAt: iso(s.lastOkAt),
            lastErrorAt: iso(s.lastErrorAt),
            stale: health.stale,
            staleReason: health.reason,
          };
        })
      : null,
  };
}
