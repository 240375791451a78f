// Where each pool's devices are: per-site device counts (in the caller's scope) and the names of the
// racks and sites a pool covers, for the Pools page.
import type { Actor } from '../auth/actor';
import { join, queryRows, sql } from '../db/raw';
import { deviceScopeSql } from '../inventory/scope';

export type PoolSiteCount = { siteId: number; siteName: string; devices: number };

export async function poolSiteCounts(actor: Actor, poolIds: number[]): Promise<Map<number, PoolSiteCount[]>> {
  const out = new Map<number, PoolSiteCount[]>();
  if (poolIds.length === 0) return out;
  const rows = await queryRows<{ pool_id: number; site_id: number; site_name: string; n: number }>(sql`
    SELECT w.pool_id, d.site_id, s.name AS site_name, COUNT(*) AS n
    FROM device_workload w JOIN device d ON d.id = w.device_id JOIN site s ON s.id = d.site_id
    WHERE w.kind = 'pool' AND w.pool_id IS NOT NULL ${deviceScopeSql(actor)}
    GROUP BY w.pool_id, d.site_id, s.name
    ORDER BY s.name`);
  const wanted = new Set(poolIds);
  for (const r of rows) {
    const poolId = Number(r.pool_id);
    if (!wanted.has(poolId)) continue;
    const list = out.get(poolId) ?? [];
    list.push({ siteId: Number(r.site_id), siteName: String(r.site_name), devices: Number(r.n) });
    out.set(poolId, list);
  }
  return out;
}

/** Display names of covered racks ("Site / Rack") and sites, keyed `rack:<id>` / `site:<id>`. */
export async function coverageNames(
  scopes: { scope: string; scopeId: number }[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const rackIds = scopes.filter((s) => s.scope === 'rack').map((s) => s.scopeId);
  const siteIds = scopes.filter((s) => s.scope === 'site').map((s) => s.scopeId);
  if (rackIds.length) {
    const racks = await queryRows<{ id: number; name: string; site_name: string }>(
      sql`SELECT r.id, r.name, s.name AS site_name FROM rack r JOIN site s ON s.id = r.site_id
          WHERE r.id IN (${join(rackIds)})`,
    );
    for (const r of racks) names.set(`rack:${Number(r.id)}`, `${r.site_name} / ${r.name}`);
  }
  if (siteIds.length) {
    const sites = await queryRows<{ id: number; name: string }>(
      sql`SELECT id, name FROM site WHERE id IN (${join(siteIds)})`,
    );
    for (const s of sites) names.set(`site:${Number(s.id)}`, s.name);
  }
  return names;
}
