'use client';

import { useQuery } from '@tanstack/react-query';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { decisionLogQuery } from '@/lib/api-client/allocation';
import { ApiError } from '@/lib/api-client/fetch';
import type { AllocationDecisionLogEntry } from '@/lib/api-client/types';
import { formatDateTime, formatNumber } from '@/lib/format';

const COLUMNS: readonly ColumnDef<AllocationDecisionLogEntry>[] = [
  { id: 'at', header: 'When', cell: (e) => formatDateTime(Date.parse(e.ts), 'UTC'), width: '10rem' },
  {
    id: 'mode',
    header: 'By',
    cell: (e) => (
      <span title={e.actorName}>
        <Badge variant={e.mode === 'auto' ? 'default' : 'secondary'}>{e.mode}</Badge>
      </span>
    ),
    width: '5rem',
  },
  { id: 'changed', header: 'Changed', cell: (e) => formatNumber(e.changed), align: 'right', width: '5rem' },
  { id: 'refused', header: 'Refused', cell: (e) => formatNumber(e.refused), align: 'right', width: '5rem' },
  { id: 'outcome', header: 'Outcome', cell: (e) => e.outcome, width: '6rem' },
  {
    id: 'summary',
    header: 'Summary',
    cell: (e) => <span className="text-muted-foreground text-xs">{e.summary}</span>,
  },
];

/** Every applied plan of a site, by hand or automatic, newest first. */
export function DecisionLog({ siteId }: { siteId: number }) {
  const log = useQuery(decisionLogQuery(siteId));
  const missing = log.error instanceof ApiError && log.error.status === 404;
  return (
    <Card data-testid="decision-log">
      <CardHeader>
        <CardTitle>Decision log</CardTitle>
        <CardDescription>
          Each applied plan with its inputs, so it can be re-run and explained.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {missing ? (
          <p className="text-muted-foreground text-sm">This server does not keep a decision log yet.</p>
        ) : (
          <DataTable
            label="Decision log"
            columns={COLUMNS}
            rows={log.data}
            getRowId={(e) => String(e.id)}
            isLoading={log.isPending}
            error={log.error && !log.data ? log.error : undefined}
            onRetry={() => void log.refetch()}
            empty={{ title: 'No decision yet', description: 'Applied plans appear here.' }}
            maxHeight="20rem"
          />
        )}
      </CardContent>
    </Card>
  );
}
