import type { z } from 'zod';
import { recordAudit } from '../audit/record';
import { type Actor, requireRole, requireStaff } from '../auth/actor';
import { getDb } from '../db/client';
import { conflict, notFound } from '../errors';
import type { RackCreate } from './schemas';
import { getSite } from './sites';

export async function listRacks(actor: Actor, siteId: number) {
  requireRole(actor, 'viewer');
  await getSite(actor, siteId);
  return getDb().rack.findMany({ where: { siteId }, orderBy: { name: 'asc' } });
}

export async function createRack(actor: Actor, siteId: number, input: z.infer<typeof RackCreate>) {
  requireStaff(actor, 'operator');
  if (!(await getDb().site.findUnique({ where: { id: siteId } }))) throw notFound(`Site ${siteId}`);
  if (await getDb().rack.findUnique({ where: { siteId_name: { siteId, name: input.name } } })) {
    throw conflict(`Rack ${input.name} already exists in this site`, { path: 'name' });
  }
  const rack = await getDb().rack.create({ data: { ...input, siteId } });
  await recordAudit(actor, 'rack.create', `rack:${rack.id}`, { siteId, name: rack.name });
  return rack;
}
