// Notification targets (webhook URLs, e-mail addresses): admin only, they leave the building.
import { recordAudit } from '../../audit/record';
import { type Actor, requireStaff } from '../../auth/actor';
import { getDb } from '../../db/client';
import type { NotificationTarget } from '../../db/generated/sqlite/client';
import { badRequest, notFound } from '../../errors';
import type { TargetCreate, TargetUpdate } from '../schemas';

const view = (t: NotificationTarget) => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  address: t.address,
  minSeverity: t.minSeverity,
  ruleIds: t.ruleIds ? (JSON.parse(t.ruleIds) as number[]) : null,
  enabled: t.enabled,
});

export type TargetView = ReturnType<typeof view> & {
  /** The newest delivery attempt to this target, if any: a target that is down shows here first. */
  lastAttempt: { ts: string; statusCode: number | null; error: string | null } | null;
  pending: number;
};

function checkAddress(input: Pick<TargetCreate, 'kind' | 'address'>) {
  if (input.kind === 'webhook') {
    let url: URL | null = null;
    try {
      url = new URL(input.address);
    } catch {}
    if (!url || !['http:', 'https:'].includes(url.protocol))
      throw badRequest('A webhook needs an http(s) URL');
  } else if (!/^[^\s@]+@[^\s@]+$/.test(input.address)) {
    throw badRequest('Not an e-mail address');
  }
}

export async function listTargets(actor: Actor): Promise<TargetView[]> {
  requireStaff(actor, 'admin');
  const db = getDb();
  const targets = await db.notificationTarget.findMany({ orderBy: { id: 'asc' } });
  if (targets.length === 0) return [];
  // Three queries for the whole list, not per target: pending counts, each target's latest
  // attempted message, and that message's latest delivery attempt.
  const targetId = { in: targets.map((t) => t.id) };
  const [pendingRows, lastRows] = await Promise.all([
    db.notificationOutbox.groupBy({
      by: ['targetId'],
      where: { targetId, status: 'pending' },
      _count: { _all: true },
    }),
    db.notificationOutbox.groupBy({
      by: ['targetId'],
      where: { targetId, attempts: { gt: 0 } },
      _max: { id: true },
    }),
  ]);
  const pending = new Map(pendingRows.map((r) => [r.targetId, r._count._all]));
  const lastOutbox = new Map(lastRows.map((r) => [r.targetId, r._max.id]));
  const outboxIds = [...lastOutbox.values()].filter((id): id is number => id !== null);
  const deliveries = outboxIds.length
    ? await db.notificationDelivery.findMany({
        where: { outboxId: { in: outboxIds } },
        orderBy: { id: 'asc' },
      })
    : [];
  const lastAttempt = new Map(deliveries.map((d) => [d.outboxId, d]));
  return targets.map((t) => {
    const outboxId = lastOutbox.get(t.id);
    const attempt = outboxId == null ? undefined : lastAttempt.get(outboxId);
    return {
      ...view(t),
      pending: pending.get(t.id) ?? 0,
      lastAttempt: attempt
        ? {
            ts: new Date(Number(attempt.ts)).toISOString(),
            statusCode: attempt.statusCode,
            error: attempt.error,
          }
        : null,
    };
  });
}

export async function updateTarget(actor: Actor, id: number, input: TargetUpdate) {
  requireStaff(actor, 'admin');
  const db = getDb();
  const existing = await db.notificationTarget.findUnique({ where: { id } });
  if (!existing) throw notFound(`Notification target ${id}`);
  if (input.address !== undefined)
    checkAddress({ kind: existing.kind as TargetCreate['kind'], address: input.address });
  const row = await db.notificationTarget.update({
    where: { id },
    data: {
      name: input.name,
      address: input.address,
      minSeverity: input.minSeverity,
      ruleIds: input.ruleIds === undefined ? undefined : input.ruleIds ? JSON.stringify(input.ruleIds) : null,
      enabled: input.enabled,
    },
  });
  await recordAudit(actor, 'notification_target.update', `notification_target:${id}`, {
    fields: Object.keys(input),
  });
  return view(row);
}

export async function createTarget(actor: Actor, input: TargetCreate, now = Date.now()) {
  requireStaff(actor, 'admin');
  checkAddress(input);
  const row = await getDb().notificationTarget.create({
    data: {
      name: input.name,
      kind: input.kind,
      address: input.address,
      minSeverity: input.minSeverity,
      ruleIds: input.ruleIds ? JSON.stringify(input.ruleIds) : null,
      enabled: input.enabled,
      createdAt: BigInt(now),
    },
  });
  await recordAudit(actor, 'notification_target.create', `notification_target:${row.id}`, { kind: row.kind });
  return view(row);
}

export async function deleteTarget(actor: Actor, id: number) {
  requireStaff(actor, 'admin');
  if (!(await getDb().notificationTarget.findUnique({ where: { id } })))
    throw notFound(`Notification target ${id}`);
  await getDb().notificationTarget.delete({ where: { id } });
  await recordAudit(actor, 'notification_target.delete', `notification_target:${id}`);
}

/** The delivery log of one alert's notifications (newest first). */
export async function listDeliveries(actor: Actor, alertId: number) {
  requireStaff(actor, 'viewer');
  const outbox = await getDb().notificationOutbox.findMany({ where: { alertId }, orderBy: { id: 'asc' } });
  const attempts = await getDb().notificationDelivery.findMany({
    where: { outboxId: { in: outbox.map((o) => o.id) } },
    orderBy: { id: 'desc' },
  });
  return outbox.map((o) => ({
    id: o.id,
    targetId: o.targetId,
    event: o.event,
    status: o.status,
    attempts: attempts
      .filter((a) => a.outboxId === o.id)
      .map((a) => ({
        attempt: a.attempt,
        ts: new Date(Number(a.ts)).toISOString(),
        statusCode: a.statusCode,
        error: a.error,
      })),
  }));
}
