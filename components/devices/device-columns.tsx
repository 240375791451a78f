import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ColumnDef } from '@/components/data-table/types';
import { classLabel } from '@/components/fleet/class-breakdown';
import type { DeviceStatus } from '@/components/ui/device-status';
import { StatusBadge } from '@/components/ui/status-badge';
import type { DeviceRow } from '@/lib/api-client/types';
import { cn } from '@/lib/cn';
import {
  EMPTY_VALUE,
  formatAge,
  formatHashrate,
  formatPercent,
  formatPower,
  formatTemperature,
} from '@/lib/format';
import { hashrateShare, placement } from './device-format';

function Sub({ children, warn = false }: { children: ReactNode; warn?: boolean }) {
  return (
    <span
      className={cn(
        'block text-muted-foreground text-xs',
        warn && 'text-warning-foreground dark:text-warning',
      )}
    >
      {children}
    </span>
  );
}

/** Device table columns; ids are the API's sort keys. `now` drives the "last sample" ages. */
export function deviceColumns(now: number): ColumnDef<DeviceRow>[] {
  return [
    {
      id: 'status',
      header: 'Status',
      sortable: true,
      width: 116,
      cell: (row) => <StatusBadge status={row.status as DeviceStatus} />,
    },
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      cell: (row) => (
        <Link href={`/devices/${row.id}`} className="font-medium hover:underline">
          {row.name}
        </Link>
      ),
    },
    {
      id: 'serial',
      header: 'Serial',
      sortable: true,
      cell: (row) => <span className="font-mono text-muted-foreground text-xs">{row.serial}</span>,
    },
    {
      id: 'site',
      header: 'Site',
      sortable: true,
      cell: (row) => (
        <span>
          {row.siteName}
          <Sub>{placement(row)}</Sub>
        </span>
      ),
    },
    {
      id: 'model',
      header: 'Model',
      sortable: true,
      cell: (row) => (
        <span>
          {row.model}
          <Sub>
            {row.vendor} · {classLabel(row.class)}
          </Sub>
        </span>
      ),
    },
    {
      id: 'hashrate',
      header: 'Hashrate',
      sortable: true,
      sortDescFirst: true,
      align: 'right',
      headerTitle: 'Latest hashrate, and its share of the model’s nominal hashrate',
      cell: (row) => {
        if (row.class === 'gpu') {
          return (
            <span>
              {EMPTY_VALUE}
              <Sub>GPU {formatPercent(row.gpuUtilPct, 0)} busy</Sub>
            </span>
          );
        }
        const share = hashrateShare(row);
        return (
          <span>
            {formatHashrate(row.hashrateThs)}
            <Sub warn={share !== null && share < 85}>{formatPercent(share, 0)} of nominal</Sub>
          </span>
        );
      },
    },
    {
      id: 'power',
      header: 'Power',
      sortable: true,
      sortDescFirst: true,
      align: 'right',
      cell: (row) => formatPower(row.powerW),
    },
    {
      id: 'temp',
      header: 'Temp',
      sortable: true,
      sortDescFirst: true,
      align: 'right',
      headerTitle: 'Chip temperature (GPU temperature for GPU servers)',
      cell: (row) => formatTemperature(row.tempC),
    },
    {
      id: 'lastSeen',
      header: 'Last sample',
      sortable: true,
      sortDescFirst: true,
      align: 'right',
      cell: (row) => (
        <span suppressHydrationWarning>
          {row.lastSeenAt ? formatAge(Date.parse(row.lastSeenAt), now) : 'never'}
        </span>
      ),
    },
  ];
}
