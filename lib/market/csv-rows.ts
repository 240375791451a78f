import { parse } from 'csv-parse/sync';

export type CsvRow = { cells: string[]; line: number };

/**
 * Rows with their 1-based file line (the line a quoted multi-line record ends on), empty lines skipped.
 * The delimiter is `;` when the header has semicolons and no commas (European spreadsheet exports).
 */
export function readCsvRows(
  text: string,
): { ok: true; rows: CsvRow[]; delimiter: ',' | ';' } | { ok: false; message: string } {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  try {
    // csv-parse types `info: true` output as string[][]; the runtime shape is { record, info }.
    const records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { ok: true, rows: records.map((r) => ({ cells: r.record, line: r.info.lines })), delimiter };
  } catch (e) {
    return { ok: false, message: `not a readable CSV: ${e instanceof Error ? e.message : String(e)}` };
  }
}
