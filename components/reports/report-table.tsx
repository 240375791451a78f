import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ReportJson } from '@/lib/api-client/types';

const PREVIEW_ROWS = 100;

function cell(type: string, digits: number | undefined, v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (type === 'datetime' && typeof v === 'number')
    return new Date(v).toISOString().slice(0, 16).replace('T', ' ');
  if (typeof v === 'number')
    return v.toLocaleString(undefined, {
      minimumFractionDigits: digits ?? 2,
      maximumFractionDigits: digits ?? 2,
    });
  return String(v);
}

/** The first rows of the report's main section; the download has all of them. */
export function ReportTable({ report }: { report: ReportJson }) {
  const rows = report.rows.slice(0, PREVIEW_ROWS);
  return (
    <div className="overflow-x-auto">
      <Table data-testid="report-table">
        <TableHeader>
          <TableRow>
            {report.columns.map((c) => (
              <TableHead key={c.key} className={c.type === 'number' ? 'text-right' : undefined}>
                {c.label}
                {c.unit ? ` (${c.unit})` : ''}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity of their own
            <TableRow key={i}>
              {report.columns.map((c) => (
                <TableCell
                  key={c.key}
                  className={c.type === 'number' ? 'text-right tabular-nums' : undefined}
                >
                  {cell(c.type, c.digits, r[c.key])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {report.rows.length > PREVIEW_ROWS && (
        <p className="mt-2 text-xs text-muted-foreground">
          Showing {PREVIEW_ROWS} of {report.rows.length} rows; downloads contain all of them.
        </p>
      )}
    </div>
  );
}
