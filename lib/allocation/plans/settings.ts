// Automatic mode and plan guardrails per site (allocation_site_setting); a site without a row has
// the defaults: automatic mode off, every 15 minutes, 24-hour horizon, 20 % switches, no quiet hours.
import { recordAudit } from '../../audit/record';
import { type Actor, requireStaff } from '../../auth/actor';
import { getDb } from '../../db/client';
import { badRequest } from '../../errors';
import { DEFAULT_SITE_PLAN_SETTINGS, type SitePlanSettings } from '../inputs';
import type { AutoSettingsUpdate } from './schemas';

export type AutoSettings = {
  siteId: number;
  name: string;
  autoEnabled: boolean;
  intervalMin: number;
  horizonH: number;
  maxSwitchPct: number;
  quietHours: number[];
  lastRunAt: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
};

export const AUTO_DEFAULTS = { autoEnabled: false, intervalMin: 15, horizonH: 24 };

function parseHours(text: string): number[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((h): h is number => Number.isInteger(h) && h >= 0 && h < 24) : [];
  } catch {
    return [];
  }
}

type Row = Awaited<ReturnType<ReturnType<typeof getDb>['allocationSiteSetting']['findMany']>>[number];

function view(site: { id: number; name: string }, row: Row | undefined): AutoSettings {
  return {
    siteId: site.id,
    name: site.name,
    autoEnabled: row?.autoEnabled ?? AUTO_DEFAULTS.autoEnabled,
    intervalMin: row?.intervalMin ?? AUTO_DEFAULTS.intervalMin,
    horizonH: row?.horizonH ?? AUTO_DEFAULTS.horizonH,
    maxSwitchPct: row?.maxSwitchPct ?? DEFAULT_SITE_PLAN_SETTINGS.maxSwitchPct,
    quietHours: row ? parseHours(row.quietHours) : DEFAULT_SITE_PLAN_SETTINGS.quietHours,
    lastRunAt: row?.lastRunAt ? new Date(Number(row.lastRunAt)).toISOString() : null,
    updatedAt: row ? new Date(Number(row.updatedAt)).toISOString() : null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** Every site with its settings (defaults filled in). */
export async function readAutoSettings(): Promise<AutoSettings[]> {
  const db = getDb();
  const [sites, rows] = await Promise.all([
    db.site.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } }),
    db.allocationSiteSetting.findMany(),
  ]);
  const bySite = new Map(rows.map((r) => [r.siteId, r]));
  return sites.map((s) => view(s, bySite.get(s.id)));
}

export async function listAutoSettings(actor: Actor): Promise<{ sites: AutoSettings[] }> {
  requireStaff(actor, 'viewer');
  return { sites: await readAutoSettings() };
}

/** The guardrail knobs of the plans, per site id. */
export async function sitePlanSettings(): Promise<Map<number, SitePlanSettings>> {
  const rows = await getDb().allocationSiteSetting.findMany();
  return new Map(
    rows.map((r) => [r.siteId, { maxSwitchPct: r.maxSwitchPct, quietHours: parseHours(r.quietHours) }]),
  );
}

export async function updateAutoSettings(
  actor: Actor,
  input: AutoSettingsUpdate,
  now: number,
): Promise<AutoSettings> {
  requireStaff(actor, 'operator');
  const db = getDb();
  const site = await db.site.findUnique({ where: { id: input.siteId }, select: { id: true, name: true } });
  if (!site)
    throw badRequest(`Site ${input.siteId} does not exist`, [{ path: 'siteId', message: 'Unknown site' }]);
  const data = {
    ...(input.autoEnabled !== undefined && { autoEnabled: input.autoEnabled }),
    ...(input.intervalMin !== undefined && { intervalMin: input.intervalMin }),
    ...(input.horizonH !== undefined && { horizonH: input.horizonH }),
    ...(input.maxSwitchPct !== undefined && { maxSwitchPct: input.maxSwitchPct }),
    ...(input.quietHours !== undefined && {
      quietHours: JSON.stringify([...new Set(input.quietHours)].sort((a, b) => a - b)),
    }),
    updatedAt: BigInt(now),
    updatedBy: actor.name.slice(0, 200),
  };
  const row = await db.allocationSiteSetting.upsert({
    where: { siteId: site.id },
    create: { siteId: site.id, ...data },
    update: data,
  });
  await recordAudit(actor, 'allocation.auto.update', `site:${site.id}`, { ...input });
  return view(site, row);
}

/** The automatic tick records when it last planned a site. */
export async function markAutoRun(siteIds: number[], now: number): Promise<void> {
  if (siteIds.length === 0) return;
  await getDb().allocationSiteSetting.updateMany({
    where: { siteId: { in: siteIds } },
    data: { lastRunAt: BigInt(now) },
  });
}
