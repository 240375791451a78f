// The money view of the fleet: revenue, energy cost and margin per day and per hour, mining vs AI,
// breakeven per model per site, cost per BTC per site. Every figure comes with the market values
// (provider, time, staleness) it was computed from.
import { type Actor, requireRole } from '../../auth/actor';
import { queryOne, sql } from '../../db/raw';
import { notFound } from '../../errors';
import { deviceScopeSql } from '../../inventory/scope';
import {
  type GpuRateView,
  type HashpriceView,
  hashpriceView,
  type MarketValueView,
  marketValueView,
  type SitePriceNowView,
  sitePriceView,
} from '../../market/views/latest';
import {
  composeFleet,
  composeSite,
  type FleetEconomics,
  type MoneyTotals,
  type SiteEconomics,
} from './aggregate';
import { composeGroup, type GroupEconomics, type SiteTerms } from './compose';
import { loadDeviceGroups, loadMoneyContext, type MoneyContext } from './load';

export type MoneyProvenance = {
  asOf: string;
  hashprice: HashpriceView | null;
  btcUsd: MarketValueView | null;
  sites: SitePriceNowView[];
  gpuRates: GpuRateView[];
  /** Devices count only with a sample newer than this (3 telemetry intervals). */
  telemetryFreshAfter: string;
};

function provenance(ctx: MoneyContext, now: number): MoneyProvenance {
  return {
    asOf: new Date(now).toISOString(),
    hashprice: hashpriceView(ctx.snapshot.hashprice),
    btcUsd: marketValueView(ctx.snapshot.btcUsd),
    sites: ctx.prices.map(sitePriceView),
    gpuRates: ctx.snapshot.gpuRates.map((g) => ({ ...g, ts: new Date(g.ts).toISOString() })),
    telemetryFreshAfter: new Date(ctx.freshAfter).toISOString(),
  };
}

export type EconomicsSummary = {
  asOf: string;
  fleet: FleetEconomics;
  sites: SiteEconomics[];
  provenance: MoneyProvenance;
};

/** Fleet and per-site economics (optionally for one site). Tenants see the figures of their own machines. */
export async function getEconomicsSummary(
  actor: Actor,
  options: { siteId?: number },
  now: number,
): Promise<EconomicsSummary> {
  requireRole(actor, 'viewer');
  const ctx = await loadMoneyContext(actor, now, options.siteId);
  if (options.siteId !== undefined && ctx.prices.length === 0) throw notFound(`Site ${options.siteId}`);
  const groups = await loadDeviceGroups(actor, { siteId: options.siteId }, now);
  const sites = [...ctx.siteTerms.values()].map((terms) =>
    composeSite(
      terms,
      groups.filter((g) => g.siteId === terms.siteId).map((g) => composeGroup(g, terms, ctx.market)),
    ),
  );
  return {
    asOf: new Date(now).toISOString(),
    fleet: composeFleet(sites),
    sites,
    provenance: provenance(ctx, now),
  };
}

export type FleetMoney = { [K in keyof MoneyTotals]: number | null } & {
  asOf: string;
  mining: FleetEconomics['mining'];
  ai: FleetEconomics['ai'];
  costPerBtcUsd: number | null;
  coinsharesAllInUsdPerBtc: number;
  excludedSites: FleetEconomics['excludedSites'];
  hashpriceUsdPerPhDay: number | null;
  stale: boolean;
  simulated: boolean;
};

const NO_TOTALS: { [K in keyof MoneyTotals]: null } = {
  revenueUsdPerDay: null,
  energyCostUsdPerDay: null,
  marginUsdPerDay: null,
  revenueUsdPerH: null,
  energyCostUsdPerH: null,
  marginUsdPerH: null,
};

/** The compact money block of GET /api/v1/fleet/summary. */
export async function getFleetMoney(
  actor: Actor,
  siteId: number | undefined,
  now: number,
): Promise<FleetMoney> {
  const summary = await getEconomicsSummary(actor, { siteId }, now);
  const { fleet, provenance: p } = summary;
  const included = p.sites.filter((s) => fleet.includedSiteIds.includes(s.siteId));
  return {
    asOf: summary.asOf,
    ...(fleet.totals ?? NO_TOTALS),
    mining: fleet.mining,
    ai: fleet.ai,
    costPerBtcUsd: fleet.costPerBtcUsd,
    coinsharesAllInUsdPerBtc: fleet.coinsharesAllInUsdPerBtc,
    excludedSites: fleet.excludedSites,
    hashpriceUsdPerPhDay: p.hashprice?.usdPerPhDay ?? null,
    stale: Boolean(p.hashprice?.stale) || included.some((s) => s.stale) || p.gpuRates.some((g) => g.stale),
    simulated:
      Boolean(p.hashprice?.simulated) ||
      included.some((s) => s.simulated) ||
      p.gpuRates.some((g) => g.simulated),
  };
}

export type DeviceEconomics = {
  asOf: string;
  device: { id: number; name: string; status: string; siteId: number; siteName: string; modelName: string };
  site: SiteTerms;
  economics: GroupEconomics;
  provenance: MoneyProvenance;
};

export async function getDeviceEconomics(
  actor: Actor,
  deviceId: number,
  now: number,
): Promise<DeviceEconomics> {
  requireRole(actor, 'viewer');
  const row = await queryOne(
    sql`SELECT d.id, d.name, d.status, d.site_id, s.name AS site_name FROM device d JOIN site s ON s.id = d.site_id
      WHERE d.id = ${deviceId} ${deviceScopeSql(actor)}`,
  );
  if (!row) throw notFound(`Device ${deviceId}`);
  const siteId = Number(row.site_id);
  const ctx = await loadMoneyContext(actor, now, siteId);
  const [group] = await loadDeviceGroups(actor, { deviceId }, now);
  const terms = ctx.siteTerms.get(siteId);
  if (!group || !terms) throw notFound(`Device ${deviceId}`);
  return {
    asOf: new Date(now).toISOString(),
    device: {
      id: deviceId,
      name: String(row.name),
      status: String(row.status),
      siteId,
      siteName: String(row.site_name),
      modelName: group.modelName,
    },
    site: terms,
    economics: composeGroup(group, terms, ctx.market),
    provenance: provenance(ctx, now),
  };
}
