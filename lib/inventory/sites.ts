import { recordAudit } from '../audit/record';
import { type Actor, requireRole, requireStaff } from '../auth/actor';
import { getDb } from '../db/client';
import type { Site } from '../db/generated/sqlite/client';
import { queryRows, sql } from '../db/raw';
import { conflict, notFound } from '../errors';
import { SITE_FIELD_KEYS, SiteAfterUpdate, type SiteCreate, type SiteUpdate, type TouBand } from './schemas';
import { deviceScopeSql, siteScopeWhere } from './scope';

export type SiteView = Omit<Site, 'touSchedule' | 'createdAt' | 'updatedAt'> & {
  touSchedule: TouBand[] | null;
  createdAt: string;
  updatedAt: string;
  deviceCount: number;
  rackCount: number;
  statusCounts: Record<string, number>;
  classCounts: Record<string, number>;
  nameplatePowerKw: number;
};

function parseSchedule(text: string | null): TouBand[] | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as TouBand[];
  } catch {
    return null;
  }
}

async function siteStats(actor: Actor, siteIds: number[]) {
  const rows = await queryRows<{
    site_id: number;
    status: string;
    class: string;
    n: number;
    power_w: number;
  }>(
    sql`SELECT d.site_id, d.status, m.class, COUNT(*) AS n, SUM(COALESCE(d.power_target_w, m.nominal_power_w)) AS power_w
        FROM device d JOIN device_model m ON m.id = d.model_id
        WHERE 1 = 1 ${deviceScopeSql(actor)}
        GROUP BY d.site_id, d.status, m.class`,
  );
  const racks = await getDb().rack.groupBy({
    by: ['siteId'],
    _count: { _all: true },
    where: { siteId: { in: siteIds } },
  });
  const stats = new Map<
    number,
    {
      deviceCount: number;
      rackCount: number;
      statusCounts: Record<string, number>;
      classCounts: Record<string, number>;
      nameplatePowerKw: number;
    }
  >();
  for (const id of siteIds)
    stats.set(id, { deviceCount: 0, rackCount: 0, statusCounts: {}, classCounts: {}, nameplatePowerKw: 0 });
  for (const r of rows) {
    const s = stats.get(Number(r.site_id));
    if (!s) continue;
    const n = Number(r.n);
    s.deviceCount += n;
    s.statusCounts[r.status] = (s.statusCounts[r.status] ?? 0) + n;
    s.classCounts[r.class] = (s.classCounts[r.class] ?? 0) + n;
    s.nameplatePowerKw += Number(r.power_w ?? 0) / 1000;
  }
  for (const r of racks) {
    const s = stats.get(r.siteId);
    if (s) s.rackCount = r._count._all;
  }
  return stats;
}

function toView(site: Site, stats: Awaited<ReturnType<typeof siteStats>>): SiteView {
  const { touSchedule, createdAt, updatedAt, ...rest } = site;
  const s = stats.get(site.id) ?? {
    deviceCount: 0,
    rackCount: 0,
    statusCounts: {},
    classCounts: {},
    nameplatePowerKw: 0,
  };
  return {
    ...rest,
    ...s,
    touSchedule: parseSchedule(touSchedule),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** Sites with inventory counts. Hosting clients see only sites where they have machines. */
export async function listSites(actor: Actor): Promise<SiteView[]> {
  requireRole(actor, 'viewer');
  const where = actor.tenantId === null ? {} : { devices: { some: { tenantId: actor.tenantId } } };
  const sites = await getDb().site.findMany({ where, orderBy: { name: 'asc' } });
  const stats = await siteStats(
    actor,
    sites.map((s) => s.id),
  );
  return sites.map((s) => toView(s, stats));
}

export async function getSite(actor: Actor, id: number): Promise<SiteView> {
  requireRole(actor, 'viewer');
  const site = await getDb().site.findFirst({ where: siteScopeWhere(actor, id) });
  if (!site) throw notFound(`Site ${id}`);
  return toView(site, await siteStats(actor, [id]));
}

function toData(input: Partial<SiteCreate>) {
  const { touSchedule, ...rest } = input;
  return touSchedule === undefined
    ? rest
    : { ...rest, touSchedule: touSchedule ? JSON.stringify(touSchedule) : null };
}

export async function createSite(actor: Actor, input: SiteCreate): Promise<SiteView> {
  requireStaff(actor, 'admin');
  if (await getDb().site.findUnique({ where: { name: input.name } }))
    throw conflict(`A site named ${input.name} exists`, { path: 'name' });
  const site = await getDb().site.create({
    data: toData(input) as SiteCreate & { touSchedule?: string | null },
  });
  await recordAudit(actor, 'site.create', `site:${site.id}`, { name: site.name });
  return getSite(actor, site.id);
}

export async function updateSite(actor: Actor, id: number, input: SiteUpdate): Promise<SiteView> {
  requireStaff(actor, 'operator');
  const existing = await getDb().site.findUnique({ where: { id } });
  if (!existing) throw notFound(`Site ${id}`);
  // Validate the contract as it will be after the change, not only the fields sent — over the
  // editable fields only (the row also holds id and timestamps, which no input schema knows).
  const current = Object.fromEntries(
    SITE_FIELD_KEYS.map((key) => [
      key,
      key === 'touSchedule' ? parseSchedule(existing.touSchedule) : existing[key],
    ]),
  );
  SiteAfterUpdate.parse({ ...current, ...input });
  if (
    input.name &&
    input.name !== existing.name &&
    (await getDb().site.findUnique({ where: { name: input.name } }))
  ) {
    throw conflict(`A site named ${input.name} exists`, { path: 'name' });
  }
  await getDb().site.update({
    where: { id },
    data: toData(input) as SiteUpdate & { touSchedule?: string | null },
  });
  await recordAudit(actor, 'site.update', `site:${id}`, input);
  return getSite(actor, id);
}

export async function deleteSite(actor: Actor, id: number) {
  requireStaff(actor, 'admin');
  const site = await getDb().site.findUnique({
    where: { id },
    include: { _count: { select: { devices: true } } },
  });
  if (!site) throw notFound(`Site ${id}`);
  if (site._count.devices > 0)
    throw conflict(`Site ${site.name} still has ${site._count.devices} devices; move or delete them first`);
  await getDb().site.delete({ where: { id } });
  await recordAudit(actor, 'site.delete', `site:${id}`, { name: site.name });
}
