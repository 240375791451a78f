import { z } from 'zod';
import type { ElectricityPoint, ElectricityProvider, FetchContext, FxUsdPer, TimeRange } from '../types';
import { toUsd } from '../types';
import { fetchResult } from './http';
import { fail, failWith, ok, type ProviderResult, parseJsonText, parseShape } from './result';
import { electricityPriceProblem } from './validate';

/**
 * Energinet Energi Data Service (economics.md §4.10, CC BY 4.0). `Elspotprices` (hourly, HourUTC /
 * SpotPriceEUR) stopped after 2025-09-30; `DayAheadPrices` (15-min, TimeUTC / DayAheadPriceEUR) replaced it.
 * Both are parsed; UTC columns come without an offset.
 */
const ID = 'energi-data-service';
export const EDS_BASE_URL = 'https://api.energidataservice.dk/dataset';
export type EdsDataset = 'Elspotprices' | 'DayAheadPrices';
/** First delivery day served only by DayAheadPrices: 2025-10-01 00:00 Danish time. */
export const EDS_DAY_AHEAD_FROM_MS = Date.UTC(2025, 8, 30, 22);

const price = z.number().nullable().optional();
const RecordSchema = z.union([
  z.object({ TimeUTC: z.string(), PriceArea: z.string(), DayAheadPriceEUR: price, DayAheadPriceDKK: price }),
  z.object({ HourUTC: z.string(), PriceArea: z.string(), SpotPriceEUR: price, SpotPriceDKK: price }),
]);
const ResponseSchema = z.object({ records: z.array(RecordSchema) });

const UTC_NO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

export type EdsParseOptions = { priceArea: string; fxUsdPer: FxUsdPer };

export function parseEnergiDataService(
  text: string,
  opts: EdsParseOptions,
): ProviderResult<ElectricityPoint[]> {
  const json = parseJsonText(ID, text);
  if (!json.ok) return json;
  const parsed = parseShape(ID, ResponseSchema, json.value);
  if (!parsed.ok) return parsed;
  const rows: { startMs: number; eur: number | null; dkk: number | null; quarterHourly: boolean }[] = [];
  for (const [i, r] of parsed.value.records.entries()) {
    if (r.PriceArea !== opts.priceArea) continue;
    const quarterHourly = 'TimeUTC' in r;
    const time = 'TimeUTC' in r ? r.TimeUTC : r.HourUTC;
    if (!UTC_NO_OFFSET.test(time))
      return fail(ID, 'shape', `records[${i}] time "${time}" is not YYYY-MM-DDTHH:mm:ss`);
    const eur = ('TimeUTC' in r ? r.DayAheadPriceEUR : r.SpotPriceEUR) ?? null;
    const dkk = ('TimeUTC' in r ? r.DayAheadPriceDKK : r.SpotPriceDKK) ?? null;
    rows.push({ startMs: Date.parse(`${time}Z`), eur, dkk, quarterHourly });
  }
  if (rows.length === 0) return fail(ID, 'no_data', `no records for price area ${opts.priceArea}`);
  rows.sort((a, b) => a.startMs - b.startMs);
  const stepMs = inferStepMs(rows);
  const warnings: string[] = [];
  const points: ElectricityPoint[] = [];
  for (const row of rows) {
    if (points.at(-1)?.intervalStart === row.startMs) continue;
    const chosen =
      row.eur !== null
        ? { amount: row.eur, currency: 'EUR' }
        : row.dkk !== null
          ? { amount: row.dkk, currency: 'DKK' }
          : undefined;
    if (!chosen) {
      warnings.push(`${new Date(row.startMs).toISOString()}: no price published`);
      continue;
    }
    const problem = electricityPriceProblem(`${chosen.currency}/MWh price`, chosen.amount);
    if (problem) return fail(ID, 'absurd_value', `${new Date(row.startMs).toISOString()}: ${problem}`);
    const usd = toUsd(chosen.amount, chosen.currency, opts.fxUsdPer);
    if (usd === undefined) return fail(ID, 'config', `no ${chosen.currency}→USD rate configured`);
    points.push({
      intervalStart: row.startMs,
      intervalEnd: row.startMs + stepMs,
      location: opts.priceArea,
      market: stepMs === 900_000 ? 'DAY_AHEAD_15_MIN' : 'DAY_AHEAD_HOURLY',
      priceUsdPerMwh: usd,
      originalPrice: chosen.amount,
      currency: chosen.currency,
      provider: ID,
    });
  }
  if (points.length === 0) return fail(ID, 'no_data', 'every record had an empty price');
  return ok(points, warnings);
}

