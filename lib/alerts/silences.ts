// Silences: a scope (and optionally one rule) muted for a time window. Staff only: a silence
// acts fleet-wide, so hosting clients may read none of them.
import { recordAudit } from '../audit/record';
import { type Actor, requireStaff } from '../auth/actor';
import { getDb } from '../db/client';
import type { AlertSilence } from '../db/generated/sqlite/client';
import { badRequest, notFound } from '../errors';
import type { SilenceCreate, SilenceUpdate } from './schemas';
import type { Scope } from './types';

export type SilenceView = {
  id: number;
  ruleId: number | null;
  scope: Scope;
  startsAt: string;
  endsAt: string;
  comment: string | null;
  createdBy: string;
  active: boolean;
};

const ms = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v));

function view(row: AlertSilence, now: number): SilenceView {
  return {
    id: row.id,
    ruleId: row.ruleId,
    scope: JSON.parse(row.scope) as Scope,
    startsAt: new Date(Number(row.startsAt)).toISOString(),
    endsAt: new Date(Number(row.endsAt)).toISOString(),
    comment: row.comment,
    createdBy: row.createdBy,
    active: Number(row.startsAt) <= now && now < Number(row.endsAt),
  };
}

export async function listSilences(actor: Actor, now = Date.now()): Promise<SilenceView[]> {
  requireStaff(actor, 'viewer');
  const rows = await getDb().alertSilence.findMany({ orderBy: { id: 'desc' }, take: 500 });
  return rows.map((r) => view(r, now));
}

export async function createSilence(
  actor: Actor,
  input: SilenceCreate,
  now = Date.now(),
): Promise<SilenceView> {
  requireStaff(actor, 'operator');
  const startsAt = input.startsAt === undefined ? now : ms(input.startsAt);
  const endsAt = ms(input.endsAt);
  if (!(endsAt > startsAt))
    throw badRequest('endsAt must be after startsAt', [{ path: 'endsAt', message: 'not after startsAt' }]);
  if (input.ruleId != null && !(await getDb().alertRule.findUnique({ where: { id: input.ruleId } }))) {
    throw notFound(`Alert rule ${input.ruleId}`);
  }
  const row = await getDb().alertSilence.create({
    data: {
      ruleId: input.ruleId ?? null,
      scope: JSON.stringify(input.scope),
      startsAt: BigInt(startsAt),
      endsAt: BigInt(endsAt),
      comment: input.comment ?? null,
      createdBy: actor.name,
      createdAt: BigInt(now),
    },
  });
  await recordAudit(actor, 'alert_silence.create', `alert_silence:${row.id}`, { scope: input.scope, endsAt });
  return view(row, now);
}

export async function updateSilence(actor: Actor, id: number, input: SilenceUpdate, now = Date.now()) {
  requireStaff(actor, 'operator');
  const existing = await getDb().alertSilence.findUnique({ where: { id } });
  if (!existing) throw notFound(`Silence ${id}`);
  const endsAt = ms(input.endsAt);
  if (!(endsAt > Number(existing.startsAt))) throw badRequest('endsAt must be after startsAt');
  const row = await getDb().alertSilence.update({
    where: { id },
    data: { endsAt: BigInt(endsAt), ...(input.comment !== undefined && { comment: input.comment }) },
  });
  await recordAudit(actor, 'alert_silence.update', `alert_silence:${id}`, { endsAt });
  return view(row, now);
}

export async function deleteSilence(actor: Actor, id: number): Promise<void> {
  requireStaff(actor, 'operator');
  const existing = await getDb().alertSilence.findUnique({ where: { id } });
  if (!existing) throw notFound(`Silence ${id}`);
  await getDb().alertSilence.delete({ where: { id } });
  await recordAudit(actor, 'alert_silence.delete', `alert_silence:${id}`);
}
