import { hashprice } from '../../economics/hashprice';
import { readCsvRows } from '../../market/csv-rows';
import type { BacktestSeries } from './replay';

/**
 * Historical series of a backtest as plain data, and the parsers of the shipped files and of
 * uploaded bitcoin CSVs (pure: text in, data out; the server reads the files).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Hourly $/MWh keyed by the start of the hour (epoch ms). */
export type HourlyPrices = Map<number, number>;

export type BtcDay = {
  btcUsd: number;
  difficulty: number;
  feesBtcPerBlock: number;
  /** Block subsidy (on a halving day, the day's average). */
  subsidyBtc: number;
};

/** Keyed by UTC date `YYYY-MM-DD`. */
export type BtcDaily = Map<string, BtcDay>;

export class SeriesError extends Error {}

export const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `date_utc,h00,…,h23` in EUR/MWh (data/backtest/se3-2023-2024-eur-per-mwh.csv), converted to USD. */
export function parseDailyRowsEur(text: string, eurUsd: number): HourlyPrices {
  const out: HourlyPrices = new Map();
  const lines = text.trim().split(/\r?\n/);
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const day = Date.parse(`${cells[0]}T00:00:00Z`);
    for (let h = 0; h < 24; h++) {
      const cell = cells[h + 1];
      if (cell === undefined || cell === '') continue;
      out.set(day + h * HOUR_MS, Number(cell) * eurUsd);
    }
  }
  return out;
}

/** Joins the shipped chain file (CC BY 4.0) and price file (CC BY-SA 4.0) on `date`. */
export function parseBuiltinBtc(chainCsv: string, usdCsv: string): BtcDaily {
  const usd = new Map<string, number>();
  for (const line of usdCsv.trim().split(/\r?\n/).slice(1)) {
    const [date, close] = line.split(',');
    usd.set(date!, Number(close));
  }
  const out: BtcDaily = new Map();
  for (const line of chainCsv.trim().split(/\r?\n/).slice(1)) {
    const [date, blocks, difficulty, fees, subsidyTotal] = line.split(',');
    const btcUsd = usd.get(date!);
    if (btcUsd === undefined) continue;
    out.set(date!, {
      btcUsd,
      difficulty: Number(difficulty),
      feesBtcPerBlock: Number(fees),
      subsidyBtc: Number(subsidyTotal) / Number(blocks),
    });
  }
  return out;
}

/** Block subsidy by date (halvings at their actual days; the 2028 one estimated). */
export function subsidyBtcOnDate(date: string): number {
  const halvings = ['2012-11-28', '2016-07-09', '2020-05-11', '2024-04-20', '2028-04-15'];
  let subsidy = 50;
  for (const h of halvings) if (date >= h) subsidy /= 2;
  return subsidy;
}

export type CsvProblem = { line: number; message: string };

const BTC_COLUMNS = {
  date: ['date', 'date_utc', 'day'],
  btcUsd: ['btc_usd', 'btc_usd_close', 'price_usd', 'close', 'btcusd'],
  difficulty: ['difficulty'],
  fees: ['fees_btc_per_block', 'fees_per_block', 'fees'],
} as const;

/**
 * An uploaded daily bitcoin CSV: `date,btc_usd,difficulty[,fees_btc_per_block]`, one UTC day per
 * row. All-or-nothing: every bad row is reported with its line.
 */
