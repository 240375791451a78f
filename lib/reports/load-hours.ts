// Reads the hourly device rollups, the assignment history, prices and network data a money or
// performance report needs, and joins them into device-hours in the report's tenant scope.
import { join, queryRows, sql } from '../db/raw';
import { contractPriceSeries, type SiteContract } from '../market/electricity/contract';
import { energyIntervals } from '../market/store';
import type { DeviceHour, Work } from './facts';
import { hourlyPrices, type NetworkPoint } from './hourly';
import type { ReportScope } from './scope';
import { tenantAt } from './tenancy';

const HOUR_MS = 3_600_000;
export type AssignmentSpan = {
  deviceId: number;
  kind: string;
  poolId: number | null;
  jobId: number | null;
  gpus: number | null;
  rateUsdPerGpuHour: number | null;
  utilisationPct: number | null;
  fromTs: number;
  toTs: number | null;
};

export async function loadAssignments(
  scope: ReportScope,
  fromMs: number,
  toMs: number,
): Promise<AssignmentSpan[]> {
  const rows = await queryRows(
    sql`SELECT device_id, kind, pool_id, job_id, gpus, rate_usd_per_gpu_hour, utilisation_pct, from_ts, to_ts
      FROM assignment WHERE from_ts < ${toMs} AND (to_ts IS NULL OR to_ts > ${fromMs}) ORDER BY device_id, from_ts`,
  );
  const num = (v: unknown) => (v == null ? null : Number(v));
  return rows
    .filter((r) => scope.devices.has(Number(r.device_id)))
    .map((r) => ({
      deviceId: Number(r.device_id),
      kind: String(r.kind),
      poolId: num(r.pool_id),
      jobId: num(r.job_id),
      gpus: num(r.gpus),
      rateUsdPerGpuHour: num(r.rate_usd_per_gpu_hour),
      utilisationPct: num(r.utilisation_pct),
      fromTs: Number(r.from_ts),
      toTs: num(r.to_ts),
    }));
}

export function workOf(kind: string | undefined): Work {
  if (kind === undefined || kind === 'pool') return 'mining';
  return kind === 'job' || kind === 'rent' ? 'ai' : 'none';
}

/** The tenant filter of the scope at an instant (undefined scope = everyone). */
export function inScopeAt(scope: ReportScope, deviceId: number, tsMs: number): number | null | false {
  const device = scope.devices.get(deviceId);
  if (!device) return false;
  const tenant = tenantAt(scope.moves.get(deviceId) ?? [], device.tenantId, tsMs);
  return scope.tenantId === undefined || tenant === scope.tenantId ? tenant : false;
}

export async function loadPoolFees(): Promise<Map<number, number>> {
  const rows = await queryRows(sql`SELECT id, fee_pct FROM pool_profile`);
  return new Map(rows.map((r) => [Number(r.id), Number(r.fee_pct)]));
}

