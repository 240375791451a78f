// Hourly series the reports price energy and hashrate with. Pure.
import { hashprice } from '../economics/hashprice';
import { subsidyBtcAtHeight } from '../economics/subsidy';

const HOUR_MS = 3_600_000;

export type PriceInterval = { intervalStart: number; intervalEnd: number; priceUsdPerMwh: number };

/**
 * $/MWh per UTC hour start: the overlap-weighted mean of the intervals covering the hour, so
 * quarter-hour spot prices are priced as the hour's energy was bought. Hours without a price are absent.
 */
export function hourlyPrices(intervals: readonly PriceInterval[]): Map<number, number> {
  const weighted = new Map<number, { sum: number; ms: number }>();
  for (const p of intervals) {
    for (let h = Math.floor(p.intervalStart / HOUR_MS) * HOUR_MS; h < p.intervalEnd; h += HOUR_MS) {
      const ms = Math.min(p.intervalEnd, h + HOUR_MS) - Math.max(p.intervalStart, h);
      if (ms <= 0) continue;
      const acc = weighted.get(h) ?? { sum: 0, ms: 0 };
      acc.sum += p.priceUsdPerMwh * ms;
      acc.ms += ms;
      weighted.set(h, acc);
    }
  }
  return new Map([...weighted].map(([h, a]) => [h, a.sum / a.ms]));
}

export type NetworkPoint = { series: string; ts: number; value: number };
export type HourlyHashprice = { usdPerThDay: number; btcPerThDay: number; btcUsd: number };

/** Latest value at or before `tsMs` in a sorted series (binary search). */
function valueAt(points: readonly NetworkPoint[], tsMs: number): number | null {
  let lo = 0;
  let hi = points.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.ts <= tsMs) {
      found = points[mid]!.value;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Hashprice for each hour, from the latest difficulty, BTC/USD, fees and height known at the hour's
 * end (what a pool paying FPPS would have used). Hours before the first full set are absent.
 */
export function hourlyHashprice(points: readonly NetworkPoint[], hourStarts: Iterable<number>) {
  const by = new Map<string, NetworkPoint[]>();
  for (const p of points) by.set(p.series, [...(by.get(p.series) ?? []), p]);
  for (const list of by.values()) list.sort((a, b) => a.ts - b.ts);
  const out = new Map<number, HourlyHashprice>();
  for (const h of hourStarts) {
    const at = h + HOUR_MS - 1;
    const difficulty = valueAt(by.get('difficulty') ?? [], at);
    const btcUsd = valueAt(by.get('btc_usd') ?? [], at);
    const fees = valueAt(by.get('fees_btc_per_block') ?? [], at) ?? 0;
    const height = valueAt(by.get('block_height') ?? [], at);
    if (!difficulty || btcUsd === null || height === null) continue;
    const hp = hashprice({
      difficulty,
      btcUsd,
      feesBtcPerBlock: fees,
      subsidyBtc: subsidyBtcAtHeight(height),
    });
    out.set(h, { usdPerThDay: hp.usdPerThDay, btcPerThDay: hp.btcPerThDay, btcUsd });
  }
  return out;
}
