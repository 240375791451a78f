import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import type { ElectricityPoint, ElectricityProvider, FetchContext, FxUsdPer, TimeRange } from '../types';
import { toUsd } from '../types';
import { fetchResult } from './http';
import { bodyProblem, fail, failWith, ok, type ProviderResult, parseShape, snippet } from './result';
import { electricityPriceProblem } from './validate';

/**
 * ENTSO-E Transparency Platform day-ahead prices, documentType A44 (economics.md §4.8). Handles PT15M and
 * PT60M periods, DST days (23/25 hours, 92/100 quarter hours fall out of the period bounds), curveType A03
 * (unchanged prices omitted → forward-fill), several TimeSeries/Period blocks and any namespace version.
 * Errors and empty results arrive as an Acknowledgement_MarketDocument.
 */
const ID = 'entsoe';
export const ENTSOE_BASE_URL = 'https://web-api.tp.entsoe.eu/api';

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['TimeSeries', 'Period', 'Point', 'Reason'].includes(name),
});

const text = z.union([z.string(), z.object({ '#text': z.string() }).transform((o) => o['#text'])]);
const PointSchema = z.object({ position: z.string(), 'price.amount': z.string() });
const PeriodSchema = z.object({
  timeInterval: z.object({ start: z.string(), end: z.string() }),
  resolution: z.string(),
  Point: z.array(PointSchema).default([]),
});
const TimeSeriesSchema = z.object({
  'in_Domain.mRID': text.optional(),
  'currency_Unit.name': z.string(),
  'price_Measure_Unit.name': z.string(),
  curveType: z.string().optional(),
  Period: z.array(PeriodSchema),
});
const PublicationSchema = z.object({ TimeSeries: z.array(TimeSeriesSchema).default([]) });
const AckSchema = z.object({
  Reason: z.array(z.object({ code: z.string().optional(), text: z.string().optional() })).default([]),
});

export function resolutionMs(resolution: string): number | undefined {
  const m = /^PT(\d+)([MH])$/.exec(resolution);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'H' ? 3_600_000 : 60_000);
}

type RawInterval = { startMs: number; endMs: number; amount: number; currency: string; location: string };

export type EntsoeParseOptions = { fxUsdPer: FxUsdPer; location?: string };

export function parseEntsoeXml(xml: string, opts: EntsoeParseOptions): ProviderResult<ElectricityPoint[]> {
  const problem = bodyProblem(xml);
  if (problem) return fail(ID, problem.code, problem.message, { bodySnippet: snippet(xml) });
  if (XMLValidator.validate(xml) !== true) return fail(ID, 'bad_xml', 'response is not well-formed XML');
  const doc = parser.parse(xml) as Record<string, unknown>;
  if ('Acknowledgement_MarketDocument' in doc) return acknowledgement(doc.Acknowledgement_MarketDocument);
  if (!('Publication_MarketDocument' in doc)) {
    const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? '(none)';
    return fail(ID, 'shape', `unexpected root element ${root}`);
  }
  const parsed = parseShape(ID, PublicationSchema, doc.Publication_MarketDocument);
  if (!parsed.ok) return parsed;
  const warnings: string[] = [];
  const byResolution = new Map<number, RawInterval[]>();
  for (const [t, series] of parsed.value.TimeSeries.entries()) {
    if (series['price_Measure_Unit.name'].toUpperCase() !== 'MWH') {
      return fail(
        ID,
        'shape',
        `TimeSeries ${t}: price unit ${series['price_Measure_Unit.name']}, expected MWH`,
      );
    }
    for (const [p, period] of series.Period.entries()) {
      const where = `TimeSeries ${t} Period ${p}`;
      const expanded = expandPeriod(period, series.curveType ?? 'A01', where);
      if (!expanded.ok) return expanded;
      warnings.push(...expanded.warnings);
      const list = byResolution.get(expanded.value.stepMs) ?? [];
      for (const iv of expanded.value.intervals) {
        list.push({
          ...iv,
          currency: series['currency_Unit.name'],
          location: opts.location ?? series['in_Domain.mRID'] ?? '',
        });
      }
      byResolution.set(expanded.value.stepMs, list);
    }
  }
  if (byResolution.size === 0) return fail(ID, 'no_data', 'document has no price points');
  // Around the 2025-10-01 switch to 15-min MTU some areas publish both; mixing them would double-count.
  const finest = Math.min(...byResolution.keys());
  if (byResolution.size > 1)
    warnings.push(`several resolutions in one document; kept ${finest / 60_000}-minute points`);
  return toPoints(byResolution.get(finest)!, finest, opts.fxUsdPer, warnings);
}

function acknowledgement(raw: unknown): ProviderResult<ElectricityPoint[]> {
  const ack = AckSchema.safeParse(raw);
  const reasons = ack.success ? ack.data.Reason.map((r) => `${r.code ?? '?'} ${r.text ?? ''}`.trim()) : [];
  const message = reasons.join('; ') || 'acknowledgement without reason';
  return fail(ID, /no matching data/i.test(message) ? 'no_data' : 'upstream_error', message);
}

