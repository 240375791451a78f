// CSV as a pull-based ReadableStream: the next page is produced only when the client has read the
// last one, so a slow download holds one page in memory, never the whole export.
import { csvHeader, csvLine, csvValue } from './csv';
import type { Cell, Column, Report, Row } from './types';

const encoder = new TextEncoder();

/** Streams pages from `nextPage` (null = done) after the header. */
export function pagedCsvStream<C>(
  columns: readonly Column[],
  nextPage: (cursor: C | null) => Promise<{ rows: Cell[][]; cursor: C | null }>,
): ReadableStream<Uint8Array> {
  let cursor: C | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvHeader(columns)));
          return;
        }
        if (done) return controller.close();
        const page = await nextPage(cursor);
        cursor = page.cursor;
        done = cursor === null;
        let text = '';
        for (const cells of page.rows) text += csvLine(cells);
        if (text) controller.enqueue(encoder.encode(text));
        if (done) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}

/** A built report's first section (what `rows` holds in JSON) as CSV, paged out of memory. */
export function reportCsvStream(report: Report, pageRows = 2000): ReadableStream<Uint8Array> {
  const section = report.sections[0]!;
  const toCells = (r: Row) => section.columns.map((c) => csvValue(c, r[c.key] ?? null));
  return pagedCsvStream<number>(section.columns, async (at) => {
    const start = at ?? 0;
    const rows = section.rows.slice(start, start + pageRows).map(toCells);
    const next = start + pageRows;
    return { rows, cursor: next < section.rows.length ? next : null };
  });
}
