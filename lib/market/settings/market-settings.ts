import { recordAudit } from '../../audit/record';
import { type Actor, requireStaff } from '../../auth/actor';
import { getDb } from '../../db/client';
import { getEnv } from '../../env';
import { isEnvelope, SecretError } from '../../secrets/envelope';
import { decryptSecret, encryptSecret } from '../../secrets/secrets';
import { DEFAULT_GPU_RATES, type GpuRateRow, GpuRateTableSchema } from '../gpu/gpu-rates';
import {
  applySettingsUpdate,
  changedKeys,
  type MarketSettingsUpdate,
  type MarketSettingsView,
  maskSettings,
  PROVIDER_CONFIG_FIELDS,
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

// Provider secrets (API keys, tokens, passwords: the registry's `type: 'secret'` fields) are stored
// sealed with the server secret (lib/secrets), each bound to its provider and field by the aad. A
// value saved in plain text by an older version is still read, and sealed by the next save, by
// sealPlaintextMarketSecrets() at start-up and migration, and by `secrets:rotate`.

export function marketSecretAad(providerId: string, key: string): string {
  return `setting:${SETTINGS_KEY}:${providerId}.${key}`;
}

function secretKeys(providerId: string): string[] {
  return (PROVIDER_CONFIG_FIELDS[providerId] ?? []).filter((f) => f.type === 'secret').map((f) => f.key);
}

/** Every stored secret value with its place, sealed or (legacy) plain. */
function storedSecrets(settings: StoredMarketSettings) {
  return Object.entries(settings.config).flatMap(([providerId, values]) =>
    secretKeys(providerId)
      .filter((key) => values[key])
      .map((key) => ({ providerId, key, value: values[key] as string })),
  );
}

function mapSecrets(
  settings: StoredMarketSettings,
  fn: (value: string, aad: string) => string | undefined,
): StoredMarketSettings {
  const config = structuredClone(settings.config);
  for (const { providerId, key, value } of storedSecrets(settings)) {
    const next = fn(value, marketSecretAad(providerId, key));
    const values = config[providerId] as Record<string, string>;
    if (next === undefined) delete values[key];
    else values[key] = next;
  }
  return { ...settings, config };
}

/** Seals every secret not sealed yet (new values and legacy plain text). */
function sealSecrets(settings: StoredMarketSettings): StoredMarketSettings {
  return mapSecrets(settings, (value, aad) => (isEnvelope(value) ? value : encryptSecret(value, aad)));
}

/**
 * Opens the sealed secrets. A value that does not open (sealed with a key this server no longer
 * has) counts as not set: the provider reports the missing key and the admin enters it again.
 */
function openSecrets(settings: StoredMarketSettings): StoredMarketSettings {
  return mapSecrets(settings, (value, aad) => {
    if (!isEnvelope(value)) return value;
    try {
      return decryptSecret(value, aad);
    } catch (error) {
      if (error instanceof SecretError) return undefined;
      throw error;
    }
  });
}

async function readStoredSettings(): Promise<StoredMarketSettings> {
  return parseStoredSettings(await readSetting(SETTINGS_KEY));
}

/** The stored settings with secrets in clear: for the refresh jobs only, never for a response. */
export async function readMarketSettings(): Promise<StoredMarketSettings> {
  return openSecrets(await readStoredSettings());
}

/** Seals provider secrets an older version stored in plain text; returns how many. */
export async function sealPlaintextMarketSecrets(): Promise<number> {
  const raw = await readSetting(SETTINGS_KEY);
  if (!raw) return 0;
  const stored = parseStoredSettings(raw);
  const plain = storedSecrets(stored).filter((s) => !isEnvelope(s.value)).length;
  if (plain > 0) await writeSetting(SETTINGS_KEY, sealSecrets(stored));
  return plain;
}

/** For `secrets:rotate`: every stored provider secret as it is in the row (id = "provider.key"). */
export async function listStoredMarketSecrets(): Promise<{ id: string; value: string; aad: string }[]> {
  return storedSecrets(await readStoredSettings()).map((s) => ({
    id: `${s.providerId}.${s.key}`,
    value: s.value,
    aad: marketSecretAad(s.providerId, s.key),
  }));
}

/** For `secrets:rotate`: replaces one stored (sealed) provider secret. */
export async function writeStoredMarketSecret(id: string, sealed: string): Promise<void> {
  const [providerId, key] = id.split('.') as [string, string];
  const stored = await readStoredSettings();
  const values = stored.config[providerId];
  if (!values?.[key]) return;
  values[key] = sealed;
  await writeSetting(SETTINGS_KEY, stored);
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
  await writeSetting(SETTINGS_KEY, sealSecrets(next));
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
