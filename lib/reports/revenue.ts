// Revenue and margin per site per local day: mining from measured hashrate × the hour's hashprice
// (after the pool fee in force), AI from the assignment history (lib/workloads/accrual), energy as in
// the energy report; cost to produce one BTC and breakeven $/MWh against the price paid. Pure.
import { dayOf, type LocalDay } from './days';
import { getOrInit, type HourSum, itKwh, round, type SiteInfo } from './facts';
import type { HourlyHashprice } from './hourly';
import type { Section } from './types';

export type RevenueInputs = {
  hours: readonly HourSum[];
  sites: ReadonlyMap<number, SiteInfo>;
  daysBySite: ReadonlyMap<number, LocalDay[]>;
  prices: ReadonlyMap<number, ReadonlyMap<number, number>>;
  hashprice: ReadonlyMap<number, HourlyHashprice>;
  /** AI revenue per `siteId|date`. */
  aiRevenueUsd: ReadonlyMap<string, number>;
};

type Acc = {
  miningUsd: number;
  btc: number;
  aiUsd: number;
  costUsd: number;
  miningCostUsd: number;
  miningKwh: number;
  miningPricedKwh: number;
  unpricedHours: number;
};
const zero = (): Acc => ({
  miningUsd: 0,
  btc: 0,
  aiUsd: 0,
  costUsd: 0,
  miningCostUsd: 0,
  miningKwh: 0,
  miningPricedKwh: 0,
  unpricedHours: 0,
});

function figures(a: Acc) {
  return {
    miningRevenueUsd: round(a.miningUsd, 4),
    aiRevenueUsd: round(a.aiUsd, 4),
    energyCostUsd: round(a.costUsd, 4),
    marginUsd: round(a.miningUsd + a.aiUsd - a.costUsd, 4),
    btcEarned: round(a.btc, 8),
    costPerBtcUsd: a.btc > 0 ? round(a.miningCostUsd / a.btc, 2) : null,
    breakevenUsdPerMwh: a.miningKwh > 0 ? round((a.miningUsd * 1000) / a.miningKwh, 4) : null,
    pricePaidUsdPerMwh: a.miningPricedKwh > 0 ? round((a.miningCostUsd * 1000) / a.miningPricedKwh, 4) : null,
  };
}

export function buildRevenue(input: RevenueInputs): {
  sections: Section[];
  totals: Record<string, number | null>;
} {
  const byKey = new Map<string, Acc>();
  const total = zero();
  const accFor = (key: string) => getOrInit(byKey, key, zero);
  for (const h of input.hours) {
    const site = input.sites.get(h.siteId);
    const day = dayOf(input.daysBySite.get(h.siteId) ?? [], h.hourMs);
    if (!site || !day) continue;
    const a = accFor(`${h.siteId}|${day.date}`);
    const price = input.prices.get(h.siteId)?.get(h.hourMs);
    const kwh = itKwh(h) * site.pue;
    const cost = price === undefined ? 0 : (kwh * price) / 1000;
    for (const t of [a, total]) t.costUsd += cost;
    if (h.work !== 'mining') continue;
    const hp = input.hashprice.get(h.hourMs);
    const share = 1 - h.poolFeePct / 100;
    for (const t of [a, total]) {
      t.miningKwh += kwh;
      t.miningCostUsd += cost;
      if (price !== undefined) t.miningPricedKwh += kwh;
      if (!hp) t.unpricedHours += h.deviceHours;
      else {
        t.miningUsd += ((h.hashrateThs ?? 0) * hp.usdPerThDay * share) / 24;
        t.btc += ((h.hashrateThs ?? 0) * hp.btcPerThDay * share) / 24;
      }
    }
  }
  for (const [key, usd] of input.aiRevenueUsd) {
    accFor(key).aiUsd += usd;
    total.aiUsd += usd;
  }
  const rows = [...byKey]
    .map(([key, a]) => {
      const [siteId, date] = key.split('|') as [string, string];
      return { date, site: input.sites.get(Number(siteId))?.name ?? siteId, ...figures(a) };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.site.localeCompare(b.site));
  return {
    sections: [
      {
        name: 'sites',
        title: 'Revenue and margin per site per day',
        columns: [
          { key: 'date', label: 'Date', type: 'date' },
          { key: 'site', label: 'Site', type: 'string' },
          { key: 'miningRevenueUsd', label: 'Mining revenue', type: 'number', unit: 'USD', digits: 2 },
          { key: 'aiRevenueUsd', label: 'AI revenue', type: 'number', unit: 'USD', digits: 2 },
          { key: 'energyCostUsd', label: 'Energy cost', type: 'number', unit: 'USD', digits: 2 },
          { key: 'marginUsd', label: 'Margin', type: 'number', unit: 'USD', digits: 2 },
          { key: 'btcEarned', label: 'BTC earned', type: 'number', unit: 'BTC', digits: 8 },
          { key: 'costPerBtcUsd', label: 'Cost per BTC', type: 'number', unit: 'USD', digits: 0 },
          { key: 'breakevenUsdPerMwh', label: 'Breakeven', type: 'number', unit: '$/MWh', digits: 2 },
          { key: 'pricePaidUsdPerMwh', label: 'Price paid', type: 'number', unit: '$/MWh', digits: 2 },
        ],
        rows,
      },
    ],
    totals: { ...figures(total), unpricedMiningHours: total.unpricedHours },
  };
}
