'use client';

import { useQuery } from '@tanstack/react-query';
import { Factory } from 'lucide-react';
import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { classLabel } from '@/components/fleet/class-breakdown';
import { LiveIndicator } from '@/components/fleet/live-indicator';
import { CapacityUse } from '@/components/fleet/site-totals-table';
import { PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { fleetSummaryQuery } from '@/lib/api-client/fleet';
import { sitesListQuery } from '@/lib/api-client/sites';
import type { SiteTotals, SiteView } from '@/lib/api-client/types';
import { formatHashrate, formatNumber, formatPower } from '@/lib/format';
import { contractLabel } from './contract-label';
import { StatusBar } from './status-bar';

type SiteRow = SiteView & { live: SiteTotals | undefined };

const COLUMNS: ColumnDef<SiteRow>[] = [
  {
    id: 'name',
    header: 'Site',
    cell: (row) => (
      <span className="flex flex-col">
        <Link href={`/sites/${row.id}`} className="font-medium hover:underline">
          {row.name}
        </Link>
        <span className="max-w-72 truncate text-muted-foreground text-xs">
          {row.location ?? row.timezone}
        </span>
      </span>
    ),
  },
  {
    id: 'devices',
    header: 'Devices',
    align: 'right',
    cell: (row) => (
      <span className="flex flex-col items-end">
        {formatNumber(row.deviceCount)}
        <span className="text-muted-foreground text-xs">
          {Object.entries(row.classCounts)
            .map(([deviceClass, count]) => `${formatNumber(count)} ${classLabel(deviceClass).split(' ')[0]}`)
            .join(' · ')}
        </span>
      </span>
    ),
  },
  { id: 'status', header: 'Status', cell: (row) => <StatusBar counts={row.statusCounts} /> },
  { id: 'racks', header: 'Racks', align: 'right', cell: (row) => formatNumber(row.rackCount) },
  {
    id: 'hashrate',
    header: 'Hashrate',
    align: 'right',
    cell: (row) => formatHashrate(row.live?.hashrateThs),
  },
  {
    id: 'power',
    header: 'Power',
    align: 'right',
    headerTitle: 'Power drawn now, and the nameplate power of all devices',
    cell: (row) => (
      <span className="flex flex-col items-end">
        {formatPower(row.live?.powerW)}
        <span className="text-muted-foreground text-xs">
          nameplate {formatPower(row.nameplatePowerKw * 1000)}
        </span>
      </span>
    ),
  },
  {
    id: 'capacity',
    header: 'Of capacity',
    align: 'right',
    headerTitle: 'Power drawn now as a share of the site’s grid connection',
    cell: (row) => (
      <span className="flex flex-col items-end">
        <CapacityUse powerW={row.live?.powerW ?? 0} capacityKw={row.powerCapacityKw} />
        <span className="text-muted-foreground text-xs">{formatPower(row.powerCapacityKw * 1000)}</span>
      </span>
    ),
  },
  {
    id: 'contract',
    header: 'Energy',
    cell: (row) => (
      <span className="flex flex-col gap-0.5">
        <span className="max-w-56 truncate">{contractLabel(row)}</span>
        <span className="flex gap-1">
          <span className="text-muted-foreground text-xs">PUE {formatNumber(row.pue, 2)}</span>
          {row.curtailable && <Badge variant="secondary">curtailable</Badge>}
          {row.firmPower && <Badge variant="secondary">firm power</Badge>}
        </span>
      </span>
    ),
  },
];

/** Sites page body: inventory per site with live power against the grid connection. */
export function SitesTable() {
  const sites = useQuery(sitesListQuery());
  const summary = useQuery(fleetSummaryQuery());
  const live = new Map(summary.data?.sites.map((site) => [site.siteId, site]));
  const rows = sites.data?.map((site) => ({ ...site, live: live.get(site.id) }));
  return (
    <>
      <PageHeader
        title="Sites"
        description={
          sites.data ? `${formatNumber(sites.data.length)} sites` : 'Sites, racks and their grid connections'
        }
        actions={<LiveIndicator updatedAt={summary.dataUpdatedAt} failing={Boolean(summary.error)} />}
      />
      <DataTable
        data-testid="sites-table"
        label="Sites"
        columns={COLUMNS}
        rows={rows}
        getRowId={(row) => String(row.id)}
        getRowHref={(row) => `/sites/${row.id}`}
        isLoading={sites.isPending}
        error={sites.error}
        onRetry={() => void sites.refetch()}
        skeletonRows={3}
        maxHeight="none"
        empty={{
          icon: Factory,
          title: 'No sites yet',
          description: 'Create a site through POST /api/v1/sites (admin), then add racks and devices.',
        }}
      />
    </>
  );
}
