import type { Actor } from '../auth/actor';
import { getDb } from '../db/client';
import { badRequest, forbidden } from '../errors';

/**
 * What an actor may write to: staff (tenantId null) anything; a hosting client only devices of its
 * own tenant, placed in the sites it already uses (where it has machines: the same rule that makes a
 * site visible to it, so a write can never open a site, its racks or its prices to the tenant).
 */
export type WriteScope =
  | { kind: 'staff' }
  | { kind: 'tenant'; tenantId: number; siteIds: ReadonlySet<number> };

export type ScopeIssue = { path: 'tenantId' | 'siteId'; status: 400 | 403; message: string };

export async function loadWriteScope(actor: Actor): Promise<WriteScope> {
  if (actor.tenantId === null) return { kind: 'staff' };
  const sites = await getDb().device.findMany({
    where: { tenantId: actor.tenantId },
    select: { siteId: true },
    distinct: ['siteId'],
  });
  return { kind: 'tenant', tenantId: actor.tenantId, siteIds: new Set(sites.map((s) => s.siteId)) };
}

/** The tenant a new device gets when the input names none: a hosting client's own. */
export function defaultTenantId(scope: WriteScope, given: number | null | undefined): number | null {
  if (given !== undefined) return given;
  return scope.kind === 'tenant' ? scope.tenantId : null;
}

export function siteAllowed(scope: WriteScope, siteId: number): boolean {
  return scope.kind === 'staff' || scope.siteIds.has(siteId);
}

/**
 * Checks a device as it will be after the write (tenant and site; racks are checked to lie in that
 * site by the caller). A site outside the scope reads as unknown, like it does for reads.
 */
export function deviceWriteIssues(
  scope: WriteScope,
  target: { tenantId: number | null; siteId: number },
): ScopeIssue[] {
  if (scope.kind === 'staff') return [];
  const issues: ScopeIssue[] = [];
  if (target.tenantId !== scope.tenantId) {
    issues.push({
      path: 'tenantId',
      status: 403,
      message: `a hosting client's devices belong to its own tenant (${scope.tenantId})`,
    });
  }
  if (!scope.siteIds.has(target.siteId)) {
    issues.push({ path: 'siteId', status: 400, message: `site ${target.siteId} does not exist` });
  }
  return issues;
}

/** Throws the first refusal: 403 for a foreign tenant, else 400 for a site outside the scope. */
export function assertDeviceWrite(scope: WriteScope, target: { tenantId: number | null; siteId: number }) {
  const issues = deviceWriteIssues(scope, target);
  if (issues.length === 0) return;
  const details = issues.map(({ path, message }) => ({ path, message }));
  if (issues.some((i) => i.status === 403))
    throw forbidden('Hosting clients can only register and change their own devices', details);
  throw badRequest('Unknown site', details);
}
