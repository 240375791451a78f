import { chartOf } from './chart-data';
// The shape every report takes before it becomes JSON, CSV, XLSX or PDF: named sections of typed
// columns, so each format renders numbers as numbers and instants as dates without guessing.

export const REPORT_KINDS = ['performance', 'energy', 'revenue', 'jobs', 'incidents'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export type ColumnType = 'string' | 'number' | 'date' | 'datetime';
export type Column = { key: string; label: string; type: ColumnType; unit?: string; digits?: number };
export type Cell = string | number | null;
export type Row = Record<string, Cell>;
export type Section = { name: string; title: string; columns: Column[]; rows: Row[] };

export type Report = {
  kind: ReportKind;
  title: string;
  /** Who the report is about: a site, a tenant, or the fleet. */
  subject: string;
  /** Epoch ms, inclusive start / exclusive end. */
  fromMs: number;
  toMs: number;
  /** The zone the day boundaries were read in (the site's, or UTC across several sites). */
  timezone: string;
  /** The first section is the report's `rows`; further sections are breakdowns (per tenant, per customer). */
  sections: Section[];
  totals: Record<string, number | null>;
  notes: string[];
};

/** The JSON contract: `{ kind, from, to, rows, totals }` plus the breakdowns and notes. */
export function reportJson(report: Report) {
  const [main, ...rest] = report.sections;
  return {
    kind: report.kind,
    from: new Date(report.fromMs).toISOString(),
    to: new Date(report.toMs).toISOString(),
    timezone: report.timezone,
    rows: main?.rows ?? [],
    totals: report.totals,
    sections: Object.fromEntries(rest.map((s) => [s.name, s.rows])),
    notes: report.notes,
    columns: main?.columns ?? [],
    chart: chartOf(report),
  };
}
