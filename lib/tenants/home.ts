// A hosting client's home: its machines live, and this month so far — uptime, energy and the bill
// from the same reports the provider exports (lib/reports), so the two can never disagree.
import { type Actor, requireRole } from '../auth/actor';
import { notFound } from '../errors';
import { getReport } from '../reports/get-report';
import { getFleetNow } from '../telemetry/fleet-now';
import { getTenant, type TenantView } from './tenants';

export type TenantBill = {
  energyKwh: number | null;
  itEnergyKwh: number | null;
  deviceMonths: number | null;
  hostingChargeUsd: number | null;
};

export type TenantHome = {
  tenant: TenantView;
  /** The month so far, UTC: [from, to). */
  from: string;
  to: string;
  devices: number;
  reporting: number;
  statusCounts: Record<string, number>;
  hashrateThs: number;
  powerW: number;
  uptimePct: number | null;
  bill: TenantBill;
};

/** Pure: the first instant of `nowMs`'s month in UTC. */
export function monthStartUtc(nowMs: number): number {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The home of the actor's tenant. Staff may pass a tenant to see exactly what its users see: the
 * reads then run as a viewer of that tenant, so nothing of anyone else's can appear.
 */
export async function getTenantHome(actor: Actor, nowMs: number, tenantId?: number): Promise<TenantHome> {
  requireRole(actor, 'viewer');
  const id = actor.tenantId ?? tenantId;
  if (id === undefined) throw notFound('Tenant home');
  const client: Actor = actor.tenantId === null ? { ...actor, tenantId: id, role: 'viewer' } : actor;
  const tenant = await getTenant(client, id);
  const fromMs = monthStartUtc(nowMs);
  const query = {
    from: new Date(fromMs).toISOString(),
    to: new Date(Math.max(nowMs, fromMs + 1)).toISOString(),
  };
  const [live, energy, performance] = await Promise.all([
    getFleetNow(client, undefined, nowMs),
    getReport(client, 'energy', query, nowMs),
    getReport(client, 'performance', query, nowMs),
  ]);
  const row = energy.sections.find((s) => s.name === 'tenants')?.rows.find((r) => r.tenant === tenant.name);
  return {
    tenant,
    ...query,
    devices: live.devices,
    reporting: live.reporting,
    statusCounts: live.statusCounts,
    hashrateThs: live.hashrateThs,
    powerW: live.powerW,
    uptimePct: num(performance.totals.uptimePct),
    bill: {
      energyKwh: num(row?.energyKwh),
      itEnergyKwh: num(row?.itEnergyKwh),
      deviceMonths: num(row?.deviceMonths),
      hostingChargeUsd: num(row?.hostingChargeUsd),
    },
  };
}
