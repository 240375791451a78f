'use client';

import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { StatusBar } from '@/components/sites/status-bar';
import type { SiteTotals } from '@/lib/api-client/types';
import { cn } from '@/lib/cn';
import { formatHashrate, formatNumber, formatPercent, formatPower } from '@/lib/format';

/** Power drawn as a share of the grid connection, with a bar that turns amber near the limit. */
export function CapacityUse({ powerW, capacityKw }: { powerW: number; capacityKw: number }) {
  const percent = capacityKw > 0 ? (powerW / (capacityKw * 1000)) * 100 : null;
  return (
    <span className="inline-flex items-center justify-end gap-2">
      <span className="w-12 text-right">{formatPercent(percent, 0)}</span>
      <span aria-hidden className="h-1.5 w-16 overflow-hidden rounded-full bg-muted">
        <span
          className={cn('block h-full rounded-full', (percent ?? 0) > 95 ? 'bg-warning' : 'bg-primary')}
          style={{ width: `${Math.min(100, percent ?? 0)}%` }}
        />
      </span>
    </span>
  );
}

const COLUMNS: ColumnDef<SiteTotals>[] = [
  {
    id: 'name',
    header: 'Site',
    cell: (row) => (
      <Link href={`/sites/${row.siteId}`} className="font-medium hover:underline">
        {row.siteName}
      </Link>
    ),
  },
  { id: 'devices', header: 'Devices', align: 'right', cell: (row) => formatNumber(row.devices) },
  { id: 'status', header: 'Status', cell: (row) => <StatusBar counts={row.statusCounts} /> },
  {
    id: 'reporting',
    header: 'Reporting',
    align: 'right',
    headerTitle: 'Devices with a sample in the last three expected intervals',
    cell: (row) => formatNumber(row.reporting),
  },
  { id: 'hashrate', header: 'Hashrate', align: 'right', cell: (row) => formatHashrate(row.hashrateThs) },
  { id: 'power', header: 'Power', align: 'right', cell: (row) => formatPower(row.powerW) },
  {
    id: 'capacity',
    header: 'Of capacity',
    align: 'right',
    headerTitle: 'Power drawn now as a share of the site’s grid connection',
    cell: (row) => <CapacityUse powerW={row.powerW} capacityKw={row.capacityKw} />,
  },
];

export function SiteTotalsTable({
  sites,
  isLoading,
}: {
  sites: readonly SiteTotals[] | undefined;
  isLoading?: boolean;
}) {
  return (
    <DataTable
      data-testid="site-totals-table"
      label="Sites"
      columns={COLUMNS}
      rows={sites}
      getRowId={(row) => String(row.siteId)}
      getRowHref={(row) => `/sites/${row.siteId}`}
      isLoading={isLoading}
      skeletonRows={3}
      maxHeight="none"
      empty={{ title: 'No sites yet' }}
    />
  );
}
