// Energy and cost: kWh and the average $/MWh actually paid (Σ hourly price × hourly energy ÷ Σ energy,
// not the mean price × energy), per site per local day and per tenant as a hosting bill. Pure.
import { DAYS_PER_MONTH } from '../economics/constants';
import { dayOf, type LocalDay } from './days';
import { getOrInit, type HourSum, itKwh, round, type SiteInfo, type TenantInfo } from './facts';
import type { Section } from './types';

export type EnergyInputs = {
  hours: readonly HourSum[];
  sites: ReadonlyMap<number, SiteInfo>;
  daysBySite: ReadonlyMap<number, LocalDay[]>;
  /** $/MWh per site per UTC hour start. */
  prices: ReadonlyMap<number, ReadonlyMap<number, number>>;
  tenants: ReadonlyMap<number, TenantInfo>;
  /** Hours each tenant held each device within the range (from the tenancy history). */
  heldHoursByTenant: ReadonlyMap<number | null, number>;
};

type Acc = { itKwh: number; kwh: number; costUsd: number; unpricedKwh: number };
const zero = (): Acc => ({ itKwh: 0, kwh: 0, costUsd: 0, unpricedKwh: 0 });

function add(acc: Acc, it: number, pue: number, price: number | undefined) {
  const kwh = it * pue;
  acc.itKwh += it;
  acc.kwh += kwh;
  if (price === undefined) acc.unpricedKwh += kwh;
  else acc.costUsd += (kwh * price) / 1000;
}

const avgPrice = (a: Acc) =>
  a.kwh - a.unpricedKwh > 0 ? (a.costUsd * 1000) / (a.kwh - a.unpricedKwh) : null;

export function buildEnergy(input: EnergyInputs): {
  sections: Section[];
  totals: Record<string, number | null>;
} {
  const bySiteDay = new Map<string, { siteId: number; date: string } & Acc>();
  const byTenant = new Map<number | null, Acc>();
  const total = zero();
  for (const h of input.hours) {
    const site = input.sites.get(h.siteId);
    const day = dayOf(input.daysBySite.get(h.siteId) ?? [], h.hourMs);
    if (!site || !day) continue;
    const price = input.prices.get(h.siteId)?.get(h.hourMs);
    const it = itKwh(h);
    const key = `${h.siteId}|${day.date}`;
    const sd = getOrInit(bySiteDay, key, () => ({ siteId: h.siteId, date: day.date, ...zero() }));
    add(sd, it, site.pue, price);
    add(getOrInit(byTenant, h.tenantId, zero), it, site.pue, price);
    add(total, it, site.pue, price);
  }
  const siteRows = [...bySiteDay.values()]
    .sort((a, b) => a.date.localeCompare(b.date) || a.siteId - b.siteId)
    .map((a) => ({
      date: a.date,
      site: input.sites.get(a.siteId)?.name ?? String(a.siteId),
      energyKwh: round(a.kwh, 3),
      itEnergyKwh: round(a.itKwh, 3),
      energyCostUsd: round(a.costUsd, 4),
      avgPriceUsdPerMwh: round(avgPrice(a), 4),
      unpricedKwh: round(a.unpricedKwh, 3),
    }));
  const tenantIds = new Set<number | null>([...byTenant.keys(), ...input.heldHoursByTenant.keys()]);
  const tenantRows = [...tenantIds].map((id) => {
    const a = byTenant.get(id) ?? zero();
    const tenant = id === null ? undefined : input.tenants.get(id);
    const deviceMonths = (input.heldHoursByTenant.get(id) ?? 0) / (DAYS_PER_MONTH * 24);
    const perKwh = tenant?.hostingRateUsdPerKwh ?? null;
    const perDevice = tenant?.hostingRateUsdPerDeviceMonth ?? null;
    // Hosting clients are metered at the device (IT energy); the facility overhead is the host's rate.
    const charge =
      perKwh === null && perDevice === null
        ? null
        : a.itKwh * (perKwh ?? 0) + deviceMonths * (perDevice ?? 0);
    return {
      tenant: id === null ? 'Own fleet' : (tenant?.name ?? `Tenant ${id}`),
      energyKwh: round(a.kwh, 3),
      itEnergyKwh: round(a.itKwh, 3),
      energyCostUsd: round(a.costUsd, 4),
      avgPriceUsdPerMwh: round(avgPrice(a), 4),
      deviceMonths: round(deviceMonths, 4),
      hostingRateUsdPerKwh: perKwh,
      hostingRateUsdPerDeviceMonth: perDevice,
      hostingChargeUsd: round(charge, 4),
    };
  });
  tenantRows.sort((a, b) => a.tenant.localeCompare(b.tenant));
  return {
    sections: [
      {
        name: 'sites',
        title: 'Energy per site per day',
        columns: [
          { key: 'date', label: 'Date', type: 'date' },
          { key: 'site', label: 'Site', type: 'string' },
          { key: 'energyKwh', label: 'Energy', type: 'number', unit: 'kWh', digits: 1 },
          { key: 'itEnergyKwh', label: 'IT energy', type: 'number', unit: 'kWh', digits: 1 },
          { key: 'energyCostUsd', label: 'Energy cost', type: 'number', unit: 'USD', digits: 2 },
          { key: 'avgPriceUsdPerMwh', label: 'Avg price paid', type: 'number', unit: '$/MWh', digits: 2 },
          { key: 'unpricedKwh', label: 'Unpriced energy', type: 'number', unit: 'kWh', digits: 1 },
        ],
        rows: siteRows,
      },
      {
        name: 'tenants',
        title: 'Energy and hosting per tenant',
        columns: [
          { key: 'tenant', label: 'Tenant', type: 'string' },
          { key: 'energyKwh', label: 'Energy', type: 'number', unit: 'kWh', digits: 1 },
          { key: 'itEnergyKwh', label: 'IT energy', type: 'number', unit: 'kWh', digits: 1 },
          { key: 'energyCostUsd', label: 'Energy cost', type: 'number', unit: 'USD', digits: 2 },
          { key: 'avgPriceUsdPerMwh', label: 'Avg price paid', type: 'number', unit: '$/MWh', digits: 2 },
          { key: 'deviceMonths', label: 'Device-months', type: 'number', digits: 3 },
          { key: 'hostingRateUsdPerKwh', label: 'Rate', type: 'number', unit: '$/kWh', digits: 4 },
          {
            key: 'hostingRateUsdPerDeviceMonth',
            label: 'Rate',
            type: 'number',
            unit: '$/device-month',
            digits: 2,
          },
          { key: 'hostingChargeUsd', label: 'Hosting charge', type: 'number', unit: 'USD', digits: 2 },
        ],
        rows: tenantRows,
      },
    ],
    totals: {
      energyKwh: round(total.kwh, 3),
      itEnergyKwh: round(total.itKwh, 3),
      energyCostUsd: round(total.costUsd, 4),
      avgPriceUsdPerMwh: round(avgPrice(total), 4),
      unpricedKwh: round(total.unpricedKwh, 3),
    },
  };
}
