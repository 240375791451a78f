import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { type Actor, requireStaff } from '../auth/actor';
import { getDb } from '../db/client';
import { badRequest } from '../errors';

export const DeviceMove = z.strictObject({
  deviceIds: z.array(z.number().int().positive()).min(1).max(10_000),
  /** null: back to the operator's own fleet. */
  tenantId: z.number().int().positive().nullable(),
});
export type DeviceMove = z.infer<typeof DeviceMove>;

/**
 * Moves devices to a tenant in one transaction, recording each change with its time in
 * `device_tenant_move` (a hosting bill splits a month there) and once in the audit log.
 * Unknown ids refuse the whole move; devices already in the target tenant are left alone.
 */
export async function moveDevices(actor: Actor, input: DeviceMove, now: number) {
  requireStaff(actor, 'admin');
  const { deviceIds, tenantId } = DeviceMove.parse(input);
  const ids = [...new Set(deviceIds)];
  const db = getDb();
  if (tenantId !== null && !(await db.tenant.findUnique({ where: { id: tenantId } })))
    throw badRequest('Unknown tenant', [{ path: 'tenantId', message: `tenant ${tenantId} does not exist` }]);
  const devices = await db.device.findMany({
    where: { id: { in: ids } },
    select: { id: true, tenantId: true },
  });
  const found = new Set(devices.map((d) => d.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw badRequest('Unknown devices', [
      { path: 'deviceIds', message: `unknown: ${missing.slice(0, 20).join(', ')}` },
    ]);
  const moving = devices.filter((d) => d.tenantId !== tenantId);
  await db.$transaction([
    db.device.updateMany({ where: { id: { in: moving.map((d) => d.id) } }, data: { tenantId } }),
    db.deviceTenantMove.createMany({
      data: moving.map((d) => ({
        deviceId: d.id,
        fromTenantId: d.tenantId,
        toTenantId: tenantId,
        movedAt: BigInt(now),
        actorName: actor.name.slice(0, 200),
      })),
    }),
  ]);
  await recordAudit(actor, 'device.move_tenant', tenantId === null ? 'tenant:none' : `tenant:${tenantId}`, {
    moved: moving.length,
    unchanged: ids.length - moving.length,
    deviceIds: moving.slice(0, 100).map((d) => d.id),
  });
  return {
    moved: moving.length,
    unchanged: ids.length - moving.length,
    tenantId,
    movedAt: new Date(now).toISOString(),
  };
}

export type TenantSpan = { tenantId: number | null; from: number; to: number };

/**
 * Pure: who held a device over [from, to) given its moves (sorted or not) and its tenant now. The
 * hosting bill charges each tenant for its own spans only.
 */
export function tenantSpans(
  moves: { fromTenantId: number | null; toTenantId: number | null; movedAt: number }[],
  currentTenantId: number | null,
  from: number,
  to: number,
): TenantSpan[] {
  const sorted = [...moves].sort((a, b) => a.movedAt - b.movedAt);
  const inRange = sorted.filter((m) => m.movedAt > from && m.movedAt < to);
  const before = sorted.filter((m) => m.movedAt <= from).at(-1);
  const after = sorted.find((m) => m.movedAt >= to);
  let holder: number | null;
  if (before) holder = before.toTenantId;
  else if (inRange[0]) holder = inRange[0].fromTenantId;
  else if (after) holder = after.fromTenantId;
  else holder = currentTenantId;
  const spans: TenantSpan[] = [];
  let start = from;
  for (const m of inRange) {
    if (m.movedAt > start) spans.push({ tenantId: holder, from: start, to: m.movedAt });
    holder = m.toTenantId;
    start = m.movedAt;
  }
  if (to > start) spans.push({ tenantId: holder, from: start, to });
  return spans;
}
