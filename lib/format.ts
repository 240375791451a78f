// Display formatters. Pure: values in canonical units (TH/s, W, kWh, $/MWh, °C, ms timestamps), strings out.
// The locale is pinned to en-US so the server render and the browser hydration produce identical text;
// a per-user locale would need to be threaded through both sides first.

/** Shown wherever a value is missing (null, undefined, NaN, ±Infinity). */
export const EMPTY_VALUE = '—';

// Non-breaking space between number and unit so table cells never wrap "120" away from "TH/s".
const NBSP = '\u00a0';
const LOCALE = 'en-US';

type MaybeNumber = number | null | undefined;

export interface DecimalsOption {
  /** Fixed number of decimals; by default 3 significant digits (1.23, 12.3, 123). */
  decimals?: number;
}

function isFiniteNumber(value: MaybeNumber): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function autoDecimals(abs: number): number {
  if (abs >= 100 || abs === 0) return 0;
  if (abs >= 10) return 1;
  return 2;
}

function fixed(value: number, decimals: number): string {
  return new Intl.NumberFormat(LOCALE, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: 'negative',
  }).format(value);
}

interface ScaleUnit {
  factor: number;
  unit: string;
}

/** Picks the largest unit that keeps the magnitude ≥ 1; bumps up when rounding reaches 1000 (999.7 → 1.00 k). */
function formatScaled(value: MaybeNumber, units: readonly ScaleUnit[], options: DecimalsOption = {}): string {
  if (!isFiniteNumber(value)) return EMPTY_VALUE;
  const abs = Math.abs(value);
  // Zero reads best in the canonical unit ("0 TH/s", not "0 H/s").
  let index =
    value === 0
      ? Math.max(
          0,
          units.findIndex((u) => u.factor === 1),
        )
      : 0;
  while (value !== 0 && index < units.length - 1 && abs >= units[index + 1]!.factor) index++;
  for (;;) {
    const { factor, unit } = units[index]!;
    const scaled = value / factor;
    let decimals = options.decimals ?? autoDecimals(Math.abs(scaled));
    let rounded = Number(scaled.toFixed(decimals));
    // 9.996 rounds to 10.00: re-pick the decimals for the rounded magnitude so it reads "10.0".
    if (options.decimals === undefined && autoDecimals(Math.abs(rounded)) < decimals) {
      decimals = autoDecimals(Math.abs(rounded));
      rounded = Number(scaled.toFixed(decimals));
    }
    if (Math.abs(rounded) >= 1000 && index < units.length - 1) {
      index++;
      continue;
    }
    return `${fixed(rounded, decimals)}${unit ? NBSP + unit : ''}`;
  }
}

const HASHRATE_UNITS: readonly ScaleUnit[] = [
  { factor: 1e-12, unit: 'H/s' },
  { factor: 1e-9, unit: 'kH/s' },
  { factor: 1e-6, unit: 'MH/s' },
  { factor: 1e-3, unit: 'GH/s' },
  { factor: 1, unit: 'TH/s' },
  { factor: 1e3, unit: 'PH/s' },
  { factor: 1e6, unit: 'EH/s' },
];
const POWER_UNITS: readonly ScaleUnit[] = [
  { factor: 1, unit: 'W' },
  { factor: 1e3, unit: 'kW' },
  { factor: 1e6, unit: 'MW' },
  { factor: 1e9, unit: 'GW' },
];
const ENERGY_UNITS: readonly ScaleUnit[] = [
  { factor: 1e-3, unit: 'Wh' },
  { factor: 1, unit: 'kWh' },
  { factor: 1e3, unit: 'MWh' },
  { factor: 1e6, unit: 'GWh' },
];
const SI_UNITS: readonly ScaleUnit[] = [
  { factor: 1, unit: '' },
  { factor: 1e3, unit: 'k' },
  { factor: 1e6, unit: 'M' },
  { factor: 1e9, unit: 'G' },
  { factor: 1e12, unit: 'T' },
  { factor: 1e15, unit: 'P' },
  { factor: 1e18, unit: 'E' },
];

/** Hashrate from TH/s with an automatic unit: 0.5 → "500 GH/s", 1234 → "1.23 PH/s". */
export function formatHashrate(hashrateThs: MaybeNumber, options?: DecimalsOption): string {
  return formatScaled(hashrateThs, HASHRATE_UNITS, options);
}

