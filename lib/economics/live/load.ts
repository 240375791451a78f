// Live inputs of the money views: device totals per (site, model, current workload) from
// device_latest and the open assignment (with its job's status: only a running job earns), each
// site's price now, and the market snapshot. O(devices) in one grouped query, never O(samples).
import type { Actor } from '../../auth/actor';
import { empty, queryRows, sql } from '../../db/raw';
import { deviceScopeSql } from '../../inventory/scope';
import { listSiteContracts } from '../../market/electricity/site-price';
import { type SitePriceNow, siteNowPrices } from '../../market/views/latest';
import { loadMarketSnapshot, type MarketSnapshot } from '../../market/views/snapshot';
import { telemetryFreshAfterMs } from '../../telemetry/freshness';
import type { DeviceGroup, MarketTerms, SiteTerms } from './compose';

export type GroupScope = { siteId?: number; deviceId?: number };

/** Per (site, model) totals of reporting devices; with `deviceId`, one group holding just that device. */
export async function loadDeviceGroups(actor: Actor, scope: GroupScope, now: number): Promise<DeviceGroup[]> {
  const freshAfter = telemetryFreshAfterMs(now);
  const site = scope.siteId === undefined ? empty : sql`AND d.site_id = ${scope.siteId}`;
  const device = scope.deviceId === undefined ? empty : sql`AND d.id = ${scope.deviceId}`;
  const rows = await queryRows(sql`
    SELECT d.site_id, d.model_id, m.vendor, m.model, m.class, m.nominal_hashrate_ths, m.nominal_power_w, m.gpu_count, m.gpu_model,
           COUNT(*) AS n,
           SUM(CASE WHEN l.ts >= ${freshAfter} THEN 1 ELSE 0 END) AS reporting,
           SUM(CASE WHEN l.ts >= ${freshAfter} THEN COALESCE(l.hashrate_ths, 0) ELSE 0 END) AS hashrate_ths,
           SUM(CASE WHEN l.ts >= ${freshAfter} THEN COALESCE(l.power_w, 0) ELSE 0 END) AS power_w,
           SUM(CASE WHEN l.ts >= ${freshAfter} THEN COALESCE(l.gpu_util_pct, 0) ELSE 0 END) AS gpu_util_sum,
           COALESCE(CAST(w.kind AS TEXT), 'none') AS workload, p.fee_pct, a.rate_usd_per_gpu_hour, a.utilisation_pct,
           SUM(COALESCE(a.gpus, 0)) AS assigned_gpus,
           CASE WHEN CAST(j.status AS TEXT) = 'running' THEN 1 ELSE 0 END AS job_running
    FROM device d
    JOIN device_model m ON m.id = d.model_id
    LEFT JOIN device_latest l ON l.device_id = d.id
    LEFT JOIN device_workload w ON w.device_id = d.id
    LEFT JOIN assignment a ON a.id = w.assignment_id
    LEFT JOIN pool_profile p ON p.id = w.pool_id AND w.kind = 'pool'
    LEFT JOIN ai_job j ON j.id = w.job_id AND w.kind = 'job'
    WHERE 1 = 1 ${deviceScopeSql(actor)} ${site} ${device}
    GROUP BY d.site_id, d.model_id, m.vendor, m.model, m.class, m.nominal_hashrate_ths, m.nominal_power_w, m.gpu_count, m.gpu_model,
             COALESCE(CAST(w.kind AS TEXT), 'none'), p.fee_pct, a.rate_usd_per_gpu_hour, a.utilisation_pct,
             CASE WHEN CAST(j.status AS TEXT) = 'running' THEN 1 ELSE 0 END
    ORDER BY d.site_id, d.model_id`);
  return rows.map((r) => ({
    siteId: Number(r.site_id),
    modelId: Number(r.model_id),
    modelName: `${r.vendor} ${r.model}`,
    class: r.class as DeviceGroup['class'],
    devices: Number(r.n),
    reporting: Number(r.reporting),
    hashrateThs: Number(r.hashrate_ths ?? 0),
    powerW: Number(r.power_w ?? 0),
    gpuUtilPctSum: Number(r.gpu_util_sum ?? 0),
    nominalHashrateThs: r.nominal_hashrate_ths == null ? null : Number(r.nominal_hashrate_ths),
    nominalPowerW: Number(r.nominal_power_w),
    gpuCount: r.gpu_count == null ? null : Number(r.gpu_count),
    gpuModel: (r.gpu_model as string | null) ?? null,
    workload: {
      kind: r.workload as NonNullable<DeviceGroup['workload']>['kind'],
      poolFeePct: r.fee_pct == null ? null : Number(r.fee_pct),
      rateUsdPerGpuHour: r.rate_usd_per_gpu_hour == null ? null : Number(r.rate_usd_per_gpu_hour),
      utilisationPct: r.utilisation_pct == null ? null : Number(r.utilisation_pct),
      assignedGpus: Number(r.assigned_gpus ?? 0),
      jobRunning: Number(r.job_running) === 1,
    },
  }));
}

export type MoneyContext = {
  snapshot: MarketSnapshot;
  prices: SitePriceNow[];
  siteTerms: Map<number, SiteTerms>;
  market: MarketTerms;
  freshAfter: number;
};

export function marketTerms(snapshot: MarketSnapshot): MarketTerms {
  return {
    hashprice: snapshot.hashprice,
    gpuRates: new Map(
      snapshot.gpuRates.map((r) => [
        r.gpuModel.toLowerCase(),
        { usdPerGpuH: r.usdPerGpuH, provider: r.provider, stale: r.stale },
      ]),
    ),
  };
}

export function siteTermsOf(price: SitePriceNow): SiteTerms {
  return {
    siteId: price.siteId,
    siteName: price.siteName,
    pue: price.pue,
    poolFeePct: price.poolFeePct,
    priceUsdPerMwh: price.priceUsdPerMwh,
    priceProvider: price.provider,
    priceStale: price.stale,
    priceReason: price.reason,
  };
}

/** Market snapshot and site prices for the sites the actor may see (optionally one). */
export async function loadMoneyContext(actor: Actor, now: number, siteId?: number): Promise<MoneyContext> {
  const snapshot = await loadMarketSnapshot(now);
  const sites = (await listSiteContracts(actor)).filter((s) => siteId === undefined || s.id === siteId);
  const prices = await siteNowPrices(sites, snapshot.statuses, now);
  return {
    snapshot,
    prices,
    siteTerms: new Map(prices.map((p) => [p.siteId, siteTermsOf(p)])),
    market: marketTerms(snapshot),
    freshAfter: telemetryFreshAfterMs(now),
  };
}
