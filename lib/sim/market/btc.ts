import { gaussian, hashString, ouAt } from '../random';

/**
 * Simulated BTC/USD: a mean-reverting log random walk with ~50 % annualised volatility around $90k,
 * daily steps plus an hourly Brownian bridge inside each day, so intraday moves look continuous.
 */
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const SIM_BTC_LEVEL_USD = 90_000;
export const SIM_BTC_ANNUAL_VOL = 0.5;
const DAILY_SIGMA = SIM_BTC_ANNUAL_VOL / Math.sqrt(365);
// Half-life ≈ 230 days: wanders for months like the real thing, but stays within a sane band for years.
const OU = { theta: 0.003, sigma: DAILY_SIGMA, startSd: 0.15 };
const ANCHOR_DAY = Date.UTC(2026, 0, 1) / DAY_MS;
const DAILY = hashString('btc-daily');
const HOURLY = hashString('btc-hourly');

function logPriceAtDay(seed: number, day: number): number {
  return Math.log(SIM_BTC_LEVEL_USD) + ouAt(seed, DAILY, day - ANCHOR_DAY, OU);
}

/** Log-price at hour boundary `h` (0…24) of `day`, tied to the daily closes at both ends. */
function logPriceAtHour(seed: number, day: number, h: number, open: number, close: number): number {
  const step = DAILY_SIGMA / Math.sqrt(24);
  let walk = 0;
  let walkTo24 = 0;
  for (let k = 0; k < 24; k++) {
    const shock = step * gaussian(seed, HOURLY, day * 24 + k);
    if (k < h) walk += shock;
    walkTo24 += shock;
  }
  const f = h / 24;
  return open + f * (close - open) + walk - f * walkTo24;
}

export function simBtcUsdAt(seed: number, tsMs: number): number {
  const day = Math.floor(tsMs / DAY_MS);
  const open = logPriceAtDay(seed, day);
  const close = logPriceAtDay(seed, day + 1);
  const hourF = (tsMs - day * DAY_MS) / HOUR_MS;
  const h = Math.floor(hourF);
  const a = logPriceAtHour(seed, day, h, open, close);
  const b = h + 1 <= 24 ? logPriceAtHour(seed, day, h + 1, open, close) : a;
  return Math.round(Math.exp(a + (hourF - h) * (b - a)) * 100) / 100;
}
