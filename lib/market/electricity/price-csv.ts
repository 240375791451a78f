import { readCsvRows } from '../csv-rows';
import { electricityPriceProblem } from '../providers/validate';
import type { ElectricityPoint, FxUsdPer } from '../types';
import { toUsd } from '../types';
import { parseTimestampCell } from './csv-timestamp';

/**
 * Uploaded price series (CSV): `timestamp,price[,currency]`, ISO times with offset, or local times plus a
 * time zone. All-or-nothing: any bad row rejects the file and the whole per-row report comes back.
 */
export type PriceCsvIssueKind =
  | 'file'
  | 'header'
  | 'bad_number'
  | 'bad_timestamp'
  | 'missing_offset'
  | 'dst_nonexistent'
  | 'dst_ambiguous'
  | 'duplicate'
  | 'gap'
  | 'misaligned'
  | 'bad_currency'
  | 'absurd_value';

/** `line` is the 1-based line in the file (0 for file-level issues). */
export type PriceCsvIssue = { line: number; kind: PriceCsvIssueKind; message: string };

export type PriceCsvOptions = {
  /** IANA zone for timestamps without an offset. */
  timeZone?: string;
  defaultCurrency?: string;
  fxUsdPer?: FxUsdPer;
  stepMs?: number;
  location?: string;
  maxIssues?: number;
};

export type PriceCsvResult =
  | { ok: true; points: ElectricityPoint[]; rowCount: number }
  | { ok: false; issues: PriceCsvIssue[]; rowCount: number; truncated: boolean };

const TIME_COLUMNS = [
  'timestamp',
  'time',
  'ts',
  'datetime',
  'interval_start',
  'start',
  'hour_utc',
  'time_utc',
  'hourutc',
  'timeutc',
];
const PRICE_COLUMN = /^(?:price|spot_?price)(?:_([a-z]{3})(?:_per_mwh)?)?$/;

type Row = { line: number; tsMs: number; price: number; currency: string };

function headerColumns(header: string[]) {
  const names = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const time = names.findIndex((n) => TIME_COLUMNS.includes(n));
  const price = names.findIndex((n) => PRICE_COLUMN.test(n));
  const currency = names.indexOf('currency');
  const priceCurrency = price >= 0 ? PRICE_COLUMN.exec(names[price]!)?.[1]?.toUpperCase() : undefined;
  return {
    names,
    time,
    price,
    currency,
    priceCurrency,
    assumeUtc: time >= 0 && names[time]!.includes('utc'),
  };
}

