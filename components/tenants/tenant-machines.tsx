'use client';

import { useQuery } from '@tanstack/react-query';
import { Server } from 'lucide-react';
import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table';
import { deviceColumns } from '@/components/devices/device-columns';
import { useNow } from '@/components/ui/use-now';
import type { DeviceListParams } from '@/lib/api-client/device-list-params';
import { devicesListQuery } from '@/lib/api-client/devices';
import type { DeviceRow } from '@/lib/api-client/types';

export const HOME_MACHINES: DeviceListParams = { sort: 'name', dir: 'asc', limit: 100 };

/**
 * The client's machines, live (the device API is tenant-scoped; a client never sees another's).
 * A staff preview passes the rows read as the tenant instead: the API would answer with the fleet.
 */
export function TenantMachines({ total, preview }: { total: number; preview?: DeviceRow[] }) {
  const query = useQuery({ ...devicesListQuery(HOME_MACHINES), enabled: !preview });
  const list = preview
    ? { data: { data: preview }, isPending: false, error: null, refetch: () => undefined }
    : query;
  const now = useNow(5000);
  return (
    <DataTable
      data-testid="tenant-machines"
      label="Your machines"
      columns={deviceColumns(now)}
      rows={list.data?.data}
      getRowId={(row) => String(row.id)}
      getRowHref={(row) => `/devices/${row.id}`}
      isLoading={list.isPending}
      error={list.error && !list.data ? list.error : undefined}
      onRetry={() => void list.refetch()}
      maxHeight="none"
      empty={{ icon: Server, title: 'No machines yet', description: 'Your provider has not assigned any.' }}
      footer={
        total > HOME_MACHINES.limit ? (
          <Link href="/devices" className="text-primary text-xs hover:underline">
            All {total} machines →
          </Link>
        ) : undefined
      }
    />
  );
}