/** Power from W: 850 → "850 W", 3250 → "3.25 kW", 12_400_000 → "12.4 MW". */
export function formatPower(powerW: MaybeNumber, options?: DecimalsOption): string {
  return formatScaled(powerW, POWER_UNITS, options);
}

/** Energy from kWh: 0.4 → "400 Wh", 78 → "78.0 kWh", 1530 → "1.53 MWh". */
export function formatEnergy(energyKwh: MaybeNumber, options?: DecimalsOption): string {
  return formatScaled(energyKwh, ENERGY_UNITS, options);
}

/** A bare number with an SI suffix, e.g. difficulty 108.52e12 → "108.52 T" with `{ decimals: 2 }`. */
export function formatSi(value: MaybeNumber, options?: DecimalsOption): string {
  return formatScaled(value, SI_UNITS, options);
}

/** Plain number with thousands separators: 10000 → "10,000". */
export function formatNumber(value: MaybeNumber, decimals = 0): string {
  return isFiniteNumber(value) ? fixed(value, decimals) : EMPTY_VALUE;
}

export interface UsdOptions {
  /** "$1.2M" instead of "$1,234,567.00". */
  compact?: boolean;
  decimals?: number;
}

/** US dollars, exact ("$1,234.56") or compact ("$1.2K"). */
export function formatUsd(usd: MaybeNumber, options: UsdOptions = {}): string {
  if (!isFiniteNumber(usd)) return EMPTY_VALUE;
  const decimals = options.decimals ?? (options.compact ? 1 : 2);
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency: 'USD',
    notation: options.compact ? 'compact' : 'standard',
    minimumFractionDigits: options.compact ? 0 : decimals,
    maximumFractionDigits: decimals,
    signDisplay: 'negative',
  }).format(usd);
}

/** Electricity price: 45.2 → "$45.20/MWh". */
export function formatUsdPerMwh(priceUsdPerMwh: MaybeNumber): string {
  return isFiniteNumber(priceUsdPerMwh) ? `${formatUsd(priceUsdPerMwh)}/MWh` : EMPTY_VALUE;
}

/** GPU rental rate: 2.1 → "$2.10/GPU-h"; below 10 ¢ three decimals so cheap consumer GPUs don't round to $0.0x. */
export function formatUsdPerGpuHour(priceUsdPerGpuH: MaybeNumber): string {
  if (!isFiniteNumber(priceUsdPerGpuH)) return EMPTY_VALUE;
  const decimals = Math.abs(priceUsdPerGpuH) < 0.1 ? 3 : 2;
  return `${formatUsd(priceUsdPerGpuH, { decimals })}/GPU-h`;
}

/** Hashprice: 55.75 → "$55.75/PH/day". */
export function formatUsdPerPhDay(hashpriceUsdPerPhDay: MaybeNumber): string {
  return isFiniteNumber(hashpriceUsdPerPhDay) ? `${formatUsd(hashpriceUsdPerPhDay)}/PH/day` : EMPTY_VALUE;
}

/** Bitcoin amount, 8 decimals by default: 0.00012345 → "0.00012345 BTC". */
export function formatBtc(btc: MaybeNumber, decimals = 8): string {
  return isFiniteNumber(btc) ? `${fixed(btc, decimals)}${NBSP}BTC` : EMPTY_VALUE;
}

/** Temperature: 71.6 → "72 °C" (integer by default; sensors rarely justify more). */
export function formatTemperature(tempC: MaybeNumber, decimals = 0): string {
  return isFiniteNumber(tempC) ? `${fixed(tempC, decimals)}${NBSP}°C` : EMPTY_VALUE;
}

/** Percent from a 0–100 value (not a 0–1 ratio): 97.54 → "97.5%". */
export function formatPercent(percent: MaybeNumber, decimals = 1): string {
  return isFiniteNumber(percent) ? `${fixed(percent, decimals)}%` : EMPTY_VALUE;
}

/** Efficiency: 17.53 → "17.5 J/TH". */
export function formatEfficiency(efficiencyJPerTh: MaybeNumber, decimals = 1): string {
  return isFiniteNumber(efficiencyJPerTh) ? `${fixed(efficiencyJPerTh, decimals)}${NBSP}J/TH` : EMPTY_VALUE;
}

