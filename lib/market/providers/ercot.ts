import { z } from 'zod';
import { wallToUtcCandidates } from '../../time/zone';
import type { ElectricityPoint, ElectricityProvider, FetchContext, TimeRange } from '../types';
import { fetchResult } from './http';
import { fail, failWith, ok, type ProviderResult, parseJsonText, parseShape } from './result';
import { electricityPriceProblem, numberFrom } from './validate';

/**
 * ERCOT Public API settlement point prices (economics.md §4.5). `data` rows are arrays ordered by
 * `fields`, so columns are always looked up by name (as gridstatus does); results are paginated.
 * Times are Central Prevailing Time, hour-ending; DSTFlag picks the copy of the repeated autumn hour.
 */
const ID = 'ercot';
export const ERCOT_BASE_URL = 'https://api.ercot.com/api/public-reports';
export const ERCOT_TOKEN_URL =
  'https://ercotb2c.b2clogin.com/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token';
/** Published in ERCOT's registration guide; the same for every user, not a secret. */
const ERCOT_CLIENT_ID = 'fec253ea-0d06-4272-a5e6-b478baeecd70';
const ERCOT_TZ = 'America/Chicago';

export type ErcotMarket = 'DAY_AHEAD_HOURLY' | 'REAL_TIME_15_MIN';
export const ERCOT_ENDPOINTS: Record<ErcotMarket, string> = {
  DAY_AHEAD_HOURLY: '/np4-190-cd/dam_stlmnt_pnt_prices',
  REAL_TIME_15_MIN: '/np6-905-cd/spp_node_zone_hub',
};

const ReportSchema = z.object({
  _meta: z.object({ totalPages: z.number().int(), currentPage: z.number().int() }).partial().optional(),
  fields: z.array(z.object({ name: z.string() })),
  data: z.array(z.array(z.unknown())),
});

export type ErcotPage = { points: ElectricityPoint[]; currentPage: number; totalPages: number };