export function parseBtcCsv(
  text: string,
): { ok: true; days: [string, BtcDay][] } | { ok: false; problems: CsvProblem[] } {
  const read = readCsvRows(text);
  if (!read.ok) return { ok: false, problems: [{ line: 0, message: read.message }] };
  const [head, ...body] = read.rows;
  if (!head || body.length === 0) return { ok: false, problems: [{ line: 0, message: 'no data rows' }] };
  const names = head.cells.map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const col = (options: readonly string[]) => names.findIndex((n) => options.includes(n));
  const date = col(BTC_COLUMNS.date);
  const btcUsd = col(BTC_COLUMNS.btcUsd);
  const difficulty = col(BTC_COLUMNS.difficulty);
  const fees = col(BTC_COLUMNS.fees);
  if (date < 0 || btcUsd < 0 || difficulty < 0)
    return {
      ok: false,
      problems: [
        {
          line: head.line,
          message: `header needs date, btc_usd and difficulty columns (fees_btc_per_block optional); got ${names.join(', ')}`,
        },
      ],
    };
  const problems: CsvProblem[] = [];
  const days = new Map<string, BtcDay>();
  const num = (cell: string | undefined) => {
    const raw = (cell ?? '').replace(',', '.');
    return /^-?\d+(\.\d+)?(e\d+)?$/i.test(raw) ? Number(raw) : Number.NaN;
  };
  for (const { cells, line } of body) {
    const d = (cells[date] ?? '').trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) {
      problems.push({ line, message: `date "${d}" is not YYYY-MM-DD` });
      continue;
    }
    const usd = num(cells[btcUsd]);
    const diff = num(cells[difficulty]);
    const fee = fees >= 0 ? num(cells[fees]) : 0;
    if (!(usd > 0))
      problems.push({ line, message: `btc_usd "${cells[btcUsd] ?? ''}" is not a positive number` });
    else if (!(diff > 0))
      problems.push({ line, message: `difficulty "${cells[difficulty] ?? ''}" is not a positive number` });
    else if (!(fee >= 0))
      problems.push({ line, message: `fees_btc_per_block "${cells[fees] ?? ''}" is not a number ≥ 0` });
    else if (days.has(d)) problems.push({ line, message: `date ${d} appears twice` });
    else
      days.set(d, { btcUsd: usd, difficulty: diff, feesBtcPerBlock: fee, subsidyBtc: subsidyBtcOnDate(d) });
    if (problems.length >= 50) break;
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, days: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)) };
}

export function hashpriceOfDay(day: BtcDay): number {
  return hashprice({
    difficulty: day.difficulty,
    btcUsd: day.btcUsd,
    feesBtcPerBlock: day.feesBtcPerBlock,
    subsidyBtc: day.subsidyBtc,
  }).usdPerPhDay;
}

/** First and last hour (start ms) a price map covers, for error messages. */
function coverage(prices: HourlyPrices): string {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const ts of prices.keys()) {
    if (ts < lo) lo = ts;
    if (ts > hi) hi = ts;
  }
  return prices.size ? `${new Date(lo).toISOString()} to ${new Date(hi + HOUR_MS).toISOString()}` : 'nothing';
}

/** Hourly series for [fromMs, toMs) (whole hours); throws a SeriesError naming the first gap. */
export function buildSeries(
  fromMs: number,
  toMs: number,
  prices: HourlyPrices,
  btc: BtcDaily,
): BacktestSeries {
  if (fromMs % HOUR_MS !== 0 || toMs % HOUR_MS !== 0)
    throw new SeriesError('from and to must be whole UTC hours');
  if (!(toMs > fromMs)) throw new SeriesError('to must be after from');
  const hours = (toMs - fromMs) / HOUR_MS;
  const price: number[] = new Array(hours);
  const hp: number[] = new Array(hours);
  const hpByDay = new Map<string, number>();
  for (let t = 0; t < hours; t++) {
    const ts = fromMs + t * HOUR_MS;
    const p = prices.get(ts);
    if (p === undefined)
      throw new SeriesError(
        `no electricity price for the hour ${new Date(ts).toISOString()} (the series covers ${coverage(prices)})`,
      );
    price[t] = p;
    const date = utcDate(ts);
    let h = hpByDay.get(date);
    if (h === undefined) {
      const day = btc.get(date);
      if (!day) {
        const dates = [...btc.keys()].sort();
        throw new SeriesError(
          `no bitcoin data for ${date} (the series covers ${dates.length ? `${dates[0]} to ${dates.at(-1)}` : 'nothing'})`,
        );
      }
      h = hashpriceOfDay(day);
      hpByDay.set(date, h);
    }
    hp[t] = h;
  }
  return { startMs: fromMs, priceUsdPerMwh: price, hashpriceUsdPerPhDay: hp };
}

export const BACKTEST_MAX_HOURS = 2 * 366 * 24;
export { DAY_MS, HOUR_MS };
