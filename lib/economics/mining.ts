import { KWH_PER_MWH, WH_PER_KWH } from './constants';
import {
  requireFinite,
  requireFraction,
  requireNonNegative,
  requirePct,
  requirePositive,
  requirePue,
} from './guards';
import type { Hashprice } from './hashprice';

/**
 * Mining revenue, energy cost and breakeven per device or fleet (reference §1.7–§1.9).
 * Conventions: `…Pct` arguments are 0–100, `uptime` is a 0–1 share, electricity is $/MWh and may be
 * negative (spot markets such as SE3 had 652 negative hours in 2024), PUE is ≥ 1.
 */

export type HashpriceRates = Pick<Hashprice, 'btcPerThDay' | 'usdPerThDay'>;

/** Expected pool payout per day: h × HP × (1 − pool fee) × uptime (FPPS expectation). */
export function miningRevenuePerDay(args: {
  hashrateThs: number;
  hashprice: HashpriceRates;
  poolFeePct: number;
  uptime?: number;
}): { btc: number; usd: number } {
  const { hashrateThs, hashprice, poolFeePct, uptime = 1 } = args;
  requireNonNegative('hashrateThs', hashrateThs);
  const kept = (1 - requirePct('poolFeePct', poolFeePct) / 100) * requireFraction('uptime', uptime);
  return {
    btc: hashrateThs * requireNonNegative('btcPerThDay', hashprice.btcPerThDay) * kept,
    usd: hashrateThs * requireNonNegative('usdPerThDay', hashprice.usdPerThDay) * kept,
  };
}

/** Facility energy per day: W × 24 / 1000 × PUE × uptime. */
export function energyKwhPerDay(args: { powerW: number; pue: number; uptime?: number }): number {
  const { powerW, pue, uptime = 1 } = args;
  requireNonNegative('powerW', powerW);
  return ((powerW * 24) / WH_PER_KWH) * requirePue(pue) * requireFraction('uptime', uptime);
}

export function energyCostUsdPerDay(args: {
  powerW: number;
  pue: number;
  priceUsdPerMwh: number;
  uptime?: number;
}): number {
  return (energyKwhPerDay(args) * requireFinite('priceUsdPerMwh', args.priceUsdPerMwh)) / KWH_PER_MWH;
}

/**
 * Revenue per MWh of facility energy (v_asic, §1.9): 1e6 × HP[$/TH/day] × (1 − f) / (24 × η × PUE).
 * Uptime cancels out: a device earns and draws power over the same hours.
 */
export function miningValueUsdPerMwh(args: {
  usdPerThDay: number;
  poolFeePct: number;
  efficiencyJPerTh: number;
  pue: number;
}): number {
  const { usdPerThDay, poolFeePct, efficiencyJPerTh, pue } = args;
  requireNonNegative('usdPerThDay', usdPerThDay);
  const kept = 1 - requirePct('poolFeePct', poolFeePct) / 100;
  return (
    (1e6 * usdPerThDay * kept) /
    (24 * requirePositive('efficiencyJPerTh', efficiencyJPerTh) * requirePue(pue))
  );
}

/** Electricity price at which margin is zero; equals v_asic (= 1000 × p*[$/kWh] of §1.9). */
export function breakevenUsdPerMwh(args: {
  usdPerThDay: number;
  poolFeePct: number;
  efficiencyJPerTh: number;
  pue: number;
}): number {
  return miningValueUsdPerMwh(args);
}

/** Energy cost of one PH/s for a day (hashcost, §1.8): η × p × 24 / 1000 × PUE. */
export function hashcostUsdPerPhDay(args: {
  efficiencyJPerTh: number;
  priceUsdPerMwh: number;
  pue: number;
}): number {
  const { efficiencyJPerTh, priceUsdPerMwh, pue } = args;
  requirePositive('efficiencyJPerTh', efficiencyJPerTh);
  return ((efficiencyJPerTh * requireFinite('priceUsdPerMwh', priceUsdPerMwh) * 24) / 1000) * requirePue(pue);
}

export type DeviceMiningEconomics = {
  revenueBtcPerDay: number;
  revenueUsdPerDay: number;
  energyKwhPerDay: number;
  energyCostUsdPerDay: number;
  marginUsdPerDay: number;
  revenueUsdPerH: number;
  energyCostUsdPerH: number;
  marginUsdPerH: number;
  /** W per TH/s; null when the device hashes nothing. */
  efficiencyJPerTh: number | null;
  /** Revenue ÷ facility energy × 1000; null when the device draws no power. */
  breakevenUsdPerMwh: number | null;
};

/**
 * One device (or an aggregated fleet) from its measured hashrate and wall power. Breakeven uses the
 * actual power rather than nameplate efficiency, as DESIGN §6 defines it.
 */
export function deviceMiningEconomics(args: {
  hashrateThs: number;
  powerW: number;
  hashprice: HashpriceRates;
  poolFeePct: number;
  pue: number;
  priceUsdPerMwh: number;
  uptime?: number;
}): DeviceMiningEconomics {
  const { hashrateThs, powerW, pue, priceUsdPerMwh, uptime = 1 } = args;
  const revenue = miningRevenuePerDay(args);
  const kwhPerDay = energyKwhPerDay({ powerW, pue, uptime });
  const costPerDay = energyCostUsdPerDay({ powerW, pue, priceUsdPerMwh, uptime });
  const marginPerDay = revenue.usd - costPerDay;
  // Energy for the same device at full uptime, so the breakeven does not become null at uptime 0.
  const kwhPerDayRunning = energyKwhPerDay({ powerW, pue });
  const revenuePerDayRunning = miningRevenuePerDay({ ...args, uptime: 1 }).usd;
  return {
    revenueBtcPerDay: revenue.btc,
    revenueUsdPerDay: revenue.usd,
    energyKwhPerDay: kwhPerDay,
    energyCostUsdPerDay: costPerDay,
    marginUsdPerDay: marginPerDay,
    revenueUsdPerH: revenue.usd / 24,
    energyCostUsdPerH: costPerDay / 24,
    marginUsdPerH: marginPerDay / 24,
    efficiencyJPerTh: hashrateThs > 0 ? powerW / hashrateThs : null,
    breakevenUsdPerMwh: kwhPerDayRunning > 0 ? (revenuePerDayRunning / kwhPerDayRunning) * KWH_PER_MWH : null,
  };
}
