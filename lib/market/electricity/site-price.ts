// What a site pays for power at an instant or over a range, from its contract: fixed, time-of-use
// in the site's zone, or the stored spot interval plus the adder. Unknown prices are null with a reason.
import { type Actor, requireRole } from '../../auth/actor';
import { empty, queryOne, queryRows, sql } from '../../db/raw';
import { notFound } from '../../errors';
import { energyIntervals, energyIntervalsAt } from '../store';
import {
  type ContractPrice,
  type ContractPricePoint,
  contractPriceAt,
  contractPriceSeries,
  type SiteContract,
} from './contract';

export type SiteContractRow = SiteContract & { id: number; name: string; pue: number; poolFeePct: number };

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || !text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toContractRow(r: Record<string, unknown>): SiteContractRow {
  return {
    id: Number(r.id),
    name: String(r.name),
    timezone: String(r.timezone),
    pue: Number(r.pue),
    poolFeePct: Number(r.pool_fee_pct),
    contractKind: r.contract_kind as SiteContract['contractKind'],
    fixedPriceUsdPerMwh: r.fixed_price_usd_per_mwh == null ? null : Number(r.fixed_price_usd_per_mwh),
    touSchedule: parseJson(r.tou_schedule),
    spotSource: (r.spot_source as string | null) ?? null,
    spotAdderUsdPerMwh: Number(r.spot_adder_usd_per_mwh ?? 0),
  };
}

const SITE_COLUMNS = sql`s.id, s.name, s.timezone, s.pue, s.pool_fee_pct, s.contract_kind, s.fixed_price_usd_per_mwh, s.tou_schedule, s.spot_source, s.spot_adder_usd_per_mwh`;

/** Sites visible to the actor: all for staff, only those holding the tenant's machines for a tenant. */
export async function listSiteContracts(actor: Actor): Promise<SiteContractRow[]> {
  requireRole(actor, 'viewer');
  const scope =
    actor.tenantId === null
      ? empty
      : sql`WHERE EXISTS (SELECT 1 FROM device d WHERE d.site_id = s.id AND d.tenant_id = ${actor.tenantId})`;
  const rows = await queryRows(sql`SELECT ${SITE_COLUMNS} FROM site s ${scope} ORDER BY s.name`);
  return rows.map(toContractRow);
}

export async function getSiteContract(actor: Actor, siteId: number): Promise<SiteContractRow> {
  requireRole(actor, 'viewer');
  const scope =
    actor.tenantId === null
      ? empty
      : sql`AND EXISTS (SELECT 1 FROM device d WHERE d.site_id = s.id AND d.tenant_id = ${actor.tenantId})`;
  const row = await queryOne(sql`SELECT ${SITE_COLUMNS} FROM site s WHERE s.id = ${siteId} ${scope}`);
  if (!row) throw notFound(`Site ${siteId}`);
  return toContractRow(row);
}

/** Each site's price at `now`, keyed by site id. */
export async function sitePricesAt(
  sites: readonly SiteContractRow[],
  now: number,
): Promise<Map<number, ContractPrice>> {
  const stored = await energyIntervalsAt(
    sites.filter((s) => s.contractKind === 'spot').map((s) => s.id),
    now,
  );
  return new Map(sites.map((s) => [s.id, contractPriceAt(s, now, stored.get(s.id))]));
}

export async function sitePriceSeries(
  site: SiteContract & { id: number },
  fromMs: number,
  toMs: number,
): Promise<{ points: ContractPricePoint[]; reason: string | null }> {
  const stored = site.contractKind === 'spot' ? await energyIntervals(site.id, fromMs, toMs) : [];
  return contractPriceSeries(site, fromMs, toMs, stored);
}

/** Energy-weighted mean over the points (each point weighted by its duration); null when empty. */
export function averagePriceUsdPerMwh(points: readonly ContractPricePoint[]): number | null {
  let weighted = 0;
  let total = 0;
  for (const p of points) {
    const durationMs = p.intervalEnd - p.intervalStart;
    weighted += p.priceUsdPerMwh * durationMs;
    total += durationMs;
  }
  return total > 0 ? weighted / total : null;
}
