// What a report may read: the sites, devices and tenants in the actor's scope and the filters.
// A hosting client sees only device-hours its tenant held (tenancy history), whatever it asks for.
import { type Actor, requireRole } from '../auth/actor';
import { empty, join, queryRows, sql } from '../db/raw';
import { notFound } from '../errors';
import type { SiteInfo, TenantInfo } from './facts';
import { movesByDevice, type TenantMove } from './tenancy';

export type ReportFilters = { siteId?: number; tenantId?: number; deviceClass?: 'asic' | 'micro' | 'gpu' };

export type ReportScope = {
  /** The tenant whose device-hours count; undefined = every tenant and the own fleet. */
  tenantId: number | undefined;
  sites: Map<number, SiteInfo & { contract: Record<string, unknown> }>;
  devices: Map<
    number,
    {
      name: string;
      serial: string;
      deviceClass: string;
      siteId: number;
      tenantId: number | null;
      status: string;
    }
  >;
  moves: Map<number, TenantMove[]>;
  tenants: Map<number, TenantInfo>;
};

export async function loadScope(actor: Actor, filters: ReportFilters): Promise<ReportScope> {
  requireRole(actor, 'viewer');
  if (actor.tenantId !== null && filters.tenantId !== undefined && filters.tenantId !== actor.tenantId)
    throw notFound(`Tenant ${filters.tenantId}`);
  const tenantId = actor.tenantId ?? filters.tenantId;
  const siteRows = await queryRows(
    sql`SELECT s.* FROM site s ${filters.siteId === undefined ? empty : sql`WHERE s.id = ${filters.siteId}`} ORDER BY s.name`,
  );
  if (filters.siteId !== undefined && siteRows.length === 0) throw notFound(`Site ${filters.siteId}`);
  const tenantSql =
    tenantId === undefined
      ? empty
      : sql`AND (d.tenant_id = ${tenantId} OR EXISTS (SELECT 1 FROM device_tenant_move m WHERE m.device_id = d.id
          AND (m.from_tenant_id = ${tenantId} OR m.to_tenant_id = ${tenantId})))`;
  const conditions = [sql`1 = 1`];
  if (filters.siteId !== undefined) conditions.push(sql`d.site_id = ${filters.siteId}`);
  if (filters.deviceClass) conditions.push(sql`dm.class = ${filters.deviceClass}`);
  const deviceRows = await queryRows(
    sql`SELECT d.id, d.name, d.serial, d.site_id, d.tenant_id, d.status, dm.class FROM device d
      JOIN device_model dm ON dm.id = d.model_id WHERE ${join(conditions, ' AND ')} ${tenantSql}`,
  );
  const devices = new Map(
    deviceRows.map((r) => [
      Number(r.id),
      {
        name: String(r.name),
        serial: String(r.serial),
        deviceClass: String(r.class),
        siteId: Number(r.site_id),
        tenantId: r.tenant_id == null ? null : Number(r.tenant_id),
        status: String(r.status),
      },
    ]),
  );
  const usedSites = new Set([...devices.values()].map((d) => d.siteId));
  // A hosting client sees the sites where it has (or had) machines, nothing else.
  if (
    tenantId !== undefined &&
    actor.tenantId !== null &&
    filters.siteId !== undefined &&
    !usedSites.has(filters.siteId)
  )
    throw notFound(`Site ${filters.siteId}`);
  const sites = new Map(
    siteRows
      .filter((r) => actor.tenantId === null || usedSites.has(Number(r.id)))
      .map((r) => [
        Number(r.id),
        {
          id: Number(r.id),
          name: String(r.name),
          timezone: String(r.timezone),
          pue: Number(r.pue),
          poolFeePct: Number(r.pool_fee_pct),
          contract: r,
        },
      ]),
  );
  const moveRows = await queryRows(
    sql`SELECT device_id, from_tenant_id, to_tenant_id, moved_at FROM device_tenant_move ORDER BY moved_at`,
  );
  const moves = movesByDevice(
    moveRows
      .filter((r) => devices.has(Number(r.device_id)))
      .map((r) => ({
        deviceId: Number(r.device_id),
        fromTenantId: r.from_tenant_id == null ? null : Number(r.from_tenant_id),
        toTenantId: r.to_tenant_id == null ? null : Number(r.to_tenant_id),
        movedAt: Number(r.moved_at),
      })),
  );
  const tenantRows = await queryRows(
    sql`SELECT id, name, hosting_rate_usd_per_kwh, hosting_rate_usd_per_device_month FROM tenant
      ${tenantId === undefined ? empty : sql`WHERE id = ${tenantId}`}`,
  );
  const tenants = new Map(
    tenantRows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        name: String(r.name),
        hostingRateUsdPerKwh: r.hosting_rate_usd_per_kwh == null ? null : Number(r.hosting_rate_usd_per_kwh),
        hostingRateUsdPerDeviceMonth:
          r.hosting_rate_usd_per_device_month == null ? null : Number(r.hosting_rate_usd_per_device_month),
      },
    ]),
  );
  return { tenantId, sites, devices, moves, tenants };
}
