// XLSX via exceljs: one sheet per section plus a summary sheet, numbers as numbers with a format
// per column's digits, dates and instants as real Excel dates (UTC). Monthly reports fit in memory;
// raw dumps are CSV (exceljs' streaming writer ignores back-pressure).
import ExcelJS from 'exceljs';
import type { Column, Report } from './types';

function numberFormat(c: Column): string | undefined {
  if (c.type === 'date') return 'yyyy-mm-dd';
  if (c.type === 'datetime') return 'yyyy-mm-dd hh:mm:ss';
  if (c.type !== 'number') return undefined;
  const digits = c.digits ?? 2;
  return digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
}

function cellValue(c: Column, v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (c.type === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
  if (c.type === 'datetime' && typeof v === 'number') return new Date(v);
  return v as ExcelJS.CellValue;
}

export async function reportXlsx(report: Report): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Switchyard';
  book.created = new Date(report.toMs);
  const summary = book.addWorksheet('Summary');
  summary.columns = [
    { header: 'Figure', key: 'k', width: 28 },
    { header: 'Value', key: 'v', width: 20 },
  ];
  summary.addRow({ k: 'Report', v: report.title });
  summary.addRow({ k: 'From', v: new Date(report.fromMs) }).getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
  summary.addRow({ k: 'To', v: new Date(report.toMs) }).getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
  summary.addRow({ k: 'Time zone', v: report.timezone });
  for (const [k, v] of Object.entries(report.totals)) summary.addRow({ k, v });
  summary.getRow(1).font = { bold: true };
  for (const section of report.sections) {
    // Sheet names: ≤ 31 characters, none of : \ / ? * [ ].
    const sheet = book.addWorksheet(section.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
    sheet.columns = section.columns.map((c) => ({
      header: c.unit ? `${c.label} (${c.unit})` : c.label,
      key: c.key,
      width: Math.max(12, c.label.length + (c.unit?.length ?? 0) + 4),
      style: { numFmt: numberFormat(c) },
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of section.rows)
      sheet.addRow(Object.fromEntries(section.columns.map((c) => [c.key, cellValue(c, row[c.key])])));
  }
  return Uint8Array.from(Buffer.from(await book.xlsx.writeBuffer()));
}
