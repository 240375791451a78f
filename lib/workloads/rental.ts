// GPU spot rental settings: spare GPUs offered at the GPU-rate table's $/GPU-h with a utilisation
// assumption (marketplace hosts are rarely rented 100 % of the time). A site may override the
// fleet default (siteId null).
import { recordAudit } from '../audit/record';
import { type Actor, requireRole, requireStaff } from '../auth/actor';
import { getDb } from '../db/client';
import { badRequest } from '../errors';
import { loadMarketSnapshot } from '../market/views/snapshot';
import type { RentalSettingsUpdate } from './schemas';

export type RentalSettings = {
  siteId: number | null;
  enabled: boolean;
  utilisationPct: number;
  minUsdPerGpuHour: number | null;
};

export const DEFAULT_RENTAL: RentalSettings = {
  siteId: null,
  enabled: true,
  utilisationPct: 60,
  minUsdPerGpuHour: null,
};

export async function listRentalSettings(
  actor: Actor,
): Promise<{ default: RentalSettings; sites: RentalSettings[] }> {
  requireRole(actor, 'viewer');
  const rows = await getDb().gpuRentalSetting.findMany({ orderBy: { id: 'asc' } });
  const view = (r: (typeof rows)[number]): RentalSettings => ({
    siteId: r.siteId,
    enabled: r.enabled,
    utilisationPct: r.utilisationPct,
    minUsdPerGpuHour: r.minUsdPerGpuHour,
  });
  const fleet = rows.find((r) => r.siteId === null);
  return {
    default: fleet ? view(fleet) : DEFAULT_RENTAL,
    sites: rows.filter((r) => r.siteId !== null).map(view),
  };
}

/** The settings in force at a site: its own row, else the fleet default. */
export async function rentalSettingsFor(siteId: number): Promise<RentalSettings> {
  const rows = await getDb().gpuRentalSetting.findMany({ where: { OR: [{ siteId }, { siteId: null }] } });
  const row = rows.find((r) => r.siteId === siteId) ?? rows.find((r) => r.siteId === null);
  return row
    ? {
        siteId: row.siteId,
        enabled: row.enabled,
        utilisationPct: row.utilisationPct,
        minUsdPerGpuHour: row.minUsdPerGpuHour,
      }
    : DEFAULT_RENTAL;
}

export async function updateRentalSettings(actor: Actor, input: RentalSettingsUpdate, now: number) {
  requireStaff(actor, 'operator');
  const siteId = input.siteId ?? null;
  if (siteId !== null && !(await getDb().site.findUnique({ where: { id: siteId }, select: { id: true } }))) {
    throw badRequest(`Site ${siteId} does not exist`, [{ path: 'siteId', message: 'Unknown site' }]);
  }
  const db = getDb();
  const existing = await db.gpuRentalSetting.findFirst({ where: { siteId } });
  const data = {
    enabled: input.enabled,
    utilisationPct: input.utilisationPct,
    minUsdPerGpuHour: input.minUsdPerGpuHour,
    updatedAt: BigInt(now),
  };
  if (existing) await db.gpuRentalSetting.update({ where: { id: existing.id }, data });
  else
    await db.gpuRentalSetting.create({
      data: { ...DEFAULT_RENTAL, ...stripUndefined(data), siteId, updatedAt: BigInt(now) },
    });
  await recordAudit(
    actor,
    'rental.update',
    siteId === null ? 'rental:default' : `rental:site:${siteId}`,
    input,
  );
  return listRentalSettings(actor);
}

function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Current $/GPU-h per GPU model from the market store (simulated or the operator's table). */
export async function gpuRentalRates(now: number): Promise<Map<string, number>> {
  const snapshot = await loadMarketSnapshot(now);
  return new Map(snapshot.gpuRates.map((r) => [r.gpuModel.toLowerCase(), r.usdPerGpuH]));
}
