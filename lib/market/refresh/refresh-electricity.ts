// Electricity prices per spot-contract site: today and tomorrow in the site's zone (day-ahead
// markets publish tomorrow around midday), every 15 minutes, sooner when the source changed.

import { queryRows, sql } from '../../db/raw';
import { getEnv } from '../../env';
import { simElectricitySeries } from '../../sim/market/providers';
import { localParts, wallToUtcCandidates } from '../../time/zone';
import { parseSpotSource, type SpotSource } from '../electricity/spot-source';
import { fetchEnergiDataService } from '../providers/energi-data-service';
import { fetchEntsoeDayAhead } from '../providers/entsoe';
import { fetchErcotSpp } from '../providers/ercot';
import type { MarketLogger } from '../providers/last-good';
import { fail, type ProviderResult } from '../providers/result';
import { effectiveEurUsd, readMarketSettings } from '../settings/market-settings';
import type { StoredMarketSettings } from '../settings/schema';
import { storeEnergyPrices } from '../store';
import type { ElectricityPoint, FetchContext, TimeRange } from '../types';
import {
  listProviderStatuses,
  REFRESH_MS,
  recordProviderError,
  recordProviderOk,
  statusKeyForSite,
} from './provider-status';
import { consoleMarketLogger, type RefreshDeps, type RefreshOutcome, rejectAnswer } from './refresh-feeds';

const HOUR_MS = 3_600_000;

/** UTC instant of local midnight starting the day that contains `tsMs` (first instant of the day in DST gaps). */
export function startOfLocalDay(tsMs: number, timeZone: string): number {
  const p = localParts(tsMs, timeZone);
  const midnight = wallToUtcCandidates(
    { year: p.year, month: p.month, day: p.day, hour: 0, minute: 0 },
    timeZone,
  );
  return midnight[0] ?? tsMs - ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
}

/**
 * Real sources: local today and tomorrow. Simulated ones are deterministic, so they also rewrite the
 * last 48 h, which closes any gap left while the server was down.
 */
export function refreshWindow(source: SpotSource, now: number, timeZone: string): TimeRange {
  const today = startOfLocalDay(now, timeZone);
  // 60 h after a local midnight always lands inside the day after tomorrow (days are 23–25 h long).
  const dayAfterTomorrow = startOfLocalDay(today + 60 * HOUR_MS, timeZone);
  const fromMs = source.kind === 'sim' ? Math.min(today, now - (now % HOUR_MS) - 48 * HOUR_MS) : today;
  return { fromMs, toMs: dayAfterTomorrow };
}

export async function fetchSpotPrices(
  source: SpotSource,
  range: TimeRange,
  settings: StoredMarketSettings,
  ctx: FetchContext,
  seed: number,
): Promise<ProviderResult<ElectricityPoint[]>> {
  const eurUsd = effectiveEurUsd(settings);
  switch (source.kind) {
    case 'sim':
      return {
        ok: true,
        value: simElectricitySeries({ profile: source.profile, seed, eurUsd }, range.fromMs, range.toMs),
        warnings: [],
      };
    case 'energi-data-service':
      return fetchEnergiDataService(
        {
          priceArea: source.priceArea,
          fxUsdPer: { EUR: eurUsd },
          baseUrl: settings.config['energi-data-service']?.baseUrl,
        },
        range,
        ctx,
      );
    case 'entsoe': {
      const securityToken = settings.config.entsoe?.securityToken;
      if (!securityToken)
        return fail('entsoe', 'config', 'ENTSO-E security token is not set in market settings');
      return fetchEntsoeDayAhead(
        {
          securityToken,
          areaEic: source.areaEic,
          fxUsdPer: { EUR: eurUsd },
          baseUrl: settings.config.entsoe?.baseUrl,
        },
        range,
        ctx,
      );
    }
    case 'ercot': {
      const c = settings.config.ercot ?? {};
      if (!c.subscriptionKey || !c.username || !c.password)
        return fail(
          'ercot',
          'config',
          'ERCOT subscription key, username and password are not all set in market settings',
        );
      return fetchErcotSpp(
        {
          subscriptionKey: c.subscriptionKey,
          username: c.username,
          password: c.password,
          settlementPoint: source.settlementPoint,
          market: source.market,
          baseUrl: c.baseUrl,
          tokenUrl: c.tokenUrl,
        },
        range,
        ctx,
      );
    }
    case 'csv':
      return fail('csv', 'config', 'uploaded prices are not refreshed');
  }
}

type SpotSite = { id: number; timezone: string; spotSource: string | null };

export type ElectricityRefreshOptions = RefreshDeps & { force?: boolean; siteIds?: readonly number[] };

/** Refreshes every spot site that is due; returns one outcome per site attempted. */
export async function refreshElectricity(
  now: number,
  options: ElectricityRefreshOptions = {},
): Promise<RefreshOutcome[]> {
  const settings = options.settings ?? (await readMarketSettings());
  const log: MarketLogger = options.log ?? consoleMarketLogger;
  const seed = options.seed ?? getEnv().SWITCHYARD_SIM_SEED;
  const rows = await queryRows<{ id: number; timezone: string; spot_source: string | null }>(
    sql`SELECT id, timezone, spot_source FROM site WHERE contract_kind = 'spot' ORDER BY id`,
  );
  const sites: SpotSite[] = rows
    .map((r) => ({ id: Number(r.id), timezone: r.timezone, spotSource: r.spot_source }))
    .filter((s) => !options.siteIds || options.siteIds.includes(s.id));
  const statuses = new Map((await listProviderStatuses()).map((s) => [s.key, s]));
  const outcomes: RefreshOutcome[] = [];
  for (const site of sites) {
    const key = statusKeyForSite(site.id);
    const parsed = parseSpotSource(site.spotSource);
    if (!parsed.ok) {
      await recordProviderError(key, 'none', now, `config: ${parsed.reason}`);
      outcomes.push({ key, provider: 'none', ok: false, code: 'config', message: parsed.reason });
      continue;
    }
    const source = parsed.source;
    if (source.kind === 'csv') continue;
    const status = statuses.get(key);
    const lastAttempt = Math.max(status?.lastOkAt ?? 0, status?.lastErrorAt ?? 0);
    const due =
      options.force ||
      !status ||
      status.provider !== source.provider ||
      now - lastAttempt >= REFRESH_MS.electricity;
    if (!due) continue;
    const range = refreshWindow(source, now, site.timezone);
    const result = await fetchSpotPrices(source, range, settings, { nowMs: now, http: options.http }, seed);
    if (!result.ok) {
      outcomes.push(await rejectAnswer(key, source.provider, result.error, now, log));
      continue;
    }
    for (const warning of result.warnings) log.warn(`${key}: ${source.provider} ${warning}`, { key });
    const stored = await storeEnergyPrices(site.id, result.value, now);
    await recordProviderOk(key, source.provider, now);
    outcomes.push({ key, provider: source.provider, ok: true, stored });
  }
  return outcomes;
}
