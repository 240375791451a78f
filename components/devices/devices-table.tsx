'use client';

import { useQuery } from '@tanstack/react-query';
import { Radar, Server } from 'lucide-react';
import Link from 'next/link';
import { useQueryStates } from 'nuqs';
import { useCallback, useState } from 'react';
import { BatchProgress } from '@/components/actions/batch-progress';
import { BulkActions } from '@/components/actions/bulk-actions';
import { DataTable } from '@/components/data-table/data-table';
import { LiveIndicator } from '@/components/fleet/live-indicator';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { CursorPagination } from '@/components/ui/pagination';
import { useNow } from '@/components/ui/use-now';
import { devicesListQuery } from '@/lib/api-client/devices';
import { formatNumber } from '@/lib/format';
import { deviceColumns } from './device-columns';
import { DeviceFilters, type DeviceFilterValues } from './device-filters';
import { deviceSearchParams, hasFilters, toDeviceListParams } from './device-search-params';
import { MoveTenantDialog } from './move-tenant-dialog';

/** Devices page body: filters, server-sorted live table, cursor pagination — all state in the URL. */
export function DevicesTable({
  canMoveTenants = false,
  canOperate = false,
}: {
  canMoveTenants?: boolean;
  canOperate?: boolean;
}) {
  const [state, setState] = useQueryStates(deviceSearchParams);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const params = toDeviceListParams(state);
  const list = useQuery(devicesListQuery(params));
  const now = useNow(5000);
  const page = state.after.length;
  const rows = list.data?.data;
  const total = list.data?.total ?? 0;

  // Any change of filter, sort or page size starts again at the first page.
  const setFilters = useCallback(
    (patch: Partial<DeviceFilterValues>) => void setState({ ...patch, after: null }),
    [setState],
  );
  const first = page * params.limit + 1;
  const last = page * params.limit + (rows?.length ?? 0);
  const active = hasFilters(state);
  // "All matching" only under a filter, so a bulk action can never widen to the whole fleet.
  const filter = active
    ? {
        ...(params.siteId ? { siteId: params.siteId } : {}),
        ...(params.class?.length ? { class: [...params.class] } : {}),
        ...(params.status?.length ? { status: [...params.status] } : {}),
        ...(params.q ? { q: params.q } : {}),
      }
    : null;

  return (
    <div className="flex flex-col gap-3">
      <PageHeader
        className="mb-0"
        title="Devices"
        description={list.data ? `${formatNumber(total)} ${active ? 'matching' : ''} devices` : 'Loading…'}
        actions={
          <>
            {canOperate && (
              <BulkActions
                selectedIds={[...selected].map(Number)}
                filter={filter}
                matching={total}
                onStarted={(batch) => {
                  setSelected(new Set());
                  void setState({ batch });
                }}
              />
            )}
            {canMoveTenants && (
              <MoveTenantDialog
                deviceIds={[...selected].map(Number)}
                onMoved={() => setSelected(new Set())}
              />
            )}
            <LiveIndicator updatedAt={list.dataUpdatedAt} failing={Boolean(list.error)} />
            <Button asChild variant="outline" size="sm">
              <Link href="/devices/discovery">
                <Radar aria-hidden />
                Discover
              </Link>
            </Button>
          </>
        }
      >
        <DeviceFilters
          values={state}
          onChange={setFilters}
          active={active}
          onReset={() => void setState({ q: null, site: null, class: null, status: null, after: null })}
        />
      </PageHeader>
      {state.batch && (
        <BatchProgress batchId={state.batch} onDismiss={() => void setState({ batch: null })} />
      )}
      <DataTable
        data-testid="devices-table"
        label="Devices"
        columns={deviceColumns(now)}
        rows={rows}
        getRowId={(row) => String(row.id)}
        getRowHref={(row) => `/devices/${row.id}`}
        selection={
          canMoveTenants || canOperate
            ? { selectedIds: selected, onSelectedIdsChange: setSelected }
            : undefined
        }
        sort={{ id: params.sort, direction: params.dir }}
        onSortChange={(sort) => void setState({ sort, after: null })}
        isLoading={list.isPending}
        isRefreshing={list.isPlaceholderData}
        error={list.error && !list.data ? list.error : undefined}
        onRetry={() => void list.refetch()}
        maxHeight="calc(100dvh - 16rem)"
        empty={
          active
            ? { icon: Server, title: 'No devices match', description: 'Change or clear the filters.' }
            : {
                icon: Server,
                title: 'No devices yet',
                description:
                  'Register devices with POST /api/v1/devices or import a CSV (POST /api/v1/devices/import).',
              }
        }
        footer={
          <CursorPagination
            hasPrevious={page > 0}
            hasNext={Boolean(list.data?.nextCursor)}
            onPrevious={() => void setState({ after: state.after.slice(0, -1) })}
            onNext={() => {
              const next = list.data?.nextCursor;
              if (next) void setState({ after: [...state.after, next] });
            }}
            pageSize={params.limit}
            onPageSizeChange={(size) => void setState({ size, after: null })}
            isLoading={list.isPlaceholderData}
            summary={
              <span data-testid="pagination-summary">
                {rows && rows.length > 0
                  ? `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}`
                  : `${formatNumber(total)} devices`}
              </span>
            }
          />
        }
      />
    </div>
  );
}
