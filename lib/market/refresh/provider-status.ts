import { execute, queryRows, sql } from '../../db/raw';

/** How often each feature refreshes; a value is stale after 3 missed refreshes. */
export const REFRESH_MS = {
  network: 60_000,
  btc_usd: 60_000,
  electricity: 15 * 60_000,
  gpu_rates: 3_600_000,
} as const;
export type RefreshFeature = keyof typeof REFRESH_MS;
export const STALE_AFTER_REFRESHES = 3;

export function statusKeyForSite(siteId: number): string {
  return `energy:site:${siteId}`;
}

export function featureOfKey(key: string): RefreshFeature {
  return key.startsWith('energy:')
    ? 'electricity'
    : ((key in REFRESH_MS ? key : 'network') as RefreshFeature);
}

export type ProviderStatusRow = {
  key: string;
  provider: string;
  lastOkAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
};

export type Health = { stale: boolean; reason: string | null };

/**
 * Stale when there never was a good answer, the last one is older than 3 refresh intervals, or the
 * latest attempt failed (the value shown is then the last good one, marked as such).
 */
export function providerHealth(
  status: Pick<ProviderStatusRow, 'lastOkAt' | 'lastErrorAt' | 'lastError'> | undefined,
  intervalMs: number,
  now: number,
): Health {
  if (!status || status.lastOkAt === null) {
    return {
      stale: true,
      reason: status?.lastError ? `never refreshed: ${status.lastError}` : 'never refreshed',
    };
  }
  if (status.lastErrorAt !== null && status.lastErrorAt > status.lastOkAt) {
    return { stale: true, reason: `last refresh failed: ${status.lastError ?? 'unknown error'}` };
  }
  if (now - status.lastOkAt > STALE_AFTER_REFRESHES * intervalMs) {
    return {
      stale: true,
      reason: `no successful refresh for ${Math.round((now - status.lastOkAt) / 60_000)} min`,
    };
  }
  return { stale: false, reason: null };
}

export async function recordProviderOk(key: string, provider: string, now: number) {
  await execute(sql`INSERT INTO provider_status (key, provider, last_ok_at) VALUES (${key}, ${provider}, ${now})
    ON CONFLICT (key) DO UPDATE SET provider = excluded.provider, last_ok_at = excluded.last_ok_at`);
}

export async function recordProviderError(key: string, provider: string, now: number, message: string) {
  const text = message.slice(0, 500);
  await execute(sql`INSERT INTO provider_status (key, provider, last_error_at, last_error) VALUES (${key}, ${provider}, ${now}, ${text})
    ON CONFLICT (key) DO UPDATE SET provider = excluded.provider, last_error_at = excluded.last_error_at, last_error = excluded.last_error`);
}

export async function listProviderStatuses(): Promise<ProviderStatusRow[]> {
  const rows = await queryRows(
    sql`SELECT key, provider, last_ok_at, last_error_at, last_error FROM provider_status ORDER BY key`,
  );
  return rows.map((r) => ({
    key: String(r.key),
    provider: String(r.provider),
    lastOkAt: r.last_ok_at == null ? null : Number(r.last_ok_at),
    lastErrorAt: r.last_error_at == null ? null : Number(r.last_error_at),
    lastError: (r.last_error as string | null) ?? null,
  }));
}
