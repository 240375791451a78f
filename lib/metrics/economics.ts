// Site-level economics for /metrics, from the same money view as the dashboards (lib/economics/live),
// so Grafana and the app never disagree. Labels stay bounded: site, model, class, use — no device
// names. A value that is unknown (no power price, no hashprice) is left out, never exported as 0.
import type { Actor } from '../auth/actor';
import { queryRows, sql } from '../db/raw';
import { getEconomicsSummary } from '../economics/live/money';
import { deviceScopeSql } from '../inventory/scope';
import type { Family, Sample } from './exposition';

type Labels = Sample['labels'];

function push(samples: Sample[], labels: Labels, value: number | null | undefined) {
  if (value !== null && value !== undefined && Number.isFinite(value)) samples.push({ labels, value });
}

function gauge(name: string, help: string, samples: Sample[]): Family {
  return { name, help, type: 'gauge', samples };
}

/** Nameplate power of the devices assigned to curtail, per site: the load the fleet is shedding. */
async function curtailedKw(actor: Actor): Promise<Map<number, number>> {
  const rows = await queryRows<{ site_id: number; power_w: number | null }>(sql`
    SELECT d.site_id, SUM(m.nominal_power_w) AS power_w
    FROM device d JOIN device_model m ON m.id = d.model_id JOIN device_workload w ON w.device_id = d.id
    WHERE w.kind = 'curtail' ${deviceScopeSql(actor)} GROUP BY d.site_id`);
  return new Map(rows.map((r) => [Number(r.site_id), Number(r.power_w ?? 0) / 1000]));
}

export async function economicsFamilies(actor: Actor, now: number): Promise<Family[]> {
  const summary = await getEconomicsSummary(actor, {}, now);
  const curtailed = await curtailedKw(actor);
  const p = summary.provenance;
  const hashprice: Sample[] = [];
  push(hashprice, {}, p.hashprice?.usdPerPhDay);
  const btc: Sample[] = [];
  push(btc, {}, p.btcUsd?.value);
  const stale: Sample[] = [];
  push(stale, { series: 'hashprice' }, p.hashprice ? Number(p.hashprice.stale) : null);
  push(stale, { series: 'btc_usd' }, p.btcUsd ? Number(p.btcUsd.stale) : null);
  for (const g of p.gpuRates) push(stale, { series: `gpu_rate:${g.gpuModel}` }, Number(g.stale));

  const price: Sample[] = [];
  const priceStale: Sample[] = [];
  const pue: Sample[] = [];
  const revenue: Sample[] = [];
  const cost: Sample[] = [];
  const margin: Sample[] = [];
  const power: Sample[] = [];
  const curtailedSamples: Sample[] = [];
  const gpus: Sample[] = [];
  const costPerBtc: Sample[] = [];
  const breakeven: Sample[] = [];
  for (const site of summary.sites) {
    const s = { site_id: site.siteId, site: site.siteName };
    push(price, s, site.priceUsdPerMwh);
    if (site.priceUsdPerMwh !== null) push(priceStale, s, Number(site.priceStale));
    push(pue, s, site.pue);
    for (const use of ['mining', 'ai'] as const) {
      const u = site[use];
      const l = { ...s, use };
      push(revenue, l, u.revenueUsdPerDay === null ? null : u.revenueUsdPerDay / 24);
      push(cost, l, u.energyCostUsdPerDay === null ? null : u.energyCostUsdPerDay / 24);
      push(margin, l, u.marginUsdPerDay === null ? null : u.marginUsdPerDay / 24);
      push(power, l, u.powerW / 1000);
    }
    push(curtailedSamples, s, curtailed.get(site.siteId) ?? 0);
    push(gpus, s, site.ai.gpus);
    push(costPerBtc, s, site.costPerBtcUsd);
    // One model can be split by workload (pool fee, job rate); the largest group speaks for the model.
    const byModel = new Map<string, (typeof site.models)[number]>();
    for (const m of site.models) {
      const seen = byModel.get(m.modelName);
      if (m.breakevenUsdPerMwh !== null && (!seen || m.devices > seen.devices)) byModel.set(m.modelName, m);
    }
    for (const m of byModel.values())
      push(breakeven, { ...s, model: m.modelName, class: m.class }, m.breakevenUsdPerMwh);
  }
  return [
    gauge(
      'switchyard_hashprice_usd_per_petahash_day',
      'Hashprice: expected USD per PH/s per day.',
      hashprice,
    ),
    gauge('switchyard_btc_price_usd', 'Bitcoin price used by the money view (USD).', btc),
    gauge('switchyard_market_value_stale', '1 when a market input is stale.', stale),
    gauge(
      'switchyard_site_energy_price_usd_per_mwh',
      'Electricity price the site pays now (USD/MWh).',
      price,
    ),
    gauge('switchyard_site_energy_price_stale', '1 when the site price is stale.', priceStale),
    gauge('switchyard_site_pue', 'Power usage effectiveness of the site.', pue),
    gauge(
      'switchyard_site_revenue_usd_per_hour',
      'Revenue rate at current market values, by use (mining, ai).',
      revenue,
    ),
    gauge(
      'switchyard_site_energy_cost_usd_per_hour',
      'Energy cost rate at the current price and PUE, by use.',
      cost,
    ),
    gauge('switchyard_site_margin_usd_per_hour', 'Revenue minus energy cost per hour, by use.', margin),
    gauge('switchyard_site_power_kilowatts', 'Measured power of reporting devices, by use (kW).', power),
    gauge(
      'switchyard_site_curtailed_kilowatts',
      'Nameplate power of devices assigned to curtail (kW).',
      curtailedSamples,
    ),
    gauge('switchyard_site_ai_gpus', 'GPUs of reporting AI servers.', gpus),
    gauge(
      'switchyard_site_cost_per_btc_usd',
      'Energy-only cost of one BTC mined at the site at current rates (USD).',
      costPerBtc,
    ),
    gauge(
      'switchyard_breakeven_usd_per_mwh',
      'Power price at which a model stops paying at nameplate efficiency (USD/MWh).',
      breakeven,
    ),
  ];
}

/** Collector health per site: devices polled, and those whose latest poll failed. */
export async function collectorFamilies(actor: Actor): Promise<Family[]> {
  const rows = await queryRows<{ site_id: number; site: string; polled: number; failing: number }>(sql`
    SELECT d.site_id, s.name AS site, COUNT(*) AS polled,
           SUM(CASE WHEN c.consecutive_failures > 0 THEN 1 ELSE 0 END) AS failing
    FROM collector_state c JOIN device d ON d.id = c.device_id JOIN site s ON s.id = d.site_id
    WHERE 1 = 1 ${deviceScopeSql(actor)} GROUP BY d.site_id, s.name ORDER BY d.site_id`);
  const label = (r: (typeof rows)[number]) => ({ site_id: Number(r.site_id), site: r.site });
  return [
    gauge(
      'switchyard_collector_devices',
      'Devices the collectors poll.',
      rows.map((r) => ({ labels: label(r), value: Number(r.polled) })),
    ),
    gauge(
      'switchyard_collector_failing_devices',
      'Polled devices whose latest poll failed.',
      rows.map((r) => ({ labels: label(r), value: Number(r.failing ?? 0) })),
    ),
  ];
}
