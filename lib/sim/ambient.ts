import { localHourOfDay } from '../time/zone';
import type { SiteClimate } from './demo-sites';
import { smoothNoise } from './noise';
import { hashString } from './random';

/** What the simulator needs to know about a site. */
export type SimSite = { key: string; timezone: string; climate: SiteClimate };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2425;
/** Warmest day of the year (≈ 20 July / 20 January) and warmest local hour. */
const WARMEST_DOY = { north: 200, south: 19 } as const;
const WARMEST_HOUR = 15;
const CH_WEATHER = 101;
const CH_WEATHER_FAST = 102;
const CH_HALL = 103;

const siteHashes = new Map<string, number>();

function siteHash(key: string): number {
  let h = siteHashes.get(key);
  if (h === undefined) {
    h = hashString(key);
    siteHashes.set(key, h);
  }
  return h;
}

/** Outdoor air temperature: season + time of day + multi-day weather, deterministic per seed and site. */
export function ambientTempC(site: SimSite, ts: number, seed: number): number {
  const c = site.climate;
  const dayOfYear = (((ts / DAY_MS) % YEAR_DAYS) + YEAR_DAYS) % YEAR_DAYS;
  const seasonal =
    c.seasonalAmplitudeC * Math.cos((2 * Math.PI * (dayOfYear - WARMEST_DOY[c.hemisphere])) / YEAR_DAYS);
  const hour = localHourOfDay(ts, site.timezone);
  const daily = c.dailyAmplitudeC * Math.cos((2 * Math.PI * (hour - WARMEST_HOUR)) / 24);
  const siteKey = siteHash(site.key);
  const weather =
    3 * smoothNoise(seed, siteKey, CH_WEATHER, ts, 36 * HOUR_MS) +
    0.7 * smoothNoise(seed, siteKey, CH_WEATHER_FAST, ts, 3 * HOUR_MS);
  return c.meanAnnualC + seasonal + daily + weather;
}

/**
 * Air entering a device. Containers and garages follow the weather (plus recirculation, with a
 * winter floor); a GPU hall with CRAH cooling holds its set-point and drifts a little on hot days.
 */
export function siteInletTempC(site: SimSite, ts: number, seed: number, gpuHall: boolean): number {
  const c = site.climate;
  const ambient = ambientTempC(site, ts, seed);
  if (gpuHall && c.controlledInletC !== null) {
    const drift = 0.08 * Math.max(0, ambient - c.controlledInletC);
    return c.controlledInletC + drift + 0.8 * smoothNoise(seed, siteHash(site.key), CH_HALL, ts, 2 * HOUR_MS);
  }
  return Math.max(c.inletFloorC, ambient + c.inletOffsetC);
}
