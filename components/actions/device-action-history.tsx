'use client';

import { useQuery } from '@tanstack/react-query';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { deviceActionsQuery } from '@/lib/api-client/actions';
import { ACTION_LABELS, pendingDetail, STATUS_LABELS, statusVariant } from './action-labels';

function formatTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-GB', { timeZone, dateStyle: 'short', timeStyle: 'medium' });
}

/** The device's remote actions, newest first: who asked, what happened and why. */
export function DeviceActionHistory({ deviceId, timeZone }: { deviceId: number; timeZone: string }) {
  const actions = useQuery(deviceActionsQuery(deviceId));
  const rows = actions.data?.data ?? [];
  return (
    <section aria-labelledby="action-history-heading" className="flex flex-col gap-2">
      <h2 id="action-history-heading" className="font-semibold text-sm">
        Actions
      </h2>
      {rows.length === 0 ? (
        <p className="text-muted-foreground text-sm">No remote actions yet.</p>
      ) : (
        <Table data-testid="action-history">
          <TableHeader>
            <TableRow>
              <TableHead>Requested</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Detail</TableHead>
              <TableHead>By</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((a) => (
              <TableRow key={a.id} data-testid="action-row">
                <TableCell className="tabular-nums">{formatTime(a.createdAt, timeZone)}</TableCell>
                <TableCell>
                  {ACTION_LABELS[a.action]}
                  {a.params.powerTargetW ? ` · ${a.params.powerTargetW} W` : ''}
                  {a.params.poolUrl ? ` · ${a.params.poolUrl}` : ''}
                  {a.simulated && (
                    <Badge variant="outline" className="ml-2">
                      simulated
                    </Badge>
                  )}
                </TableCell>
                <TableCell>
                  <Badge variant={statusVariant(a.status)} data-testid="action-status">
                    {STATUS_LABELS[a.status]}
                  </Badge>
                </TableCell>
                <TableCell className="max-w-md text-muted-foreground text-xs">
                  {a.status === 'pending' ? pendingDetail(a) : a.reason}
                </TableCell>
                <TableCell className="text-xs">{a.requestedBy}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