export async function loadDeviceHours(
  scope: ReportScope,
  fromMs: number,
  toMs: number,
  assignments: readonly AssignmentSpan[],
): Promise<DeviceHour[]> {
  const poolFees = await loadPoolFees();
  const spans = new Map<number, AssignmentSpan[]>();
  for (const a of assignments) {
    const list = spans.get(a.deviceId);
    if (list) list.push(a);
    else spans.set(a.deviceId, [a]);
  }
  // The 1h tier is keyed (device_id, bucket) with no bucket index: read it device by device range.
  const ids = [...scope.devices.keys()];
  const rows: Record<string, unknown>[] = [];
  // 100 devices × a month is 72k rows: one synchronous SQLite read of ~0.1 s, not a second.
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const page = await queryRows(
      sql`SELECT device_id, bucket, power_w_x10, hashrate_ths FROM telemetry_rollup_1h
        WHERE device_id IN (${join(chunk)}) AND bucket >= ${fromMs} AND bucket < ${toMs}`,
    );
    // A loop, not push(...page): a month of many devices is past the argument limit.
    for (const row of page) rows.push(row);
    // better-sqlite3 is synchronous: let HTTP and the jobs run between chunks.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const out: DeviceHour[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i % 50_000 === 49_999) await new Promise<void>((resolve) => setImmediate(resolve));
    const r = rows[i]!;
    const deviceId = Number(r.device_id);
    const hourMs = Number(r.bucket);
    const tenant = inScopeAt(scope, deviceId, hourMs + HOUR_MS / 2);
    if (tenant === false) continue;
    const device = scope.devices.get(deviceId)!;
    const site = scope.sites.get(device.siteId);
    if (!site) continue;
    const mid = hourMs + HOUR_MS / 2;
    const span = spans.get(deviceId)?.find((s) => s.fromTs <= mid && (s.toTs === null || s.toTs > mid));
    out.push({
      deviceId,
      siteId: device.siteId,
      hourMs,
      tenantId: tenant,
      work: workOf(span?.kind),
      poolFeePct: span?.poolId != null ? (poolFees.get(span.poolId) ?? site.poolFeePct) : site.poolFeePct,
      // Stored as the hour's mean; power in fixed point (× 10).
      powerW: r.power_w_x10 == null ? null : Number(r.power_w_x10) / 10,
      hashrateThs: r.hashrate_ths == null ? null : Number(r.hashrate_ths),
    });
  }
  return out;
}

function contractOf(row: Record<string, unknown>): SiteContract {
  let tou: unknown = null;
  try {
    tou = typeof row.tou_schedule === 'string' ? JSON.parse(row.tou_schedule) : null;
  } catch {
    tou = null;
  }
  return {
    contractKind: row.contract_kind as SiteContract['contractKind'],
    fixedPriceUsdPerMwh: row.fixed_price_usd_per_mwh == null ? null : Number(row.fixed_price_usd_per_mwh),
    touSchedule: tou,
    spotSource: (row.spot_source as string | null) ?? null,
    spotAdderUsdPerMwh: Number(row.spot_adder_usd_per_mwh ?? 0),
    timezone: String(row.timezone),
  };
}

export async function loadHourlyPrices(scope: ReportScope, fromMs: number, toMs: number) {
  const out = new Map<number, Map<number, number>>();
  for (const site of scope.sites.values()) {
    const contract = contractOf(site.contract);
    const stored = contract.contractKind === 'spot' ? await energyIntervals(site.id, fromMs, toMs) : [];
    out.set(site.id, hourlyPrices(contractPriceSeries(contract, fromMs, toMs, stored).points));
  }
  return out;
}

export async function loadNetworkPoints(fromMs: number, toMs: number): Promise<NetworkPoint[]> {
  const series = ['difficulty', 'btc_usd', 'fees_btc_per_block', 'block_height'];
  const points: NetworkPoint[] = [];
  for (const s of series) {
    const before = await queryRows(
      sql`SELECT series, ts, value FROM market_point WHERE series = ${s} AND ts < ${fromMs} ORDER BY ts DESC LIMIT 1`,
    );
    const inRange = await queryRows(
      sql`SELECT series, ts, value FROM market_point WHERE series = ${s} AND ts >= ${fromMs} AND ts < ${toMs} ORDER BY ts`,
    );
    for (const r of [...before, ...inRange])
      points.push({ series: s, ts: Number(r.ts), value: Number(r.value) });
  }
  return points;
}

/** Hours each tenant (null = own fleet) held the scope's devices within [fromMs, toMs). */
export function heldHours(scope: ReportScope, fromMs: number, toMs: number): Map<number | null, number> {
  const out = new Map<number | null, number>();
  for (const [deviceId, device] of scope.devices) {
    const cuts = [
      fromMs,
      ...(scope.moves.get(deviceId) ?? []).map((m) => m.movedAt).filter((t) => t > fromMs && t < toMs),
      toMs,
    ];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const tenant = tenantAt(scope.moves.get(deviceId) ?? [], device.tenantId, cuts[i]!);
      if (scope.tenantId !== undefined && tenant !== scope.tenantId) continue;
      out.set(tenant, (out.get(tenant) ?? 0) + (cuts[i + 1]! - cuts[i]!) / HOUR_MS);
    }
  }
  return out;
}