const DURATION_PARTS = [
  { seconds: 86_400, unit: 'd' },
  { seconds: 3_600, unit: 'h' },
  { seconds: 60, unit: 'min' },
  { seconds: 1, unit: 's' },
] as const;

/** Duration from seconds, two largest units: 45 → "45 s", 8100 → "2 h 15 min", 277200 → "3 d 5 h". */
export function formatDuration(durationS: MaybeNumber): string {
  if (!isFiniteNumber(durationS)) return EMPTY_VALUE;
  if (durationS < 0) return `-${formatDuration(-durationS)}`;
  let rest = Math.round(durationS);
  if (rest === 0) return `0${NBSP}s`;
  const parts: string[] = [];
  for (const { seconds, unit } of DURATION_PARTS) {
    const count = Math.floor(rest / seconds);
    rest -= count * seconds;
    if (count > 0) parts.push(`${count}${NBSP}${unit}`);
    else if (parts.length > 0) break;
    if (parts.length === 2) break;
  }
  return parts.join(NBSP);
}

export interface AgeOptions {
  /** Older than this → "stale". */
  staleAfterMs?: number;
}

/** Age of a reading relative to `nowMs`: "just now", "12 s ago", "3 min ago", "5 h ago", "2 d ago" or "stale". */
export function formatAge(atMs: MaybeNumber, nowMs: number, options: AgeOptions = {}): string {
  if (!isFiniteNumber(atMs)) return EMPTY_VALUE;
  const ageMs = nowMs - atMs;
  if (options.staleAfterMs !== undefined && ageMs > options.staleAfterMs) return 'stale';
  // Readings slightly in the future are clock skew between collector and browser, not time travel.
  if (ageMs < 1000) return `just${NBSP}now`;
  const ageS = Math.floor(ageMs / 1000);
  if (ageS < 60) return `${ageS}${NBSP}s${NBSP}ago`;
  if (ageS < 3600) return `${Math.floor(ageS / 60)}${NBSP}min${NBSP}ago`;
  if (ageS < 86_400) return `${Math.floor(ageS / 3600)}${NBSP}h${NBSP}ago`;
  return `${Math.floor(ageS / 86_400)}${NBSP}d${NBSP}ago`;
}

export interface DateTimeOptions {
  seconds?: boolean;
  /** Append the zone abbreviation, e.g. "GMT+2". */
  zoneName?: boolean;
}

type DateInput = number | Date | null | undefined;

function toParts(at: number | Date, timeZone: string, options: DateTimeOptions): Record<string, string> {
  const parts = new Intl.DateTimeFormat(LOCALE, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: options.seconds ? '2-digit' : undefined,
    hourCycle: 'h23',
    timeZoneName: options.zoneName ? 'short' : undefined,
  }).formatToParts(at);
  return Object.fromEntries(parts.map((part) => [part.type, part.value]));
}

function isValidDate(at: DateInput): at is number | Date {
  if (at === null || at === undefined) return false;
  return Number.isFinite(typeof at === 'number' ? at : at.getTime());
}

/** ISO-like wall-clock time in a site's zone ("2024-05-01 14:00"), unambiguous for operators anywhere. */
export function formatDateTime(at: DateInput, timeZone: string, options: DateTimeOptions = {}): string {
  if (!isValidDate(at)) return EMPTY_VALUE;
  const p = toParts(at, timeZone, options);
  const time = `${p.hour}:${p.minute}${options.seconds ? `:${p.second}` : ''}`;
  return `${p.year}-${p.month}-${p.day} ${time}${options.zoneName ? ` ${p.timeZoneName}` : ''}`;
}

/** Calendar date in a site's zone: "2024-05-01". */
export function formatDate(at: DateInput, timeZone: string): string {
  if (!isValidDate(at)) return EMPTY_VALUE;
  const p = toParts(at, timeZone, {});
  return `${p.year}-${p.month}-${p.day}`;
}

/** Wall-clock time in a site's zone: "14:00" (or "14:00:05"). */
export function formatTime(
  at: DateInput,
  timeZone: string,
  options: Pick<DateTimeOptions, 'seconds'> = {},
): string {
  if (!isValidDate(at)) return EMPTY_VALUE;
  const p = toParts(at, timeZone, options);
  return `${p.hour}:${p.minute}${options.seconds ? `:${p.second}` : ''}`;
}
