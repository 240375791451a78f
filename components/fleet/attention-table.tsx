'use client';

import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import type { DeviceStatus } from '@/components/ui/device-status';
import { StatusBadge } from '@/components/ui/status-badge';
import { useNow } from '@/components/ui/use-now';
import type { WorstDevice } from '@/lib/api-client/types';
import { formatAge, formatPercent, formatTemperature } from '@/lib/format';

function columns(now: number, showSite: boolean): ColumnDef<WorstDevice>[] {
  const all: (ColumnDef<WorstDevice> | false)[] = [
    {
      id: 'status',
      header: 'Status',
      width: 110,
      cell: (row) => <StatusBadge status={row.status as DeviceStatus} />,
    },
    {
      id: 'name',
      header: 'Device',
      cell: (row) => (
        <span className="flex flex-col">
          <Link href={`/devices/${row.id}`} className="font-medium hover:underline">
            {row.name}
          </Link>
          {row.statusReason && (
            <span className="max-w-64 truncate text-muted-foreground text-xs">{row.statusReason}</span>
          )}
        </span>
      ),
    },
    showSite && { id: 'site', header: 'Site', cell: (row) => row.siteName },
    {
      id: 'hashratePct',
      header: 'Hashrate',
      headerTitle: 'Latest hashrate as a share of the model’s nominal hashrate',
      align: 'right',
      cell: (row) => (row.hashratePct === null ? '—' : formatPercent(row.hashratePct, 0)),
    },
    { id: 'temp', header: 'Temp', align: 'right', cell: (row) => formatTemperature(row.tempC) },
    {
      id: 'lastSeen',
      header: 'Last sample',
      align: 'right',
      cell: (row) => (
        <span suppressHydrationWarning>
          {row.lastSeenAt ? formatAge(Date.parse(row.lastSeenAt), now) : 'never'}
        </span>
      ),
    },
  ];
  return all.filter((column): column is ColumnDef<WorstDevice> => column !== false);
}

export interface AttentionTableProps {
  rows: readonly WorstDevice[] | undefined;
  isLoading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  showSite?: boolean;
}

/** Degraded and offline devices, worst first; rows open the device. */
export function AttentionTable({ rows, isLoading, error, onRetry, showSite = true }: AttentionTableProps) {
  const now = useNow(5000);
  return (
    <DataTable
      data-testid="attention-table"
      label="Devices that need attention"
      columns={columns(now, showSite)}
      rows={rows}
      getRowId={(row) => String(row.id)}
      getRowHref={(row) => `/devices/${row.id}`}
      isLoading={isLoading}
      error={error}
      onRetry={onRetry}
      skeletonRows={5}
      maxHeight="none"
      empty={{ title: 'All clear', description: 'No device is degraded or offline right now.' }}
    />
  );
}
