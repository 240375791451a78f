import type { Actor } from '../auth/actor';
import { getDb } from '../db/client';
import { empty, queryOne, type Sql, sql } from '../db/raw';
import { notFound } from '../errors';

/** Tenant confinement for raw SQL over `device d`: hosting clients see their own machines only. */
export function deviceScopeSql(actor: Actor): Sql {
  return actor.tenantId === null ? empty : sql`AND d.tenant_id = ${actor.tenantId}`;
}

/** The same confinement as a Prisma `where` fragment. */
export function deviceScopeWhere(actor: Actor): { tenantId?: number } {
  return actor.tenantId === null ? {} : { tenantId: actor.tenantId };
}

/** 404 unless the device exists and lies in the actor's scope (out of scope looks like unknown). */
export async function assertDeviceVisible(actor: Actor, deviceId: number): Promise<void> {
  const row = await queryOne(
    sql`SELECT d.id FROM device d WHERE d.id = ${deviceId} ${deviceScopeSql(actor)}`,
  );
  if (!row) throw notFound(`Device ${deviceId}`);
}

/** A site is visible to a hosting client when it has machines there (the rule of `getSite`). */
export function siteScopeWhere(actor: Actor, id: number) {
  return actor.tenantId === null ? { id } : { id, devices: { some: { tenantId: actor.tenantId } } };
}

/** 404 unless the site exists and lies in the actor's scope. */
export async function assertSiteVisible(actor: Actor, siteId: number): Promise<void> {
  const site = await getDb().site.findFirst({ where: siteScopeWhere(actor, siteId), select: { id: true } });
  if (!site) throw notFound(`Site ${siteId}`);
}
