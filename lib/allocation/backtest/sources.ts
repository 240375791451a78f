import { getDb } from '../../db/client';
import { badRequest, notFound } from '../../errors';
import {
  BUILTIN_ATTRIBUTION,
  BUILTIN_BITCOIN,
  BUILTIN_ELECTRICITY,
  builtinBitcoin,
  builtinElectricity,
} from './builtin';
import type { BacktestSeries } from './replay';
import type { BacktestRequest } from './schemas';
import {
  type BtcDaily,
  type BtcDay,
  buildSeries,
  DAY_MS,
  type HourlyPrices,
  SeriesError,
  subsidyBtcOnDate,
  utcDate,
} from './series';

/**
 * The historical series a backtest request names, as one hourly BacktestSeries: the shipped files
 * (default), an uploaded CSV, or (bitcoin) the market history the app has recorded.
 */

export type ResolvedSeries = {
  series: BacktestSeries;
  sources: { electricity: string; bitcoin: string };
  attribution: string[];
};

async function upload(id: number, kind: 'electricity' | 'bitcoin', tenantId: number | null) {
  const row = await getDb().backtestUpload.findUnique({ where: { id } });
  if (!row || row.kind !== kind || (tenantId !== null && row.tenantId !== tenantId))
    throw notFound(`${kind === 'electricity' ? 'Electricity' : 'Bitcoin'} CSV upload ${id}`);
  return row;
}

async function marketHistory(fromMs: number, toMs: number): Promise<BtcDaily> {
  const points = await getDb().marketPoint.findMany({
    where: {
      series: { in: ['btc_usd', 'difficulty', 'fees_btc_per_block'] },
      ts: { gte: BigInt(fromMs - 7 * DAY_MS), lt: BigInt(toMs) },
    },
    orderBy: { ts: 'asc' },
    select: { series: true, ts: true, value: true },
  });
  // The last value of each series on or before each UTC day (carried forward over days without one).
  const last: Record<string, number | undefined> = {};
  const byDay = new Map<string, Record<string, number | undefined>>();
  let i = 0;
  const days: string[] = [];
  for (let d = Math.floor((fromMs - 7 * DAY_MS) / DAY_MS) * DAY_MS; d < toMs; d += DAY_MS) {
    for (; i < points.length && Number(points[i]!.ts) < d + DAY_MS; i++)
      last[points[i]!.series] = points[i]!.value;
    byDay.set(utcDate(d), { ...last });
    days.push(utcDate(d));
  }
  const out: BtcDaily = new Map();
  for (const day of days) {
    const v = byDay.get(day)!;
    if (v.btc_usd === undefined || v.difficulty === undefined) continue;
    const entry: BtcDay = {
      btcUsd: v.btc_usd,
      difficulty: v.difficulty,
      feesBtcPerBlock: v.fees_btc_per_block ?? 0,
      subsidyBtc: subsidyBtcOnDate(day),
    };
    out.set(day, entry);
  }
  return out;
}

export async function resolveSeries(
  request: BacktestRequest,
  tenantId: number | null,
  eurUsd: number,
): Promise<ResolvedSeries> {
  const attribution: string[] = [];
  let prices: HourlyPrices;
  let electricity: string;
  const e = request.electricity ?? { builtin: BUILTIN_ELECTRICITY };
  if ('builtin' in e) {
    prices = builtinElectricity(eurUsd);
    electricity = `built-in ${BUILTIN_ELECTRICITY} (EUR at ${eurUsd} USD)`;
    attribution.push(BUILTIN_ATTRIBUTION[BUILTIN_ELECTRICITY]);
  } else {
    const row = await upload(e.csvUploadId, 'electricity', tenantId);
    prices = new Map(JSON.parse(row.rows) as [number, number][]);
    electricity = `upload ${row.id} (${row.name})`;
  }
  let btc: BtcDaily;
  let bitcoin: string;
  const b = request.bitcoin ?? { builtin: BUILTIN_BITCOIN };
  if (b === 'market-history') {
    btc = await marketHistory(request.from, request.to);
    bitcoin = 'market history';
  } else if ('builtin' in b) {
    btc = builtinBitcoin();
    bitcoin = `built-in ${BUILTIN_BITCOIN}`;
    attribution.push(BUILTIN_ATTRIBUTION[BUILTIN_BITCOIN]);
  } else {
    const row = await upload(b.csvUploadId, 'bitcoin', tenantId);
    btc = new Map(JSON.parse(row.rows) as [string, BtcDay][]);
    bitcoin = `upload ${row.id} (${row.name})`;
  }
  try {
    return {
      series: buildSeries(request.from, request.to, prices, btc),
      sources: { electricity, bitcoin },
      attribution,
    };
  } catch (error) {
    if (error instanceof SeriesError) throw badRequest(error.message);
    throw error;
  }
}
