// A statement as PDF via pdfkit: summary figures, one bar chart, the section tables. The font is
// Noto Sans from @fontsource (OFL), read from disk: nothing is fetched, and ₿ (U+20BF, only in the
// latin-ext subset) renders, which pdfkit's built-in WinAnsi fonts cannot.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { chartOf } from './chart-data';
import { getOrInit } from './facts';
import type { Column, Report } from './types';
import { woffToSfnt } from './woff';

const FONT_DIR = path.join(process.cwd(), 'node_modules', '@fontsource', 'noto-sans', 'files');
const fonts = new Map<string, Buffer>();
function font(file: string): Buffer {
  return getOrInit(fonts, file, () => woffToSfnt(readFileSync(path.join(FONT_DIR, file))));
}

/** Rows per table in the PDF; the full data is in the CSV/XLSX of the same report. */
const MAX_TABLE_ROWS = 400;
/**
 * Table rows laid out between turns of the event loop. pdfkit lays text out synchronously (~1 ms a
 * row here); the server's HTTP and jobs share this thread, so a long table must not hold it.
 */
const ROWS_PER_TURN = 25;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function formatCell(c: Column, v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (c.type === 'datetime' && typeof v === 'number')
    return new Date(v).toISOString().slice(0, 16).replace('T', ' ');
  if (typeof v === 'number')
    return v.toLocaleString('en-US', {
      minimumFractionDigits: c.digits ?? 2,
      maximumFractionDigits: c.digits ?? 2,
    });
  return String(v);
}

/** Text in the latin subset, with ₿ (only in the latin-ext subset) switched to that font per run. */
function mixedText(doc: PDFKit.PDFDocument, text: string) {
  const parts = text.split(/(₿)/).filter(Boolean);
  parts.forEach((part, i) => {
    doc.font(part === '₿' ? 'ext' : 'body').text(part, { continued: i < parts.length - 1 });
  });
  doc.font('body');
}

export async function reportPdf(report: Report, subject: string): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: `${report.title} – ${subject}`, Creator: 'Switchyard' },
  });
  doc.registerFont('body', font('noto-sans-latin-400-normal.woff'));
  doc.registerFont('bold', font('noto-sans-latin-700-normal.woff'));
  doc.registerFont('ext', font('noto-sans-latin-ext-400-normal.woff'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const width = doc.page.width - 80;

  doc.font('bold').fontSize(18).text(`${report.title} – ${subject}`);
  const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  doc
    .font('body')
    .fontSize(10)
    .text(`${fmt(report.fromMs)} to ${fmt(report.toMs)} UTC · days in ${report.timezone}`);
  doc.moveDown();
  doc.font('bold').fontSize(12).text('Summary');
  doc.font('body').fontSize(10);
  for (const [k, v] of Object.entries(report.totals)) {
    const label = k === 'costPerBtcUsd' ? 'Cost per ₿ (USD)' : k;
    mixedText(doc, `${label}: ${v === null ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: 4 })}`);
  }
  doc.font('body');
  for (const note of report.notes)
    doc.fontSize(8).fillColor('#555').text(note).fillColor('black').fontSize(10);

  const chart = chartOf(report);
  doc.moveDown().font('bold').fontSize(12).text(`${chart.title} (${chart.unit})`);
  const top = doc.y + 4;
  const height = 140;
  const max = Math.max(1e-9, ...chart.points.map((p) => Math.abs(p.value)));
  const barW = chart.points.length ? width / chart.points.length : width;
  doc.rect(40, top, width, height).strokeColor('#999').stroke();
  for (const [i, p] of chart.points.entries()) {
    const h = (Math.abs(p.value) / max) * (height - 10);
    doc
      .rect(40 + i * barW + 1, top + height - h, Math.max(1, barW - 2), h)
      .fill(p.value < 0 ? '#c0392b' : '#2e86c1');
  }
  doc.fillColor('black').font('body').fontSize(7);
  if (chart.points.length)
    doc.text(
      `${chart.points[0]!.label} … ${chart.points.at(-1)!.label} · max ${max.toLocaleString('en-US', { maximumFractionDigits: 2 })}`,
      40,
      top + height + 2,
    );
  doc.y = top + height + 16;

  for (const section of report.sections) {
    await yieldToLoop();
    doc.addPage().font('bold').fontSize(12).text(section.title, 40);
    const cols = section.columns.slice(0, 9);
    const colW = width / cols.length;
    const header = () => {
      doc.font('bold').fontSize(7);
      const y = doc.y;
      cols.forEach((c, i) => {
        doc.text(c.unit ? `${c.label} (${c.unit})` : c.label, 40 + i * colW, y, { width: colW - 4 });
      });
      doc.moveDown(0.5);
      doc.font('body');
    };
    header();
    for (const [n, row] of section.rows.slice(0, MAX_TABLE_ROWS).entries()) {
      if (n % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToLoop();
      if (doc.y > doc.page.height - 60) {
        doc.addPage();
        header();
      }
      const y = doc.y;
      cols.forEach((c, i) => {
        doc.text(formatCell(c, row[c.key]), 40 + i * colW, y, {
          width: colW - 4,
          align: c.type === 'number' ? 'right' : 'left',
          lineBreak: false,
          ellipsis: true,
        });
      });
      doc.y = y + 10;
    }
    if (section.rows.length > MAX_TABLE_ROWS)
      doc
        .moveDown()
        .fontSize(8)
        .text(`${section.rows.length - MAX_TABLE_ROWS} more rows in the CSV and XLSX of this report.`, 40);
  }
  doc.end();
  await ended;
  return Uint8Array.from(Buffer.concat(chunks));
}
