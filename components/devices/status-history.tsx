'use client';

import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import type { DeviceStatus } from '@/components/ui/device-status';
import { StatusBadge } from '@/components/ui/status-badge';
import { deviceStatusHistoryQuery } from '@/lib/api-client/devices';
import type { RangeParam } from '@/lib/api-client/range';
import type { StatusChange } from '@/lib/api-client/types';
import { formatDateTime } from '@/lib/format';

function columns(timeZone: string): ColumnDef<StatusChange>[] {
  return [
    {
      id: 'ts',
      header: `Time (${timeZone})`,
      width: 180,
      cell: (row) => (
        <time dateTime={row.ts}>{formatDateTime(Date.parse(row.ts), timeZone, { seconds: true })}</time>
      ),
    },
    {
      id: 'change',
      header: 'Change',
      width: 240,
      cell: (row) => (
        <span className="inline-flex items-center gap-2">
          <StatusBadge status={row.fromStatus as DeviceStatus} />
          <span aria-hidden className="text-muted-foreground">
            →
          </span>
          <span className="sr-only">to</span>
          <StatusBadge status={row.toStatus as DeviceStatus} />
        </span>
      ),
    },
    {
      id: 'reason',
      header: 'Reason',
      className: 'whitespace-normal text-muted-foreground',
      cell: (row) => row.reason ?? '—',
    },
  ];
}

/** Container: recorded status changes of a device in the selected range, newest first. */
export function StatusHistory({
  deviceId,
  range,
  timeZone,
}: {
  deviceId: number;
  range: RangeParam;
  timeZone: string;
}) {
  const history = useQuery(deviceStatusHistoryQuery(deviceId, range));
  return (
    <DataTable
      data-testid="status-history"
      label="Status history"
      columns={columns(timeZone)}
      rows={history.data}
      getRowId={(row) => `${row.ts}-${row.toStatus}`}
      isLoading={history.isPending}
      error={history.data ? undefined : history.error}
      onRetry={() => void history.refetch()}
      skeletonRows={3}
      maxHeight="20rem"
      empty={{
        icon: History,
        title: 'No status changes in this period',
        description: 'Widen the time range to look further back.',
      }}
    />
  );
}
