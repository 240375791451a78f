// RFC 4180 CSV with formula-injection defence. Pure.
import type { Cell, Column } from './types';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: a text starting with = + - @, tab or CR is prefixed with `'` so a spreadsheet shows it
 * as text instead of running it (OWASP CSV injection); numbers are written as numbers, so a
 * negative margin stays -12.5. Quotes when the text holds a comma, quote, CR or LF.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A value as the CSV shows it: instants as ISO-8601 UTC. */
export function csvValue(column: Column, value: Cell): Cell {
  if (column.type === 'datetime' && typeof value === 'number') return new Date(value).toISOString();
  return value;
}

export function csvHeader(columns: readonly Column[]): string {
  return csvLine(columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label)));
}
