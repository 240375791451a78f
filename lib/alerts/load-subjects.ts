// Reads what the rules look at from latest state (device_latest) and the money context: one
// query over devices per tick, never the raw samples.
import { SYSTEM_ACTOR } from '../auth/actor';
import { queryRows, sql } from '../db/raw';
import { composeGroup, type DeviceGroup } from '../economics/live/compose';
import { loadDeviceGroups, loadMoneyContext } from '../economics/live/load';
import { telemetryFreshAfterMs } from '../telemetry/freshness';
import {
  type DeviceRow,
  type SiteBreakeven,
  toDeviceSubject,
  toFleetSubject,
  toSiteSubject,
} from './subjects';
import { FLEET_METRICS, type Metric, SITE_METRICS, type Subject } from './types';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** A stored timestamp as ms: a number on SQLite, a Date from PostgreSQL. */
const toMs = (v: unknown) =>
  v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : Number(v);

export async function loadDeviceRows(): Promise<DeviceRow[]> {
  const rows = await queryRows(sql`
    SELECT d.id, d.site_id, d.rack_id, d.model_id, d.tenant_id, CAST(d.status AS TEXT) AS device_status,
           CAST(m.class AS TEXT) AS class, m.nominal_hashrate_ths, m.max_temp_c, d.created_at,
           l.ts, l.hashrate_ths, l.power_w, l.chip_temp_c, l.board_temp_c, l.gpu_temp_c, l.fan_rpm,
           l.status AS reported_status, CAST(w.kind AS TEXT) AS workload,
           CAST(d.protocol AS TEXT) AS protocol, l.pool_url,
           CASE WHEN d.host IS NOT NULL AND d.port IS NOT NULL THEN 1 ELSE 0 END AS polled
    FROM device d
    JOIN device_model m ON m.id = d.model_id
    LEFT JOIN device_latest l ON l.device_id = d.id
    LEFT JOIN device_workload w ON w.device_id = d.id
    ORDER BY d.id`);
  return rows.map((r) => ({
    id: Number(r.id),
    siteId: Number(r.site_id),
    rackId: num(r.rack_id),
    modelId: Number(r.model_id),
    tenantId: num(r.tenant_id),
    deviceStatus: String(r.device_status),
    class: r.class as DeviceRow['class'],
    nominalHashrateThs: num(r.nominal_hashrate_ths),
    maxTempC: num(r.max_temp_c),
    createdAt: toMs(r.created_at),
    ts: num(r.ts),
    hashrateThs: num(r.hashrate_ths),
    powerW: num(r.power_w),
    chipTempC: num(r.chip_temp_c),
    boardTempC: num(r.board_temp_c),
    gpuTempC: num(r.gpu_temp_c),
    fanRpm: num(r.fan_rpm),
    reportedStatus: (r.reported_status as string | null) ?? null,
    workload: (r.workload as string | null) ?? null,
    protocol: String(r.protocol),
    polled: Number(r.polled) === 1,
    poolUrl: (r.pool_url as string | null) ?? null,
  }));
}

const STOPPED = new Set(['curtail', 'idle', 'maintenance']);

/**
 * Devices a price rule curtailed still count towards their site's breakeven, at their model's
 * nameplate efficiency: otherwise curtailing the least efficient model would move the breakeven
 * up to the next model, clear the alert and resume them at once (an on/off storm). So the alert
 * resolves — and the rule resumes them — when the price drops below their own breakeven.
 */
async function ruleCurtailedGroups(now: number): Promise<DeviceGroup[]> {
  const rows = await queryRows(sql`
    SELECT d.site_id, d.model_id, CAST(m.class AS TEXT) AS class, m.vendor, m.model, m.nominal_hashrate_ths,
           m.nominal_power_w, COUNT(*) AS n
    FROM device_workload w JOIN assignment a ON a.id = w.assignment_id JOIN device d ON d.id = w.device_id
      JOIN device_model m ON m.id = d.model_id
    WHERE CAST(w.kind AS TEXT) = 'curtail' AND CAST(a.source AS TEXT) = 'rule' AND a.from_ts <= ${now}
    GROUP BY d.site_id, d.model_id, m.class, m.vendor, m.model, m.nominal_hashrate_ths, m.nominal_power_w`);
  return rows
    .filter((r) => r.class !== 'gpu' && r.nominal_hashrate_ths != null)
    .map((r) => {
      const n = Number(r.n);
      return {
        siteId: Number(r.site_id),
        modelId: Number(r.model_id),
        modelName: `${r.vendor} ${r.model}`,
        class: r.class as DeviceGroup['class'],
        devices: n,
        reporting: n,
        hashrateThs: Number(r.nominal_hashrate_ths) * n,
        powerW: Number(r.nominal_power_w) * n,
        gpuUtilPctSum: 0,
        nominalHashrateThs: Number(r.nominal_hashrate_ths),
        nominalPowerW: Number(r.nominal_power_w),
        gpuCount: null,
        gpuModel: null,
        workload: {
          kind: 'none',
          poolFeePct: null,
          rateUsdPerGpuHour: null,
          utilisationPct: null,
          assignedGpus: 0,
          jobRunning: false,
        },
      };
    });
}

async function loadMarketSubjects(devices: Subject[], now: number, want: Set<Metric>): Promise<Subject[]> {
  const money = await loadMoneyContext(SYSTEM_ACTOR, now);
  const out: Subject[] = [];
  if (want.has('hashpriceUsdPerPhDay')) {
    const h = money.market.hashprice;
    out.push(toFleetSubject(h ? h.usdPerThDay * 1000 : null));
  }
  if (!SITE_METRICS.some((m) => want.has(m))) return out;
  const groups = [...(await loadDeviceGroups(SYSTEM_ACTOR, {}, now)), ...(await ruleCurtailedGroups(now))];
  const worst = new Map<number, SiteBreakeven['worst']>();
  for (const g of groups) {
    const site = money.siteTerms.get(g.siteId);
    if (!site || g.reporting === 0 || STOPPED.has(g.workload?.kind ?? 'none')) continue;
    const e = composeGroup(g, site, money.market);
    if (e.use !== 'mining' || e.breakevenUsdPerMwh === null) continue;
    const seen = worst.get(g.siteId);
    if (!seen || e.breakevenUsdPerMwh < seen.breakevenUsdPerMwh) {
      worst.set(g.siteId, { modelId: g.modelId, breakevenUsdPerMwh: e.breakevenUsdPerMwh });
    }
  }
  for (const price of money.prices) {
    const w = worst.get(price.siteId) ?? null;
    const ids = w
      ? devices
          .filter((d) => d.siteId === price.siteId && d.modelId === w.modelId && !d.intentional)
          .filter((d) => d.values.powerW !== null)
          .map((d) => d.deviceIds[0] as number)
      : [];
    out.push(toSiteSubject({ siteId: price.siteId, priceUsdPerMwh: price.priceUsdPerMwh, worst: w }, ids));
  }
  return out;
}

/** Device subjects always; site and fleet subjects only when an enabled rule asks for them. */
export async function loadSubjects(now: number, metrics: Set<Metric>): Promise<Subject[]> {
  const freshAfter = telemetryFreshAfterMs(now);
  const devices = (await loadDeviceRows()).map((r) => toDeviceSubject(r, now, freshAfter));
  const market = [...SITE_METRICS, ...FLEET_METRICS].some((m) => metrics.has(m));
  return market ? [...devices, ...(await loadMarketSubjects(devices, now, metrics))] : devices;
}
