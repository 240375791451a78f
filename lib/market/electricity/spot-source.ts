import type { ErcotMarket } from '../providers/ercot';
import { ENTSOE_AREAS } from '../providers/registry';

/**
 * A site's spot price source, stored as text in `site.spot_source`: `<provider>:<location>[:<market>]`.
 * `provider` is the name the source's price rows carry in `energy_price.provider`, so a stored interval
 * can be checked against the configured source (a simulated row never passes for a real one).
 */
export type SpotSource =
  | { kind: 'sim'; profile: 'ercot' | 'se3'; provider: 'sim-ercot' | 'sim-se3'; text: string }
  | { kind: 'energi-data-service'; priceArea: string; provider: 'energi-data-service'; text: string }
  | { kind: 'entsoe'; areaEic: string; provider: 'entsoe'; text: string }
  | { kind: 'ercot'; settlementPoint: string; market: ErcotMarket; provider: 'ercot'; text: string }
  | { kind: 'csv'; provider: 'csv'; text: string };

export type SpotSourceParse = { ok: true; source: SpotSource } | { ok: false; reason: string };

export const EDS_PRICE_AREAS = ['DK1', 'DK2', 'SE3', 'SE4', 'NO2', 'DE'] as const;
export const ERCOT_HUBS = [
  'HB_NORTH',
  'HB_HOUSTON',
  'HB_WEST',
  'HB_SOUTH',
  'HB_BUSAVG',
  'HB_HUBAVG',
] as const;
const ERCOT_MARKETS: readonly ErcotMarket[] = ['DAY_AHEAD_HOURLY', 'REAL_TIME_15_MIN'];

export function parseSpotSource(text: string | null | undefined): SpotSourceParse {
  const value = text?.trim() ?? '';
  if (!value) return { ok: false, reason: 'the site has no spot price source' };
  const [head = '', location = '', market, ...rest] = value.split(':');
  const provider = head.toLowerCase();
  if (rest.length > 0) return { ok: false, reason: `spot source "${value}" has too many parts` };
  if (provider === 'csv' && !location)
    return { ok: true, source: { kind: 'csv', provider: 'csv', text: value } };
  if (!location) return { ok: false, reason: `spot source "${value}" needs a location after ":"` };
  if (provider === 'sim') {
    const profile = location.toLowerCase().startsWith('ercot') ? 'ercot' : location.toLowerCase();
    if (profile !== 'ercot' && profile !== 'se3')
      return { ok: false, reason: `no simulated price profile "${location}" (use ercot or se3)` };
    return { ok: true, source: { kind: 'sim', profile, provider: `sim-${profile}`, text: value } };
  }
  if (provider === 'energi-data-service' || provider === 'energidataservice') {
    const priceArea = location.toUpperCase();
    if (!(EDS_PRICE_AREAS as readonly string[]).includes(priceArea))
      return { ok: false, reason: `Energi Data Service has no price area "${location}"` };
    return {
      ok: true,
      source: { kind: 'energi-data-service', priceArea, provider: 'energi-data-service', text: value },
    };
  }
  if (provider === 'entsoe') {
    if (!/^[0-9A-Z-]{16}$/.test(location))
      return { ok: false, reason: `"${location}" is not an ENTSO-E EIC area code (16 characters)` };
    return { ok: true, source: { kind: 'entsoe', areaEic: location, provider: 'entsoe', text: value } };
  }
  if (provider === 'ercot') {
    if (!/^[A-Z0-9_]{2,40}$/.test(location))
      return { ok: false, reason: `"${location}" is not an ERCOT settlement point name` };
    const chosen = (market ?? 'DAY_AHEAD_HOURLY').toUpperCase() as ErcotMarket;
    if (!ERCOT_MARKETS.includes(chosen))
      return { ok: false, reason: `ERCOT market must be one of ${ERCOT_MARKETS.join(', ')}` };
    return {
      ok: true,
      source: { kind: 'ercot', settlementPoint: location, market: chosen, provider: 'ercot', text: value },
    };
  }
  return { ok: false, reason: `unknown spot price provider "${head}"` };
}

export function isSimulatedSource(source: SpotSource): boolean {
  return source.kind === 'sim';
}

export type SpotSourceOption = { value: string; label: string; group: string; needsNetwork: boolean };

/** Every source the settings UI offers; ENTSO-E and ERCOT also need credentials in market settings. */
export function spotSourceOptions(): SpotSourceOption[] {
  return [
    { value: 'sim:ercot-west', label: 'Simulated ERCOT hub', group: 'Simulated', needsNetwork: false },
    {
      value: 'sim:se3',
      label: 'SE3 2024 replay (Energinet, CC BY 4.0)',
      group: 'Simulated',
      needsNetwork: false,
    },
    { value: 'csv', label: 'Uploaded hourly prices (CSV)', group: 'Uploaded', needsNetwork: false },
    ...EDS_PRICE_AREAS.map((area) => ({
      value: `energi-data-service:${area}`,
      label: `${area} day-ahead`,
      group: 'Energi Data Service',
      needsNetwork: true,
    })),
    ...ENTSOE_AREAS.map((area) => ({
      value: `entsoe:${area.value}`,
      label: `${area.label} day-ahead`,
      group: 'ENTSO-E',
      needsNetwork: true,
    })),
    ...ERCOT_HUBS.flatMap((hub) => [
      { value: `ercot:${hub}`, label: `${hub} day-ahead`, group: 'ERCOT', needsNetwork: true },
      {
        value: `ercot:${hub}:REAL_TIME_15_MIN`,
        label: `${hub} real-time 15 min`,
        group: 'ERCOT',
        needsNetwork: true,
      },
    ]),
  ];
}
