'use client';

import { useQuery } from '@tanstack/react-query';
import { Building2, House } from 'lucide-react';
import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { PageHeader } from '@/components/shell/page-header';
import { TopBarTitle } from '@/components/shell/page-title';
import { Button } from '@/components/ui/button';
import { tenantsQuery } from '@/lib/api-client/tenants';
import type { TenantView } from '@/lib/api-client/types';
import { EMPTY_VALUE, formatDate, formatNumber, formatUsd } from '@/lib/format';
import { TenantDialog } from './tenant-dialog';

const columns: ColumnDef<TenantView>[] = [
  { id: 'name', header: 'Name', cell: (t) => <span className="font-medium">{t.name}</span> },
  {
    id: 'perKwh',
    header: 'Rate per kWh',
    align: 'right',
    cell: (t) =>
      t.hostingRateUsdPerKwh === null
        ? EMPTY_VALUE
        : `${formatUsd(t.hostingRateUsdPerKwh, { decimals: 4 })}/kWh`,
  },
  {
    id: 'perDevice',
    header: 'Rate per device-month',
    align: 'right',
    cell: (t) =>
      t.hostingRateUsdPerDeviceMonth === null ? EMPTY_VALUE : formatUsd(t.hostingRateUsdPerDeviceMonth),
  },
  {
    id: 'timezone',
    header: 'Statement zone',
    cell: (t) => t.timezone ?? <span className="text-muted-foreground">site's zone</span>,
  },
  { id: 'devices', header: 'Devices', align: 'right', cell: (t) => formatNumber(t.devices) },
  { id: 'users', header: 'Users', align: 'right', cell: (t) => formatNumber(t.users) },
  { id: 'created', header: 'Created', cell: (t) => formatDate(Date.parse(t.createdAt), 'UTC') },
  {
    id: 'actions',
    header: <span className="sr-only">Actions</span>,
    align: 'right',
    cell: (t) => (
      <span className="flex justify-end gap-1">
        <Button variant="ghost" size="sm" asChild>
          <Link href={`/home?tenant=${t.id}`}>
            <House aria-hidden />
            Home<span className="sr-only"> of {t.name}</span>
          </Link>
        </Button>
        <TenantDialog tenant={t} />
      </span>
    ),
  },
];

/** Settings → Tenants: hosting clients with their terms and how many machines and users each has. */
export function TenantsView() {
  const tenants = useQuery(tenantsQuery());
  return (
    <>
      <TopBarTitle>
        <span className="font-normal text-muted-foreground">Settings / </span>
        Tenants
      </TopBarTitle>
      <PageHeader
        title="Tenants"
        description="Hosting clients. Move machines to a tenant from the Devices page (select rows, then “Move to tenant”)."
        actions={<TenantDialog />}
      />
      <DataTable
        data-testid="tenants-table"
        label="Tenants"
        columns={columns}
        rows={tenants.data}
        getRowId={(t) => String(t.id)}
        isLoading={tenants.isPending}
        error={tenants.error}
        onRetry={() => void tenants.refetch()}
        skeletonRows={3}
        maxHeight="none"
        empty={{
          icon: Building2,
          title: 'No tenants yet',
          description: 'Create one for each hosting client whose machines you run.',
        }}
      />
    </>
  );
}
