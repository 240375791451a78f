// The telemetry CSV's page encoder: driver rows (arrays, in SELECT order) straight to one string
// per page, with no per-row cell array or object. Pure. What repeats from row to row is encoded
// once: the ISO instant (rows come ordered by ts, and a fleet reports in the same instant), the
// `device_id,serial,` prefix per device, the status text.
import { csvHeader, csvNumber, csvText } from './csv';
import type { Column } from './types';

export const TELEMETRY_COLUMNS: Column[] = [
  { key: 'ts', label: 'ts', type: 'datetime' },
  { key: 'deviceId', label: 'device_id', type: 'number' },
  { key: 'serial', label: 'serial', type: 'string' },
  { key: 'hashrateThs', label: 'hashrate_ths', type: 'number' },
  { key: 'powerW', label: 'power_w', type: 'number' },
  { key: 'chipTempC', label: 'chip_temp_c', type: 'number' },
  { key: 'gpuUtilPct', label: 'gpu_util_pct', type: 'number' },
  { key: 'status', label: 'status', type: 'string' },
];

export const TELEMETRY_CSV_HEADER = csvHeader(TELEMETRY_COLUMNS);

/**
 * Column order of the rows `encodeTelemetryPage` takes (the export's SELECT list; the serial comes
 * from the device map). Values may be numbers or, from PostgreSQL's text protocol, strings.
 */
export type TelemetryRow = [
  ts: number,
  deviceId: number,
  hashrateThs: number | null,
  powerW: number | null,
  chipTempC: number | null,
  gpuUtilPct: number | null,
  status: string | null,
];

/** Caches shared by the pages of one export (a few thousand devices at most). */
export type TelemetryCsvState = {
  lastTs: number;
  tsText: string;
  prefixes: Map<number, string>;
  statuses: Map<string, string>;
};

export function newTelemetryCsvState(): TelemetryCsvState {
  return { lastTs: Number.NaN, tsText: '', prefixes: new Map(), statuses: new Map() };
}

/**
 * A float as PostgreSQL's text protocol sends it, passed through: since PostgreSQL 12 it writes the
 * shortest digits that round-trip, as JS does, but switches to an exponent outside 1e-4 ≤ |x| < 1e15
 * where JS does so only outside 1e-7 … 1e21. Those, and -0, NaN and Infinity, go through Number so
 * both databases give the same CSV.
 */
function floatText(v: string): string {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || (c === 45 && i === 0))) return csvNumber(Number(v));
  }
  return v === '-0' || v === '' ? csvNumber(Number(v)) : v;
}

const num = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? floatText(v) : csvNumber(Number(v));

/** `ts,device_id,serial,` of a row, from the caches. */
function rowStart(
  tsValue: unknown,
  deviceValue: unknown,
  serials: ReadonlyMap<number, string>,
  state: TelemetryCsvState,
): string {
  const ts = Number(tsValue);
  if (ts !== state.lastTs) {
    state.lastTs = ts;
    state.tsText = `${new Date(ts).toISOString()},`;
  }
  const deviceId = Number(deviceValue);
  let prefix = state.prefixes.get(deviceId);
  if (prefix === undefined) {
    prefix = `${deviceId},${csvText(serials.get(deviceId) ?? '')},`;
    state.prefixes.set(deviceId, prefix);
  }
  return state.tsText + prefix;
}

function statusCell(status: unknown, state: TelemetryCsvState): string {
  if (typeof status !== 'string' || status === '') return '';
  let text = state.statuses.get(status);
  if (text === undefined) {
    text = csvText(status);
    state.statuses.set(status, text);
  }
  return text;
}

/** One page of rows as CSV records (CRLF-terminated), in the order given. */
export function encodeTelemetryPage(
  rows: readonly unknown[][],
  serials: ReadonlyMap<number, string>,
  state: TelemetryCsvState,
): string {
  let out = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out += `${rowStart(r[0], r[1], serials, state)}${num(r[2])},${num(r[3])},${num(r[4])},${num(r[5])},${statusCell(r[6], state)}\r\n`;
  }
  return out;
}

/**
 * SELECT expression for PostgreSQL: the four number columns as one text, `a,b,c,d` (null = empty),
 * in the wire's float text. One field instead of four: the pg driver's row parsing and the strings
 * it allocates were the larger part of the export's CPU.
 */
export const PG_NUMBERS_SQL = `COALESCE(s.hashrate_ths::text, '') || ',' || COALESCE(s.power_w::text, '') || ','
  || COALESCE(s.chip_temp_c::text, '') || ',' || COALESCE(s.gpu_util_pct::text, '')`;

/** `PG_NUMBERS_SQL`'s text as the CSV cells: as is when it is plain digits, else cell by cell. */
function joinedNumbers(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 44)) {
      return text
        .split(',')
        .map((v) => (v === '' ? '' : floatText(v)))
        .join(',');
    }
  }
  return text;
}

/** One page of PostgreSQL rows `[ts, device_id, PG_NUMBERS_SQL, status]`, as `encodeTelemetryPage`. */
export function encodeTelemetryJoinedPage(
  rows: readonly unknown[][],
  serials: ReadonlyMap<number, string>,
  state: TelemetryCsvState,
): string {
  let out = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out += `${rowStart(r[0], r[1], serials, state)}${joinedNumbers(String(r[2]))},${statusCell(r[3], state)}\r\n`;
  }
  return out;
}
