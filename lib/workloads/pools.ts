// Pool profiles: stratum URLs in failover order, worker-name template, fee and payout scheme.
import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { getDb } from '../db/client';
import type { PoolProfile } from '../db/generated/sqlite/client';
import { join, queryRows, sql } from '../db/raw';
import { badRequest, conflict, notFound } from '../errors';
import { coverageNames, type PoolSiteCount, poolSiteCounts } from './pool-sites';
import type { PoolCreate, PoolUpdate } from './schemas';
import { resolveTenant, tenantWhere } from './scope';
import { checkStratumUrl } from './stratum';
import { checkWorkerTemplate } from './worker-name';

export type PoolView = Omit<PoolProfile, 'urls' | 'createdAt' | 'updatedAt'> & {
  urls: string[];
  createdAt: string;
  updatedAt: string;
  /** Devices whose current assignment is this pool (in the caller's scope). */
  deviceCount: number;
  coverage: { scope: string; scopeId: number; name: string }[];
  /** Devices on this pool per site, in the caller's scope. */
  sites: PoolSiteCount[];
};

/** Normalised URLs, or a 400 that names the first bad one and every problem. */
export function validatePoolUrls(urls: string[]): string[] {
  const problems: { path: string; message: string }[] = [];
  const normalised: string[] = [];
  urls.forEach((url, i) => {
    const check = checkStratumUrl(url);
    if (check.ok) normalised.push(check.url);
    else problems.push({ path: `urls.${i}`, message: `"${url}": ${check.reason}` });
  });
  if (problems.length) throw badRequest(`Invalid stratum URL ${problems[0]!.message}`, problems);
  if (new Set(normalised).size !== normalised.length) {
    throw badRequest('A stratum URL appears twice', [{ path: 'urls', message: 'duplicate URL' }]);
  }
  return normalised;
}

function validateTemplate(template: string) {
  const check = checkWorkerTemplate(template);
  if (!check.ok) {
    throw badRequest(`Invalid worker template "${template}": ${check.reason}`, [
      { path: 'workerTemplate', message: check.reason },
    ]);
  }
}

async function toViews(actor: Actor, pools: PoolProfile[]): Promise<PoolView[]> {
  const ids = pools.map((p) => p.id);
  const db = getDb();
  // A join, not a list of the tenant's device ids: a hosting client with thousands of machines
  // would pass Prisma's SQLite parameter limit.
  const [counts, coverage] = await Promise.all([
    ids.length === 0
      ? []
      : queryRows(sql`SELECT w.pool_id, COUNT(*) AS n FROM device_workload w JOIN device d ON d.id = w.device_id
          WHERE w.kind = 'pool' AND w.pool_id IN (${join(ids)})
            ${actor.tenantId === null ? sql`` : sql`AND d.tenant_id = ${actor.tenantId}`}
          GROUP BY w.pool_id`),
    db.poolCoverage.findMany({ where: { poolId: { in: ids } }, orderBy: { id: 'asc' } }),
  ]);
  const [perSite, names] = await Promise.all([poolSiteCounts(actor, ids), coverageNames(coverage)]);
  return pools.map(({ urls, createdAt, updatedAt, ...rest }) => ({
    ...rest,
    urls: JSON.parse(urls) as string[],
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    deviceCount: Number(counts.find((c) => Number(c.pool_id) === rest.id)?.n ?? 0),
    coverage: coverage
      .filter((c) => c.poolId === rest.id)
      .map((c) => ({
        scope: c.scope,
        scopeId: c.scopeId,
        name: names.get(`${c.scope}:${c.scopeId}`) ?? `${c.scope} ${c.scopeId}`,
      })),
    sites: perSite.get(rest.id) ?? [],
  }));
}

export async function listPools(actor: Actor): Promise<PoolView[]> {
  requireRole(actor, 'viewer');
  const pools = await getDb().poolProfile.findMany({ where: tenantWhere(actor), orderBy: { name: 'asc' } });
  return toViews(actor, pools);
}

/** A pool the actor may see, or 404 (also used by assignments before placing devices on it). */
export async function findVisiblePool(actor: Actor, id: number): Promise<PoolProfile> {
  const pool = await getDb().poolProfile.findFirst({ where: { id, ...tenantWhere(actor) } });
  if (!pool) throw notFound(`Pool ${id}`);
  return pool;
}

export async function getPool(actor: Actor, id: number): Promise<PoolView> {
  requireRole(actor, 'viewer');
  return (await toViews(actor, [await findVisiblePool(actor, id)]))[0]!;
}

export async function createPool(actor: Actor, input: PoolCreate): Promise<PoolView> {
  requireRole(actor, 'operator');
  const urls = validatePoolUrls(input.urls);
  validateTemplate(input.workerTemplate);
  const tenantId = await resolveTenant(actor, input.tenantId);
  const pool = await getDb().poolProfile.create({
    data: { ...input, urls: JSON.stringify(urls), tenantId },
  });
  await recordAudit(actor, 'pool.create', `pool:${pool.id}`, { name: pool.name });
  return getPool(actor, pool.id);
}

export async function updatePool(actor: Actor, id: number, input: PoolUpdate): Promise<PoolView> {
  requireRole(actor, 'operator');
  await findVisiblePool(actor, id);
  const data: Record<string, unknown> = { ...input };
  if (input.urls) data.urls = JSON.stringify(validatePoolUrls(input.urls));
  if (input.workerTemplate !== undefined) validateTemplate(input.workerTemplate);
  if (input.tenantId !== undefined) data.tenantId = await resolveTenant(actor, input.tenantId);
  await getDb().poolProfile.update({ where: { id }, data });
  await recordAudit(actor, 'pool.update', `pool:${id}`, { fields: Object.keys(input) });
  return getPool(actor, id);
}

/** Refused while devices are assigned to the pool; their history keeps the pool's id. */
export async function deletePool(actor: Actor, id: number): Promise<void> {
  requireRole(actor, 'operator');
  await findVisiblePool(actor, id);
  const inUse = await getDb().deviceWorkload.count({ where: { poolId: id, kind: 'pool' } });
  if (inUse > 0) {
    throw conflict(`${inUse} device(s) are assigned to this pool; assign them elsewhere first`, {
      devices: inUse,
    });
  }
  await getDb().poolProfile.delete({ where: { id } });
  await recordAudit(actor, 'pool.delete', `pool:${id}`);
}
