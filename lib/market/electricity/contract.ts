import { isValidTimeZone } from '../../time/zone';
import { parseSpotSource } from './spot-source';
import { type TouSchedule, TouScheduleSchema, touPriceAt } from './tou';

/**
 * A site's energy contract evaluated at an instant: fixed price, time-of-use band in the site's zone,
 * or a stored spot interval plus the contract adder. Pure: stored intervals are passed in.
 */
export type SiteContract = {
  contractKind: 'fixed' | 'tou' | 'spot';
  fixedPriceUsdPerMwh: number | null;
  /** Parsed JSON of `site.tou_schedule`; validated here, since older rows may hold anything. */
  touSchedule: unknown;
  spotSource: string | null;
  spotAdderUsdPerMwh: number;
  timezone: string;
};

/** One stored `energy_price` row (times epoch ms, market price without the adder). */
export type StoredInterval = {
  intervalStart: number;
  intervalEnd: number;
  priceUsdPerMwh: number;
  provider: string;
  fetchedAt: number;
};

export type ContractPricePoint = {
  intervalStart: number;
  intervalEnd: number;
  /** What the site pays: market price + adder for spot contracts. */
  priceUsdPerMwh: number;
  /** The spot market price before the adder; null for fixed and TOU contracts. */
  marketPriceUsdPerMwh: number | null;
  adderUsdPerMwh: number;
  provider: string;
  /** When the price was fetched; null for prices computed from the contract itself. */
  fetchedAt: number | null;
  simulated: boolean;
};

export type ContractPrice =
  | ({ ok: true } & ContractPricePoint)
  | { ok: false; reason: string; provider: string | null };

const HOUR_MS = 3_600_000;

/** The price source a contract expects, or why it has none (used to label empty charts too). */
export function contractProvider(contract: SiteContract): { provider: string } | { reason: string } {
  if (contract.contractKind === 'fixed') {
    return Number.isFinite(contract.fixedPriceUsdPerMwh ?? Number.NaN)
      ? { provider: 'fixed' }
      : { reason: 'the fixed contract has no price' };
  }
  if (contract.contractKind === 'tou') {
    if (!isValidTimeZone(contract.timezone)) return { reason: `unknown time zone ${contract.timezone}` };
    return TouScheduleSchema.safeParse(contract.touSchedule).success
      ? { provider: 'tou' }
      : { reason: 'the time-of-use schedule is missing or invalid' };
  }
  const parsed = parseSpotSource(contract.spotSource);
  return parsed.ok ? { provider: parsed.source.provider } : { reason: parsed.reason };
}

/**
 * Price at `tsMs`. `stored` is the spot interval covering `tsMs` (ignored for fixed/TOU). A stored row
 * from another provider than the configured source is refused, never used as a stand-in.
 */
export function contractPriceAt(
  contract: SiteContract,
  tsMs: number,
  stored: StoredInterval | undefined,
): ContractPrice {
  const expected = contractProvider(contract);
  if ('reason' in expected) return { ok: false, reason: expected.reason, provider: null };
  const hourStart = Math.floor(tsMs / HOUR_MS) * HOUR_MS;
  const base = { intervalStart: hourStart, intervalEnd: hourStart + HOUR_MS, adderUsdPerMwh: 0 };
  if (contract.contractKind === 'fixed') {
    const price = contract.fixedPriceUsdPerMwh as number;
    return {
      ok: true,
      ...base,
      priceUsdPerMwh: price,
      marketPriceUsdPerMwh: null,
      provider: 'fixed',
      fetchedAt: null,
      simulated: false,
    };
  }
  if (contract.contractKind === 'tou') {
    const price = touPriceAt(contract.touSchedule as TouSchedule, contract.timezone, tsMs);
    if (price === null) return { ok: false, reason: 'no time-of-use band covers this hour', provider: 'tou' };
    return {
      ok: true,
      ...base,
      priceUsdPerMwh: price,
      marketPriceUsdPerMwh: null,
      provider: 'tou',
      fetchedAt: null,
      simulated: false,
    };
  }
  const provider = expected.provider;
  if (!stored || stored.intervalStart > tsMs || stored.intervalEnd <= tsMs) {
    return { ok: false, reason: `no ${provider} price stored for this interval yet`, provider };
  }
  if (stored.provider !== provider) {
    return {
      ok: false,
      reason: `the stored price comes from ${stored.provider}, but the site is configured for ${provider}`,
      provider,
    };
  }
  return { ok: true, ...spotPoint(stored, contract.spotAdderUsdPerMwh) };
}

function spotPoint(stored: StoredInterval, adderUsdPerMwh: number): ContractPricePoint {
  return {
    intervalStart: stored.intervalStart,
    intervalEnd: stored.intervalEnd,
    priceUsdPerMwh: stored.priceUsdPerMwh + adderUsdPerMwh,
    marketPriceUsdPerMwh: stored.priceUsdPerMwh,
    adderUsdPerMwh,
    provider: stored.provider,
    fetchedAt: stored.fetchedAt,
    simulated: stored.provider.startsWith('sim'),
  };
}

/**
 * Prices over [fromMs, toMs): hourly for fixed/TOU contracts, the stored intervals (from the configured
 * provider only) for spot. Hours without a price are simply absent; charts draw them as gaps.
 */
export function contractPriceSeries(
  contract: SiteContract,
  fromMs: number,
  toMs: number,
  stored: readonly StoredInterval[],
): { points: ContractPricePoint[]; reason: string | null } {
  const expected = contractProvider(contract);
  if ('reason' in expected) return { points: [], reason: expected.reason };
  if (contract.contractKind === 'spot') {
    const points = stored
      .filter((s) => s.provider === expected.provider && s.intervalEnd > fromMs && s.intervalStart < toMs)
      .sort((a, b) => a.intervalStart - b.intervalStart)
      .map((s) => spotPoint(s, contract.spotAdderUsdPerMwh));
    return {
      points,
      reason: points.length === 0 ? `no ${expected.provider} prices stored for this period` : null,
    };
  }
  const points: ContractPricePoint[] = [];
  for (let t = Math.floor(fromMs / HOUR_MS) * HOUR_MS; t < toMs; t += HOUR_MS) {
    const price = contractPriceAt(contract, t, undefined);
    if (price.ok) {
      const { ok: _ok, ...point } = price;
      points.push(point);
    }
  }
  return { points, reason: points.length === 0 ? 'the contract gives no price for this period' : null };
}
