import type { Actor } from '../auth/actor';
import { empty, type Sql, sql } from '../db/raw';

/** Tenant confinement for raw SQL over `device d`: hosting clients see their own machines only. */
export function deviceScopeSql(actor: Actor): Sql {
  return actor.tenantId === null ? empty : sql`AND d.tenant_id = ${actor.tenantId}`;
}

/** The same confinement as a Prisma `where` fragment. */
export function deviceScopeWhere(actor: Actor): { tenantId?: number } {
  return actor.tenantId === null ? {} : { tenantId: actor.tenantId };
}
