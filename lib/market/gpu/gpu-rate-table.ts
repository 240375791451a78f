import { type Actor, requireRole, requireStaff } from '../../auth/actor';
import { invalidCsv } from '../../errors';
import { refreshGpuRates } from '../refresh/refresh-feeds';
import { readGpuRateTable, readMarketSettings, saveGpuRateTable } from '../settings/market-settings';
import type { GpuRateView } from '../views/latest';
import { loadMarketSnapshot } from '../views/snapshot';
import { type GpuRateRow, parseGpuRateCsv } from './gpu-rates';

export type GpuRatesView = {
  source: 'sim' | 'table';
  /** The operator's table (staff only; null for hosting clients). */
  table: GpuRateRow[] | null;
  latest: GpuRateView[];
};

export async function getGpuRates(actor: Actor, now: number): Promise<GpuRatesView> {
  requireRole(actor, 'viewer');
  const snapshot = await loadMarketSnapshot(now);
  return {
    source: snapshot.settings.gpuRates,
    table: actor.tenantId === null ? await readGpuRateTable() : null,
    latest: snapshot.gpuRates.map((g) => ({ ...g, ts: new Date(g.ts).toISOString() })),
  };
}

/** Saves the table and writes this hour's points at once, so the money views use the new rates. */
export async function replaceGpuRates(
  actor: Actor,
  rows: GpuRateRow[],
  via: 'editor' | 'csv',
  now: number,
): Promise<GpuRatesView> {
  await saveGpuRateTable(actor, rows, via);
  await refreshGpuRates(now, { settings: await readMarketSettings() });
  return getGpuRates(actor, now);
}

/** CSV import, all-or-nothing: any bad row returns the per-row report (422) and changes nothing. */
export async function importGpuRatesCsv(actor: Actor, text: string, now: number): Promise<GpuRatesView> {
  // Before parsing: a hosting client learns nothing about the file it may not upload.
  requireStaff(actor, 'operator');
  const parsed = parseGpuRateCsv(text);
  if (!parsed.ok)
    throw invalidCsv(`The file has ${parsed.issues.length} problem(s); nothing was changed`, parsed.issues);
  return replaceGpuRates(actor, parsed.rows, 'csv', now);
}
