import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { type Actor, requireRole, requireStaff } from '../auth/actor';
import { getDb } from '../db/client';
import { conflict, notFound } from '../errors';
import { safeText } from '../safe-text';
import { isValidTimeZone } from '../time/zone';

const rate = z.number().min(0).max(1_000_000).nullable().optional();

export const TenantCreate = z.strictObject({
  name: safeText(100),
  hostingRateUsdPerKwh: rate,
  hostingRateUsdPerDeviceMonth: rate,
  /** The zone the monthly statement's month is cut in; null = the tenant's site's zone, else the instance's. */
  timezone: z
    .string()
    .max(64)
    .refine(isValidTimeZone, 'Unknown IANA timezone (e.g. America/Chicago)')
    .nullable()
    .optional(),
});
export const TenantUpdate = TenantCreate.partial();
export type TenantCreate = z.infer<typeof TenantCreate>;
export type TenantUpdate = z.infer<typeof TenantUpdate>;

export type TenantView = {
  id: number;
  name: string;
  hostingRateUsdPerKwh: number | null;
  hostingRateUsdPerDeviceMonth: number | null;
  timezone: string | null;
  devices: number;
  users: number;
  createdAt: string;
};

type Row = {
  id: number;
  name: string;
  hostingRateUsdPerKwh: number | null;
  hostingRateUsdPerDeviceMonth: number | null;
  timezone: string | null;
  createdAt: Date;
  _count: { devices: number; users: number };
};
const include = { _count: { select: { devices: true, users: true } } } as const;

function toView(t: Row): TenantView {
  return {
    id: t.id,
    name: t.name,
    hostingRateUsdPerKwh: t.hostingRateUsdPerKwh,
    hostingRateUsdPerDeviceMonth: t.hostingRateUsdPerDeviceMonth,
    timezone: t.timezone,
    devices: t._count.devices,
    users: t._count.users,
    createdAt: t.createdAt.toISOString(),
  };
}

/** Staff see every tenant; a hosting client sees its own only (its terms are its bill's basis). */
export async function listTenants(actor: Actor): Promise<TenantView[]> {
  requireRole(actor, 'viewer');
  const rows = await getDb().tenant.findMany({
    where: actor.tenantId === null ? {} : { id: actor.tenantId },
    include,
    orderBy: { name: 'asc' },
  });
  return rows.map(toView);
}

export async function getTenant(actor: Actor, id: number): Promise<TenantView> {
  requireRole(actor, 'viewer');
  if (actor.tenantId !== null && actor.tenantId !== id) throw notFound(`Tenant ${id}`);
  const row = await getDb().tenant.findUnique({ where: { id }, include });
  if (!row) throw notFound(`Tenant ${id}`);
  return toView(row);
}

async function assertNameFree(name: string, exceptId?: number) {
  const other = await getDb().tenant.findUnique({ where: { name } });
  if (other && other.id !== exceptId) throw conflict(`A tenant named ${name} already exists`);
}

export async function createTenant(actor: Actor, input: TenantCreate): Promise<TenantView> {
  requireStaff(actor, 'admin');
  const data = TenantCreate.parse(input);
  await assertNameFree(data.name);
  const row = await getDb().tenant.create({ data, include });
  await recordAudit(actor, 'tenant.create', `tenant:${row.id}`, data);
  return toView(row);
}

export async function updateTenant(actor: Actor, id: number, input: TenantUpdate): Promise<TenantView> {
  requireStaff(actor, 'admin');
  const data = TenantUpdate.parse(input);
  const existing = await getDb().tenant.findUnique({ where: { id } });
  if (!existing) throw notFound(`Tenant ${id}`);
  if (data.name !== undefined) await assertNameFree(data.name, id);
  const row = await getDb().tenant.update({ where: { id }, data, include });
  await recordAudit(actor, 'tenant.update', `tenant:${id}`, data);
  return toView(row);
}
