import type { ElectricityPoint } from '../../market/types';
import { localParts } from '../../time/zone';
import { gaussian, hashString, ouAt, uniform } from '../random';

/**
 * ERCOT-style hourly prices for the Texas demo site (no permissively licensed ERCOT history was found,
 * economics.md §5): a ~$35/MWh base with a diurnal shape in Central time, hotter summers, negative
 * hours on windy/sunny shoulder-season nights and middays, and rare scarcity days with $1,000–5,000
 * hours (ERCOT's offer cap is $5,000/MWh).
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const TZ = 'America/Chicago';
const BASE_USD = 35;
const LEVEL_OU = { theta: 0.3, sigma: 0.15, startSd: 0.2 };
const ANCHOR_DAY = Date.UTC(2026, 0, 1) / DAY_MS;
const LEVEL = hashString('ercot-level');
const NOISE = hashString('ercot-noise');
const NEGATIVE = hashString('ercot-negative');
const TIGHT_DAY = hashString('ercot-tight-day');
const SPIKE = hashString('ercot-spike');
const SPIKE_SIZE = hashString('ercot-spike-size');
const NEGATIVE_SIZE = hashString('ercot-negative-size');

// Multipliers by local hour 0…23: cheap nights, a solar dip at midday, the evening net-load peak.
const DIURNAL = [
  0.75, 0.72, 0.7, 0.7, 0.72, 0.8, 0.92, 1.0, 0.95, 0.88, 0.8, 0.76, 0.76, 0.8, 0.9, 1.1, 1.3, 1.5, 1.55, 1.4,
  1.2, 1.05, 0.92, 0.82,
];

const season = (month: number) =>
  month >= 6 && month <= 9 ? 'summer' : month === 12 || month <= 2 ? 'winter' : 'shoulder';

export function ercotSimPriceAt(seed: number, tsMs: number): ElectricityPoint {
  const start = Math.floor(tsMs / HOUR_MS) * HOUR_MS;
  const hourIndex = start / HOUR_MS;
  const local = localParts(start, TZ);
  const localDay = Math.floor(Date.UTC(local.year, local.month - 1, local.day) / DAY_MS);
  const s = season(local.month);
  let price: number;
  const tightDay =
    uniform(seed, TIGHT_DAY, localDay) < (s === 'summer' ? 0.05 : s === 'winter' ? 0.02 : 0.005);
  const peakHour =
    s === 'winter'
      ? (local.hour >= 6 && local.hour <= 9) || (local.hour >= 18 && local.hour <= 21)
      : local.hour >= 15 && local.hour <= 20;
  const offPeak = local.hour <= 5 || (local.hour >= 10 && local.hour <= 14);
  if (tightDay && peakHour && uniform(seed, SPIKE, hourIndex) < 0.5) {
    price = 1000 + 4000 * uniform(seed, SPIKE_SIZE, hourIndex);
  } else if (offPeak && uniform(seed, NEGATIVE, hourIndex) < (s === 'shoulder' ? 0.08 : 0.015)) {
    price = -(1 + 29 * uniform(seed, NEGATIVE_SIZE, hourIndex));
  } else {
    const level = BASE_USD * Math.exp(ouAt(seed, LEVEL, localDay - ANCHOR_DAY, LEVEL_OU));
    const seasonal = s === 'summer' ? (peakHour ? 1.9 : 1.3) : s === 'winter' ? 1.15 : 1.0;
    price = level * seasonal * DIURNAL[local.hour]! * Math.exp(0.12 * gaussian(seed, NOISE, hourIndex));
    if (tightDay) price *= 2;
  }
  price = Math.round(Math.min(5000, price) * 100) / 100;
  return {
    intervalStart: start,
    intervalEnd: start + HOUR_MS,
    location: 'HB_NORTH',
    market: 'SIMULATED',
    priceUsdPerMwh: price,
    originalPrice: price,
    currency: 'USD',
    provider: 'sim-ercot',
  };
}
