import { recordAudit } from '../../audit/record';
import { type Actor, requireStaff } from '../../auth/actor';
import { getDb } from '../../db/client';
import { getEnv } from '../../env';
import { DEFAULT_GPU_RATES, type GpuRateRow, GpuRateTableSchema } from '../gpu/gpu-rates';
import {
  applySettingsUpdate,
  changedKeys,
  type MarketSettingsUpdate,
  type MarketSettingsView,
  maskSettings,
  parseStoredSettings,
  type StoredMarketSettings,
} from './schema';

const SETTINGS_KEY = 'market.settings';
const GPU_TABLE_KEY = 'market.gpu_rate_table';

async function readSetting(key: string): Promise<string | null> {
  const row = await getDb().setting.findUnique({ where: { key } });
  return row?.value ?? null;
}

async function writeSetting(key: string, value: unknown) {
  const text = JSON.stringify(value);
  await getDb().setting.upsert({ where: { key }, create: { key, value: text }, update: { value: text } });
}

/** The stored settings with secrets in clear: for the refresh jobs only, never for a response. */
export async function readMarketSettings(): Promise<StoredMarketSettings> {
  return parseStoredSettings(await readSetting(SETTINGS_KEY));
}

export function effectiveEurUsd(settings: Pick<StoredMarketSettings, 'eurUsd'>): number {
  return settings.eurUsd ?? getEnv().SWITCHYARD_EUR_USD;
}

/** Fleet-wide market settings, secrets masked. Hosting clients may not see them. */
export async function getMarketSettings(actor: Actor): Promise<MarketSettingsView> {
  requireStaff(actor, 'viewer');
  return maskSettings(await readMarketSettings(), getEnv().SWITCHYARD_EUR_USD);
}

export async function updateMarketSettings(
  actor: Actor,
  update: MarketSettingsUpdate,
): Promise<MarketSettingsView> {
  requireStaff(actor, 'admin');
  const next = applySettingsUpdate(await readMarketSettings(), update);
  await writeSetting(SETTINGS_KEY, next);
  await recordAudit(actor, 'settings.market.update', 'settings:market', { changed: changedKeys(update) });
  return maskSettings(next, getEnv().SWITCHYARD_EUR_USD);
}

/** The operator's GPU rate table; the planning defaults until one is saved. */
export async function readGpuRateTable(): Promise<GpuRateRow[]> {
  const text = await readSetting(GPU_TABLE_KEY);
  if (!text) return [...DEFAULT_GPU_RATES];
  try {
    const parsed = GpuRateTableSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [...DEFAULT_GPU_RATES];
  } catch {
    return [...DEFAULT_GPU_RATES];
  }
}

export async function getGpuRateTable(actor: Actor): Promise<GpuRateRow[]> {
  requireStaff(actor, 'viewer');
  return readGpuRateTable();
}

export async function saveGpuRateTable(
  actor: Actor,
  rows: GpuRateRow[],
  via: 'editor' | 'csv',
): Promise<GpuRateRow[]> {
  requireStaff(actor, 'operator');
  const table = GpuRateTableSchema.parse(rows);
  await writeSetting(GPU_TABLE_KEY, table);
  await recordAudit(actor, 'settings.gpu_rates.update', 'settings:gpu_rates', {
    via,
    models: table.map((r) => `${r.gpuModel}=${r.usdPerGpuH}`),
  });
  return table;
}
