// Site and fleet money totals from per-group economics. Pure. A total is only given when every part
// is known: a site with an unknown power price has no margin, and the fleet totals leave it out and
// say so, instead of counting its revenue without its cost.
import { COINSHARES_ALL_IN_COST_USD_PER_BTC, costToProduceBtc } from '../index';
import type { GroupEconomics, SiteTerms } from './compose';

export type UseTotals = {
  revenueUsdPerDay: number | null;
  energyCostUsdPerDay: number | null;
  marginUsdPerDay: number | null;
  powerW: number;
};

export type MoneyTotals = {
  revenueUsdPerDay: number;
  energyCostUsdPerDay: number;
  marginUsdPerDay: number;
  revenueUsdPerH: number;
  energyCostUsdPerH: number;
  marginUsdPerH: number;
};

export type SiteEconomics = SiteTerms & {
  mining: UseTotals & { revenueBtcPerDay: number | null; hashrateThs: number };
  ai: UseTotals & { gpus: number };
  /** Null when any part (revenue or cost of mining or AI) is unknown. */
  totals: MoneyTotals | null;
  /** Energy-only cost of one BTC mined here at current rates; compare with the all-in reference with care. */
  costPerBtcUsd: number | null;
  models: GroupEconomics[];
  notes: string[];
};

export type FleetEconomics = {
  /** Over the included sites; null when sites exist but none has complete figures (never a false $0). */
  totals: MoneyTotals | null;
  mining: {
    revenueUsdPerDay: number;
    revenueBtcPerDay: number;
    energyCostUsdPerDay: number;
    marginUsdPerDay: number;
  };
  ai: { revenueUsdPerDay: number; energyCostUsdPerDay: number; marginUsdPerDay: number };
  costPerBtcUsd: number | null;
  coinsharesAllInUsdPerBtc: number;
  includedSiteIds: number[];
  excludedSites: { siteId: number; siteName: string; reason: string }[];
};

function sumOrNull(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

function totalsOfUse(groups: readonly GroupEconomics[]): UseTotals {
  return {
    revenueUsdPerDay: sumOrNull(groups.map((g) => g.revenueUsdPerDay)),
    energyCostUsdPerDay: sumOrNull(groups.map((g) => g.energyCostUsdPerDay)),
    marginUsdPerDay: sumOrNull(groups.map((g) => g.marginUsdPerDay)),
    powerW: groups.reduce((a, g) => a + g.powerW, 0),
  };
}

export function moneyTotals(revenueUsdPerDay: number, energyCostUsdPerDay: number): MoneyTotals {
  const marginUsdPerDay = revenueUsdPerDay - energyCostUsdPerDay;
  return {
    revenueUsdPerDay,
    energyCostUsdPerDay,
    marginUsdPerDay,
    revenueUsdPerH: revenueUsdPerDay / 24,
    energyCostUsdPerH: energyCostUsdPerDay / 24,
    marginUsdPerH: marginUsdPerDay / 24,
  };
}

export function composeSite(site: SiteTerms, groups: readonly GroupEconomics[]): SiteEconomics {
  const miningGroups = groups.filter((g) => g.use === 'mining');
  const aiGroups = groups.filter((g) => g.use === 'ai');
  const mining = {
    ...totalsOfUse(miningGroups),
    revenueBtcPerDay: sumOrNull(miningGroups.map((g) => g.revenueBtcPerDay)),
    hashrateThs: miningGroups.reduce((a, g) => a + g.hashrateThs, 0),
  };
  const ai = { ...totalsOfUse(aiGroups), gpus: aiGroups.reduce((a, g) => a + (g.gpu?.gpus ?? 0), 0) };
  const revenue = sumOrNull([mining.revenueUsdPerDay, ai.revenueUsdPerDay]);
  const cost = sumOrNull([mining.energyCostUsdPerDay, ai.energyCostUsdPerDay]);
  return {
    ...site,
    mining,
    ai,
    totals: revenue !== null && cost !== null ? moneyTotals(revenue, cost) : null,
    costPerBtcUsd:
      mining.energyCostUsdPerDay !== null && mining.revenueBtcPerDay !== null
        ? costToProduceBtc({ energyCostUsd: mining.energyCostUsdPerDay, btcEarned: mining.revenueBtcPerDay })
        : null,
    models: [...groups].sort((a, b) => a.modelName.localeCompare(b.modelName)),
    notes: [...new Set(groups.flatMap((g) => g.notes))],
  };
}

export function composeFleet(sites: readonly SiteEconomics[]): FleetEconomics {
  const included = sites.filter((s) => s.totals !== null);
  const excludedSites = sites
    .filter((s) => s.totals === null)
    .map((s) => ({
      siteId: s.siteId,
      siteName: s.siteName,
      reason: s.notes.join('; ') || 'incomplete figures',
    }));
  const sum = (pick: (s: SiteEconomics) => number | null) => included.reduce((a, s) => a + (pick(s) ?? 0), 0);
  const mining = {
    revenueUsdPerDay: sum((s) => s.mining.revenueUsdPerDay),
    revenueBtcPerDay: sum((s) => s.mining.revenueBtcPerDay),
    energyCostUsdPerDay: sum((s) => s.mining.energyCostUsdPerDay),
    marginUsdPerDay: sum((s) => s.mining.marginUsdPerDay),
  };
  const ai = {
    revenueUsdPerDay: sum((s) => s.ai.revenueUsdPerDay),
    energyCostUsdPerDay: sum((s) => s.ai.energyCostUsdPerDay),
    marginUsdPerDay: sum((s) => s.ai.marginUsdPerDay),
  };
  return {
    totals:
      included.length === 0 && excludedSites.length > 0
        ? null
        : moneyTotals(
            mining.revenueUsdPerDay + ai.revenueUsdPerDay,
            mining.energyCostUsdPerDay + ai.energyCostUsdPerDay,
          ),
    mining,
    ai,
    costPerBtcUsd: costToProduceBtc({
      energyCostUsd: mining.energyCostUsdPerDay,
      btcEarned: mining.revenueBtcPerDay,
    }),
    coinsharesAllInUsdPerBtc: COINSHARES_ALL_IN_COST_USD_PER_BTC,
    includedSiteIds: included.map((s) => s.siteId),
    excludedSites,
  };
}
