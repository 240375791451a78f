import { readFileSync } from 'node:fs';
import path from 'node:path';
import { replayAt } from '../../market/electricity/replay';
import type { ElectricityPoint } from '../../market/types';

/**
 * The Swedish demo site's power price: the real SE3 day-ahead series for 2024 (Energinet, CC BY 4.0,
 * see lib/sim/market/data/SOURCES.md) replayed onto the current date with weekday alignment.
 */
export const SE3_CSV_PATH = path.join(process.cwd(), 'lib/sim/market/data/elspot_SE3_2024_hourly.csv');
export const DEFAULT_EUR_USD = 1.08;

export type Se3Hour = { intervalStart: number; intervalEnd: number; priceEurPerMwh: number };

/** Parses the normalised file (`hour_utc,hour_dk_local,price_area,price_eur_per_mwh,…`); throws if it is not gap-free hourly. */
export function parseSe3Csv(text: string): Se3Hour[] {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0]?.split(',') ?? [];
  const utc = header.indexOf('hour_utc');
  const eur = header.indexOf('price_eur_per_mwh');
  if (utc < 0 || eur < 0) throw new Error('SE3 series: unexpected header');
  const hours: Se3Hour[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    const start = Date.parse(cells[utc] ?? '');
    const price = Number(cells[eur]);
    const prev = hours.at(-1);
    if (Number.isNaN(start) || !Number.isFinite(price) || (prev && start !== prev.intervalEnd)) {
      throw new Error(`SE3 series: bad or non-contiguous row at line ${i + 1}`);
    }
    hours.push({ intervalStart: start, intervalEnd: start + 3_600_000, priceEurPerMwh: price });
  }
  return hours;
}

let cached: Se3Hour[] | undefined;

export function loadSe3Series(filePath = SE3_CSV_PATH): Se3Hour[] {
  if (!cached || filePath !== SE3_CSV_PATH) {
    const series = parseSe3Csv(readFileSync(filePath, 'utf8'));
    if (filePath !== SE3_CSV_PATH) return series;
    cached = series;
  }
  return cached;
}

/** Price of the hour containing `tsMs`, from the 2024 hour with the same weekday, hour and season. */
export function se3PriceAt(
  tsMs: number,
  eurUsd = DEFAULT_EUR_USD,
  series: readonly Se3Hour[] = loadSe3Series(),
): ElectricityPoint {
  const hit = replayAt(series, tsMs);
  if (!hit) throw new Error('SE3 series is empty');
  const { point, shiftMs } = hit;
  return {
    intervalStart: point.intervalStart + shiftMs,
    intervalEnd: point.intervalEnd + shiftMs,
    location: 'SE3',
    market: 'SIMULATED',
    priceUsdPerMwh: Math.round(point.priceEurPerMwh * eurUsd * 100) / 100,
    originalPrice: point.priceEurPerMwh,
    currency: 'EUR',
    provider: 'sim-se3',
  };
}
