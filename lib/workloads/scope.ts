// Tenant confinement of workloads: hosting clients see and change only their own pools and jobs;
// anything out of scope looks unknown (404), like devices in lib/inventory/scope.ts.
import type { Actor } from '../auth/actor';
import { getDb } from '../db/client';
import { badRequest, forbidden } from '../errors';

export function tenantWhere(actor: Actor): { tenantId?: number } {
  return actor.tenantId === null ? {} : { tenantId: actor.tenantId };
}

/**
 * The tenant a new or edited pool/job belongs to: a hosting client's own tenant, always; staff may
 * name any existing tenant or none.
 */
export async function resolveTenant(
  actor: Actor,
  requested: number | null | undefined,
): Promise<number | null> {
  if (actor.tenantId !== null) {
    if (requested != null && requested !== actor.tenantId) {
      throw forbidden('Hosting clients can only create workloads for their own tenant');
    }
    return actor.tenantId;
  }
  if (requested == null) return null;
  const tenant = await getDb().tenant.findUnique({ where: { id: requested }, select: { id: true } });
  if (!tenant)
    throw badRequest(`Tenant ${requested} does not exist`, [{ path: 'tenantId', message: 'Unknown tenant' }]);
  return requested;
}
