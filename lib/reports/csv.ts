// RFC 4180 CSV with formula-injection defence. Pure.
import type { Cell, Column } from './types';

/** = + - @ tab CR: the characters a spreadsheet reads as the start of a formula. */
function startsFormula(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** A quote, comma, CR or LF anywhere forces quoting; one scan, no regex, no allocation. */
function needsQuotes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 44 || c === 13 || c === 10) return true;
  }
  return false;
}

/**
 * A text cell: a text starting with = + - @, tab or CR is prefixed with `'` so a spreadsheet
 * shows it as text instead of running it (OWASP CSV injection); quoted when it holds a comma,
 * quote, CR or LF.
 */
export function csvText(value: string): string {
  const text = startsFormula(value) ? `'${value}` : value;
  return needsQuotes(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A number cell: written as a number (a negative margin stays -12.5); NaN/∞ become empty. */
export function csvNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** One cell: numbers as numbers, texts defanged and quoted, null empty. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  return typeof value === 'number' ? csvNumber(value) : csvText(value);
}

export function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += i === 0 ? csvCell(cells[i]!) : `,${csvCell(cells[i]!)}`;
  return `${line}\r\n`;
}

/** A value as the CSV shows it: instants as ISO-8601 UTC. */
export function csvValue(column: Column, value: Cell): Cell {
  if (column.type === 'datetime' && typeof value === 'number') return new Date(value).toISOString();
  return value;
}

export function csvHeader(columns: readonly Column[]): string {
  return csvLine(columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label)));
}