function column(names: string[], ...candidates: string[]): number {
  const lower = names.map((n) => n.toLowerCase());
  for (const c of candidates) {
    const i = lower.indexOf(c.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

/** "01:00" … "24:00" (DAM), or 1 … 24 (RT deliveryHour). */
function hourEnding(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value.split(':')[0]) : numberFrom(value);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 24 ? n : undefined;
}

function deliveryDate(value: unknown): { year: number; month: number; day: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return us ? { year: Number(us[3]), month: Number(us[1]), day: Number(us[2]) } : undefined;
}

const isDst = (v: unknown) => v === true || v === 'Y' || v === 'true';

export function parseErcotSpp(
  text: string,
  market: ErcotMarket,
  settlementPoint?: string,
): ProviderResult<ErcotPage> {
  const json = parseJsonText(ID, text);
  if (!json.ok) return json;
  const parsed = parseShape(ID, ReportSchema, json.value);
  if (!parsed.ok) return parsed;
  const names = parsed.value.fields.map((f) => f.name);
  const col = {
    date: column(names, 'deliveryDate'),
    hour: column(names, 'hourEnding', 'deliveryHour'),
    interval: column(names, 'deliveryInterval'),
    point: column(names, 'settlementPoint', 'settlementPointName'),
    price: column(names, 'settlementPointPrice'),
    dst: column(names, 'DSTFlag'),
  };
  const missing = Object.entries(col)
    .filter(([k, i]) => i < 0 && k !== 'dst' && (k !== 'interval' || market === 'REAL_TIME_15_MIN'))
    .map(([k]) => k);
  if (missing.length > 0)
    return fail(ID, 'shape', `fields lack ${missing.join(', ')} (got ${names.join(', ')})`);
  const stepMs = market === 'REAL_TIME_15_MIN' ? 900_000 : 3_600_000;
  const warnings: string[] = [];
  const points: ElectricityPoint[] = [];
  for (const [i, row] of parsed.value.data.entries()) {
    const location = String(row[col.point] ?? '');
    if (settlementPoint && location !== settlementPoint) continue;
    const date = deliveryDate(row[col.date]);
    const he = hourEnding(row[col.hour]);
    const interval = col.interval >= 0 ? numberFrom(row[col.interval]) : 1;
    const price = numberFrom(row[col.price]);
    if (
      !date ||
      he === undefined ||
      interval === undefined ||
      interval < 1 ||
      interval > 4 ||
      price === undefined
    ) {
      return fail(ID, 'shape', `data[${i}] has a bad date, hour, interval or price: ${JSON.stringify(row)}`);
    }
    const problem = electricityPriceProblem('settlementPointPrice', price);
    if (problem) return fail(ID, 'absurd_value', `data[${i}]: ${problem}`);
    const wall = { ...date, hour: he - 1, minute: market === 'REAL_TIME_15_MIN' ? (interval - 1) * 15 : 0 };
    const candidates = wallToUtcCandidates(wall, ERCOT_TZ);
    if (candidates.length === 0) {
      warnings.push(`data[${i}]: local time skipped by the spring DST change, row ignored`);
      continue;
    }
    // Follows gridstatus (`tz_localize(ambiguous=DSTFlag == "Y")`): a flagged row is the daylight-time copy.
    const startMs = candidates.length === 2 && !isDst(row[col.dst]) ? candidates[1]! : candidates[0]!;
    points.push({
      intervalStart: startMs,
      intervalEnd: startMs + stepMs,
      location,
      market,
      priceUsdPerMwh: price,
      originalPrice: price,
      currency: 'USD',
      provider: ID,
    });
  }
  const meta = parsed.value._meta ?? {};
  return ok({ points, currentPage: meta.currentPage ?? 1, totalPages: meta.totalPages ?? 1 }, warnings);
}

export type ErcotConfig = {
  subscriptionKey: string;
  /** Either a current id token, or username + password to get one (tokens live about an hour). */
  idToken?: string;
  username?: string;
  password?: string;
  settlementPoint: string;
  market?: ErcotMarket;
  maxPages?: number;
  /** Proxy or mirror of the public-reports API and of the token endpoint (market settings). */
  baseUrl?: string;
  tokenUrl?: string;
};

export function buildErcotUrl(
  market: ErcotMarket,
  settlementPoint: string,
  range: TimeRange,
  page: number,
  baseUrl = ERCOT_BASE_URL,
): string {
  // Delivery dates are Central time; a day either side covers the UTC/local offset, rows are filtered later.
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const params = new URLSearchParams({
    deliveryDateFrom: day(range.fromMs - 86_400_000),
    deliveryDateTo: day(range.toMs + 86_400_000),
    settlementPoint,
    page: String(page),
    size: '5000',
  });
  return `${baseUrl}${ERCOT_ENDPOINTS[market]}?${params.toString()}`;
}

export async function fetchErcotIdToken(
  username: string,
  password: string,
  ctx: FetchContext,
  tokenUrl = ERCOT_TOKEN_URL,
): Promise<ProviderResult<string>> {
  const body = new URLSearchParams({
    username,
    password,
    grant_type: 'password',
    scope: `openid ${ERCOT_CLIENT_ID} offline_access`,
    client_id: ERCOT_CLIENT_ID,
    response_type: 'id_token',
  }).toString();
  const res = await fetchResult(tokenUrl, ctx.http, ID, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    retries: 0,
  });
  if (!res.ok) return failWith(res.error);
  const json = parseJsonText(ID, res.response.text);
  if (!json.ok) return json;
  const token = parseShape(ID, z.object({ id_token: z.string().min(1) }), json.value);
  return token.ok ? ok(token.value.id_token) : token;
}

export async function fetchErcotSpp(
  config: ErcotConfig,
  range: TimeRange,
  ctx: FetchContext,
): Promise<ProviderResult<ElectricityPoint[]>> {
  let idToken = config.idToken;
  if (!idToken && config.username && config.password) {
    const token = await fetchErcotIdToken(config.username, config.password, ctx, config.tokenUrl);
    if (!token.ok) return token;
    idToken = token.value;
  }
  if (!config.subscriptionKey || !idToken)
    return fail(ID, 'config', 'ERCOT needs a subscription key and an id token or login');
  const market = config.market ?? 'DAY_AHEAD_HOURLY';
  const headers = { 'Ocp-Apim-Subscription-Key': config.subscriptionKey, Authorization: `Bearer ${idToken}` };
  const points: ElectricityPoint[] = [];
  const warnings: string[] = [];
  const maxPages = config.maxPages ?? 20;
  for (let page = 1; ; page++) {
    const res = await fetchResult(
      buildErcotUrl(market, config.settlementPoint, range, page, config.baseUrl),
      ctx.http,
      ID,
      {
        headers,
      },
    );
    if (!res.ok) return failWith(res.error);
    const parsed = parseErcotSpp(res.response.text, market, config.settlementPoint);
    if (!parsed.ok) return parsed;
    warnings.push(...parsed.warnings);
    points.push(...parsed.value.points);
    if (page >= parsed.value.totalPages) break;
    if (page >= maxPages) {
      warnings.push(`stopped after ${maxPages} of ${parsed.value.totalPages} pages`);
      break;
    }
  }
  const inRange = points
    .filter((p) => p.intervalEnd > range.fromMs && p.intervalStart < range.toMs)
    .sort((a, b) => a.intervalStart - b.intervalStart);
  if (inRange.length === 0)
    return fail(ID, 'no_data', `no ${market} prices for ${config.settlementPoint} in range`);
  return ok(inRange, warnings);
}

export const ercotProvider: ElectricityProvider<ErcotConfig> = { id: ID, fetchRange: fetchErcotSpp };