export function parsePriceCsv(text: string, opts: PriceCsvOptions = {}): PriceCsvResult {
  const stepMs = opts.stepMs ?? 3_600_000;
  const maxIssues = opts.maxIssues ?? 1000;
  const issues: PriceCsvIssue[] = [];
  let truncated = false;
  const report = (line: number, kind: PriceCsvIssueKind, message: string) => {
    if (issues.length < maxIssues) issues.push({ line, kind, message });
    else truncated = true;
  };
  const read = readCsvRows(text);
  if (!read.ok)
    return { ok: false, issues: [{ line: 0, kind: 'file', message: read.message }], rowCount: 0, truncated };
  const { delimiter } = read;
  const [head, ...body] = read.rows;
  if (!head || body.length === 0)
    return {
      ok: false,
      issues: [{ line: 0, kind: 'file', message: 'no data rows' }],
      rowCount: 0,
      truncated,
    };
  const cols = headerColumns(head.cells);
  if (cols.time < 0 || cols.price < 0) {
    const message = `header needs a time column (${TIME_COLUMNS.slice(0, 3).join('/')}) and a price column; got ${cols.names.join(', ')}`;
    return {
      ok: false,
      issues: [{ line: head.line, kind: 'header', message }],
      rowCount: body.length,
      truncated,
    };
  }
  const rows: Row[] = [];
  const ambiguous = new Map<
    string,
    { line: number; candidates: [number, number]; row: Omit<Row, 'tsMs'> }[]
  >();
  const fxReported = new Set<string>();
  for (const { cells: record, line } of body) {
    const priceCell = record[cols.price] ?? '';
    const rawPrice = delimiter === ';' ? priceCell.replace(',', '.') : priceCell;
    const price = /^-?\d+(\.\d+)?$/.test(rawPrice) ? Number(rawPrice) : Number.NaN;
    const currency = (
      (cols.currency >= 0 ? record[cols.currency] : '') ||
      cols.priceCurrency ||
      opts.defaultCurrency ||
      'USD'
    ).toUpperCase();
    const cell = parseTimestampCell(record[cols.time] ?? '', {
      timeZone: opts.timeZone,
      assumeUtc: cols.assumeUtc,
    });
    let bad = false;
    if (Number.isNaN(price)) {
      report(line, 'bad_number', `price "${priceCell}" is not a number`);
      bad = true;
    } else {
      const problem = electricityPriceProblem('price', price);
      if (problem) {
        report(line, 'absurd_value', `${problem} (per MWh — is this per kWh?)`);
        bad = true;
      }
    }
    if (!/^[A-Z]{3}$/.test(currency)) {
      report(line, 'bad_currency', `currency "${currency}" is not a 3-letter code`);
      bad = true;
    } else if (toUsd(1, currency, opts.fxUsdPer ?? {}) === undefined && !fxReported.has(currency)) {
      fxReported.add(currency);
      report(line, 'bad_currency', `no ${currency}→USD rate configured`);
      bad = true;
    }
    if (cell.kind === 'error') {
      report(line, cell.code, cell.message);
      continue;
    }
    // Rows with a bad value still take part in the time checks, so one typo is not also reported as a gap.
    const row = { line, price: bad ? Number.NaN : price, currency };
    if (cell.kind === 'ambiguous') {
      const list = ambiguous.get(cell.wallKey) ?? [];
      list.push({ line, candidates: cell.candidates, row });
      ambiguous.set(cell.wallKey, list);
    } else rows.push({ ...row, tsMs: cell.tsMs });
  }
  resolveAmbiguous(ambiguous, rows, report, opts.timeZone ?? '');
  checkSequence(rows, stepMs, report);
  if (issues.length > 0 || truncated) {
    issues.sort((a, b) => a.line - b.line);
    return { ok: false, issues, rowCount: body.length, truncated };
  }
  const points = rows.map((r) => toPoint(r, stepMs, opts));
  return { ok: true, points, rowCount: body.length };
}

/**
 * The repeated autumn hour is only well-defined when the file lists it twice: the first copy is the
 * daylight-time hour, the second the standard-time one. Listed once, we cannot know which was meant.
 */
function resolveAmbiguous(
  ambiguous: Map<string, { line: number; candidates: [number, number]; row: Omit<Row, 'tsMs'> }[]>,
  rows: Row[],
  report: (line: number, kind: PriceCsvIssueKind, message: string) => void,
  timeZone: string,
) {
  for (const [wallKey, list] of ambiguous) {
    if (list.length === 2) {
      rows.push(
        { ...list[0]!.row, tsMs: list[0]!.candidates[0] },
        { ...list[1]!.row, tsMs: list[1]!.candidates[1] },
      );
      continue;
    }
    for (const entry of list) {
      const message =
        list.length === 1
          ? `${wallKey} occurs twice in ${timeZone} (clocks go back) but appears once; add a UTC offset`
          : `${wallKey} appears ${list.length} times; it can occur at most twice`;
      report(entry.line, 'dst_ambiguous', message);
    }
  }
}

function checkSequence(
  rows: Row[],
  stepMs: number,
  report: (line: number, kind: PriceCsvIssueKind, message: string) => void,
) {
  rows.sort((a, b) => a.tsMs - b.tsMs || a.line - b.line);
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1]!;
    const row = rows[i]!;
    const diff = row.tsMs - prev.tsMs;
    if (diff === 0) report(row.line, 'duplicate', `${iso(row.tsMs)} already given on line ${prev.line}`);
    else if (diff % stepMs !== 0)
      report(row.line, 'misaligned', `${iso(row.tsMs)} is not a whole step after ${iso(prev.tsMs)}`);
    else if (diff > stepMs) {
      const missing = diff / stepMs - 1;
      report(
        row.line,
        'gap',
        `${missing} interval${missing > 1 ? 's' : ''} missing from ${iso(prev.tsMs + stepMs)} to ${iso(row.tsMs)}`,
      );
    }
  }
}

function toPoint(r: Row, stepMs: number, opts: PriceCsvOptions): ElectricityPoint {
  return {
    intervalStart: r.tsMs,
    intervalEnd: r.tsMs + stepMs,
    location: opts.location ?? 'upload',
    market: 'UPLOADED',
    priceUsdPerMwh: toUsd(r.price, r.currency, opts.fxUsdPer ?? {})!,
    originalPrice: r.price,
    currency: r.currency,
    provider: 'csv',
  };
}
