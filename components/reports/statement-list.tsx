// Stored monthly statements (lib/reports/statements.ts), newest month first, each a PDF download.
// Server-rendered from the caller's own list: a hosting client sees its own statements only.
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { StatementView } from '@/lib/reports/statements';

const money = (v: number | null | undefined) =>
  v === null || v === undefined
    ? '–'
    : v.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
const kwh = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: 1 });

export function StatementList({ statements }: { statements: StatementView[] }) {
  return (
    <Card className="mt-6" data-testid="statement-list">
      <CardHeader>
        <CardTitle>Monthly statements</CardTitle>
        <CardDescription>
          Each tenant’s energy and cost statement, made once the month has ended in the tenant’s time zone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {statements.length === 0 ? (
          <p className="text-sm text-muted-foreground">No statements yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Month</TableHead>
                  <TableHead>Tenant</TableHead>
                  <TableHead>Time zone</TableHead>
                  <TableHead className="text-right">Energy (kWh)</TableHead>
                  <TableHead className="text-right">Energy cost</TableHead>
                  <TableHead>File</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {statements.map((s) => (
                  <TableRow key={s.id} data-testid="statement-row">
                    <TableCell>{s.period}</TableCell>
                    <TableCell>{s.tenantName}</TableCell>
                    <TableCell>{s.timezone}</TableCell>
                    <TableCell className="text-right tabular-nums">{kwh(s.totals.energyKwh)}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(s.totals.energyCostUsd)}</TableCell>
                    <TableCell>
                      <a className="underline" href={s.downloadPath} download>
                        PDF ({Math.max(1, Math.round(s.sizeBytes / 1024))} KB)
                      </a>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
