import { z } from 'zod';
import { type ConfigField, MARKET_PROVIDERS } from '../providers/registry';

/**
 * Which provider feeds each market feature, plus provider-level configuration (API keys, base URLs).
 * Location choices (price area, settlement point) live with each site's spot source instead.
 * Pure: parsing, masking and merging; market-settings.ts stores the result.
 */
export const NETWORK_SOURCES = ['sim', 'mempool'] as const;
export const BTC_USD_SOURCES = ['sim', 'median', 'coinbase', 'kraken', 'coingecko'] as const;
export const GPU_RATE_SOURCES = ['sim', 'table'] as const;
export type NetworkSource = (typeof NETWORK_SOURCES)[number];
export type BtcUsdSource = (typeof BTC_USD_SOURCES)[number];
export type GpuRateSource = (typeof GPU_RATE_SOURCES)[number];

/** Registry fields chosen per site (in the spot source) or globally (eurUsd), not per provider. */
const NOT_PROVIDER_LEVEL = new Set([
  'priceArea',
  'areaEic',
  'settlementPoint',
  'market',
  'eurUsd',
  'schedule',
  'priceUsdPerMwh',
  'timeZone',
  'seed',
]);

/** Provider id → its provider-level settings fields, derived from the registry. */
export const PROVIDER_CONFIG_FIELDS: Readonly<Record<string, readonly ConfigField[]>> = Object.fromEntries(
  MARKET_PROVIDERS.map(
    (p) => [p.id, p.configFields.filter((f) => !NOT_PROVIDER_LEVEL.has(f.key))] as const,
  ).filter(([, fields]) => fields.length > 0),
);

export type StoredMarketSettings = {
  network: NetworkSource;
  btcUsd: BtcUsdSource;
  gpuRates: GpuRateSource;
  /** USD per EUR for €/MWh sources; null = the SWITCHYARD_EUR_USD default. */
  eurUsd: number | null;
  config: Record<string, Record<string, string>>;
};

export const DEFAULT_MARKET_SETTINGS: StoredMarketSettings = {
  network: 'sim',
  btcUsd: 'sim',
  gpuRates: 'sim',
  eurUsd: null,
  config: {},
};

const StoredSchema = z.object({
  network: z.enum(NETWORK_SOURCES).catch('sim'),
  btcUsd: z.enum(BTC_USD_SOURCES).catch('sim'),
  gpuRates: z.enum(GPU_RATE_SOURCES).catch('sim'),
  eurUsd: z.number().positive().nullable().catch(null),
  config: z.record(z.string(), z.record(z.string(), z.string())).catch({}),
});

/** Reads the stored JSON leniently: a damaged value falls back per field, never blocks the refresh. */
export function parseStoredSettings(json: string | null | undefined): StoredMarketSettings {
  if (!json) return { ...DEFAULT_MARKET_SETTINGS };
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : { ...DEFAULT_MARKET_SETTINGS };
  } catch {
    return { ...DEFAULT_MARKET_SETTINGS };
  }
}

const configValue = z.union([z.string().trim().max(2000), z.null()]);

/** PUT body: every field optional. A config value of null clears it; an absent key keeps it. */
export const MarketSettingsUpdateSchema = z
  .strictObject({
    network: z.enum(NETWORK_SOURCES).optional(),
    btcUsd: z.enum(BTC_USD_SOURCES).optional(),
    gpuRates: z.enum(GPU_RATE_SOURCES).optional(),
    eurUsd: z.number().gt(0).max(10).nullable().optional(),
    config: z.record(z.string(), z.record(z.string(), configValue)).optional(),
  })
  .superRefine((body, ctx) => {
    for (const [providerId, values] of Object.entries(body.config ?? {})) {
      const fields = PROVIDER_CONFIG_FIELDS[providerId];
      if (!fields) {
        ctx.addIssue({ code: 'custom', path: ['config', providerId], message: 'provider has no settings' });
        continue;
      }
      for (const [key, value] of Object.entries(values)) {
        const field = fields.find((f) => f.key === key);
        if (!field) {
          ctx.addIssue({ code: 'custom', path: ['config', providerId, key], message: 'unknown setting' });
        } else if (
          value &&
          field.type === 'url' &&
          !z.url({ protocol: /^https?$/ }).safeParse(value).success
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['config', providerId, key],
            message: 'must be an http(s) URL',
          });
        }
      }
    }
  });
export type MarketSettingsUpdate = z.infer<typeof MarketSettingsUpdateSchema>;

export function applySettingsUpdate(
  current: StoredMarketSettings,
  update: MarketSettingsUpdate,
): StoredMarketSettings {
  const config: Record<string, Record<string, string>> = structuredClone(current.config);
  for (const [providerId, values] of Object.entries(update.config ?? {})) {
    const next = { ...config[providerId] };
    for (const [key, value] of Object.entries(values)) {
      if (value === null || value === '') delete next[key];
      else next[key] = value;
    }
    if (Object.keys(next).length > 0) config[providerId] = next;
    else delete config[providerId];
  }
  return {
    network: update.network ?? current.network,
    btcUsd: update.btcUsd ?? current.btcUsd,
    gpuRates: update.gpuRates ?? current.gpuRates,
    eurUsd: update.eurUsd === undefined ? current.eurUsd : update.eurUsd,
    config,
  };
}

export type ConfigValueView = { secret: true; set: boolean } | { secret: false; value: string | null };

export type MarketSettingsView = Omit<StoredMarketSettings, 'config' | 'eurUsd'> & {
  eurUsd: number;
  eurUsdSource: 'settings' | 'environment';
  /** Secrets come back only as "set or not": they are write-only. */
  config: Record<string, Record<string, ConfigValueView>>;
};

export function maskSettings(settings: StoredMarketSettings, defaultEurUsd: number): MarketSettingsView {
  const config: Record<string, Record<string, ConfigValueView>> = {};
  for (const [providerId, fields] of Object.entries(PROVIDER_CONFIG_FIELDS)) {
    const stored = settings.config[providerId] ?? {};
    config[providerId] = Object.fromEntries(
      fields.map((f) => [
        f.key,
        f.type === 'secret'
          ? { secret: true, set: Boolean(stored[f.key]) }
          : { secret: false, value: stored[f.key] ?? null },
      ]),
    );
  }
  return {
    network: settings.network,
    btcUsd: settings.btcUsd,
    gpuRates: settings.gpuRates,
    eurUsd: settings.eurUsd ?? defaultEurUsd,
    eurUsdSource: settings.eurUsd === null ? 'environment' : 'settings',
    config,
  };
}

/** Which keys an update touches, for the audit log (values of secrets never leave this process). */
export function changedKeys(update: MarketSettingsUpdate): string[] {
  const keys = (['network', 'btcUsd', 'gpuRates', 'eurUsd'] as const).filter((k) => update[k] !== undefined);
  const config = Object.entries(update.config ?? {}).flatMap(([p, values]) =>
    Object.keys(values).map((k) => `config.${p}.${k}`),
  );
  return [...keys, ...config];
}