function expandPeriod(
  period: z.output<typeof PeriodSchema>,
  curveType: string,
  where: string,
): ProviderResult<{ stepMs: number; intervals: { startMs: number; endMs: number; amount: number }[] }> {
  const stepMs = resolutionMs(period.resolution);
  if (stepMs === undefined) return fail(ID, 'shape', `${where}: unsupported resolution ${period.resolution}`);
  const startMs = Date.parse(period.timeInterval.start);
  const endMs = Date.parse(period.timeInterval.end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs <= startMs) {
    return fail(
      ID,
      'shape',
      `${where}: bad timeInterval ${period.timeInterval.start}–${period.timeInterval.end}`,
    );
  }
  if ((endMs - startMs) % stepMs !== 0)
    return fail(ID, 'shape', `${where}: interval is not a whole number of steps`);
  const count = (endMs - startMs) / stepMs;
  const byPosition = new Map<number, number>();
  for (const point of period.Point) {
    const position = Number(point.position);
    const amount = Number(point['price.amount']);
    if (!Number.isInteger(position) || position < 1 || position > count) {
      return fail(ID, 'shape', `${where}: position ${point.position} outside 1…${count}`);
    }
    if (point['price.amount'] === '' || !Number.isFinite(amount)) {
      return fail(
        ID,
        'shape',
        `${where}: price "${point['price.amount']}" at position ${position} is not a number`,
      );
    }
    byPosition.set(position, amount);
  }
  const warnings: string[] = [];
  const intervals: { startMs: number; endMs: number; amount: number }[] = [];
  let last: number | undefined;
  let missing = 0;
  for (let position = 1; position <= count; position++) {
    const given = byPosition.get(position);
    // A03 omits a point when the price repeats the previous one (variable-sized blocks).
    const amount = given ?? (curveType === 'A03' ? last : undefined);
    if (amount === undefined) {
      if (curveType === 'A03') return fail(ID, 'shape', `${where}: A03 curve has no point at position 1`);
      missing++;
      continue;
    }
    last = amount;
    const s = startMs + (position - 1) * stepMs;
    intervals.push({ startMs: s, endMs: s + stepMs, amount });
  }
  if (missing > 0) warnings.push(`${where}: ${missing} of ${count} positions missing`);
  return ok({ stepMs, intervals }, warnings);
}

function toPoints(
  raw: RawInterval[],
  stepMs: number,
  fxUsdPer: FxUsdPer,
  warnings: string[],
): ProviderResult<ElectricityPoint[]> {
  raw.sort((a, b) => a.startMs - b.startMs);
  const points: ElectricityPoint[] = [];
  for (const iv of raw) {
    const prev = points.at(-1);
    if (prev && prev.intervalStart === iv.startMs) {
      if (prev.originalPrice !== iv.amount)
        warnings.push(`${new Date(iv.startMs).toISOString()}: conflicting prices, kept the first`);
      continue;
    }
    const problem = electricityPriceProblem(`${iv.currency}/MWh price`, iv.amount);
    if (problem) return fail(ID, 'absurd_value', `${new Date(iv.startMs).toISOString()}: ${problem}`);
    const usd = toUsd(iv.amount, iv.currency, fxUsdPer);
    if (usd === undefined) return fail(ID, 'config', `no ${iv.currency}→USD rate configured`);
    points.push({
      intervalStart: iv.startMs,
      intervalEnd: iv.endMs,
      location: iv.location,
      market: stepMs === 900_000 ? 'DAY_AHEAD_15_MIN' : 'DAY_AHEAD_HOURLY',
      priceUsdPerMwh: usd,
      originalPrice: iv.amount,
      currency: iv.currency,
      provider: ID,
    });
  }
  return ok(points, warnings);
}

/** `baseUrl` points at a proxy or mirror of the Transparency API (market settings). */
export type EntsoeConfig = { securityToken: string; areaEic: string; fxUsdPer: FxUsdPer; baseUrl?: string };

const utcStamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');

export function buildEntsoeUrl(
  config: Pick<EntsoeConfig, 'securityToken' | 'areaEic' | 'baseUrl'>,
  range: TimeRange,
): string {
  const params = new URLSearchParams({
    securityToken: config.securityToken,
    documentType: 'A44',
    in_Domain: config.areaEic,
    out_Domain: config.areaEic,
    periodStart: utcStamp(range.fromMs),
    periodEnd: utcStamp(range.toMs),
  });
  return `${config.baseUrl ?? ENTSOE_BASE_URL}?${params.toString()}`;
}

export async function fetchEntsoeDayAhead(
  config: EntsoeConfig,
  range: TimeRange,
  ctx: FetchContext,
): Promise<ProviderResult<ElectricityPoint[]>> {
  if (range.toMs - range.fromMs > 366 * 86_400_000)
    return fail(ID, 'config', 'ENTSO-E allows at most one year per request');
  if (!config.securityToken) return fail(ID, 'config', 'ENTSO-E security token is not set');
  const res = await fetchResult(buildEntsoeUrl(config, range), ctx.http, ID);
  if (!res.ok) {
    // A 400 carries an Acknowledgement document whose reason is more useful than "HTTP 400".
    const body = res.error.body ?? '';
    if (res.error.status === 400 && body.includes('Acknowledgement_MarketDocument')) {
      return parseEntsoeXml(body, { fxUsdPer: config.fxUsdPer, location: config.areaEic });
    }
    return failWith(res.error);
  }
  const parsed = parseEntsoeXml(res.response.text, { fxUsdPer: config.fxUsdPer, location: config.areaEic });
  if (!parsed.ok) return parsed;
  return ok(
    parsed.value.filter((p) => p.intervalEnd > range.fromMs && p.intervalStart < range.toMs),
    parsed.warnings,
  );
}

export const entsoeProvider: ElectricityProvider<EntsoeConfig> = { id: ID, fetchRange: fetchEntsoeDayAhead };