/** Smallest spacing between records; falls back to the dataset's nominal resolution for a single record. */
function inferStepMs(rows: readonly { startMs: number; quarterHourly: boolean }[]): number {
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows.length; i++) {
    const d = rows[i]!.startMs - rows[i - 1]!.startMs;
    if (d > 0) step = Math.min(step, d);
  }
  if (Number.isFinite(step) && (step === 900_000 || step === 3_600_000)) return step;
  return rows[0]!.quarterHourly ? 900_000 : 3_600_000;
}

/** Which dataset(s) serve a range; a range across 2025-10-01 needs one request to each. */
export function edsRequestsFor(range: TimeRange): { dataset: EdsDataset; fromMs: number; toMs: number }[] {
  const out: { dataset: EdsDataset; fromMs: number; toMs: number }[] = [];
  if (range.fromMs < EDS_DAY_AHEAD_FROM_MS) {
    out.push({
      dataset: 'Elspotprices',
      fromMs: range.fromMs,
      toMs: Math.min(range.toMs, EDS_DAY_AHEAD_FROM_MS),
    });
  }
  if (range.toMs > EDS_DAY_AHEAD_FROM_MS) {
    out.push({
      dataset: 'DayAheadPrices',
      fromMs: Math.max(range.fromMs, EDS_DAY_AHEAD_FROM_MS),
      toMs: range.toMs,
    });
  }
  return out;
}

const minuteIso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/**
 * Start/end are padded by a day because the API reads them as Danish local time; points are
 * filtered to the exact range afterwards.
 */
export function buildEdsUrl(
  dataset: EdsDataset,
  priceArea: string,
  range: TimeRange,
  baseUrl = EDS_BASE_URL,
): string {
  const day = 86_400_000;
  const timeColumn = dataset === 'DayAheadPrices' ? 'TimeUTC' : 'HourUTC';
  const rows = Math.ceil((range.toMs - range.fromMs + 2 * day) / 900_000) + 100;
  const params = new URLSearchParams({
    start: minuteIso(range.fromMs - day),
    end: minuteIso(range.toMs + day),
    filter: JSON.stringify({ PriceArea: [priceArea] }),
    sort: `${timeColumn} asc`,
    limit: String(rows),
  });
  return `${baseUrl}/${dataset}?${params.toString()}`;
}

/** `baseUrl` (the `/dataset` root) points at a proxy or mirror (market settings). */
export type EdsConfig = { priceArea: string; fxUsdPer: FxUsdPer; baseUrl?: string };

export async function fetchEnergiDataService(
  config: EdsConfig,
  range: TimeRange,
  ctx: FetchContext,
): Promise<ProviderResult<ElectricityPoint[]>> {
  const points: ElectricityPoint[] = [];
  const warnings: string[] = [];
  for (const req of edsRequestsFor(range)) {
    const res = await fetchResult(
      buildEdsUrl(req.dataset, config.priceArea, req, config.baseUrl),
      ctx.http,
      ID,
    );
    if (!res.ok) return failWith(res.error);
    const parsed = parseEnergiDataService(res.response.text, config);
    if (!parsed.ok) return parsed;
    warnings.push(...parsed.warnings);
    points.push(...parsed.value.filter((p) => p.intervalEnd > range.fromMs && p.intervalStart < range.toMs));
  }
  if (points.length === 0) return fail(ID, 'no_data', 'no prices in the requested range');
  return ok(points, warnings);
}

export const energiDataServiceProvider: ElectricityProvider<EdsConfig> = {
  id: ID,
  fetchRange: fetchEnergiDataService,
};
