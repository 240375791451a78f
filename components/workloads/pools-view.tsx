'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pickaxe, Plus } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { LiveIndicator } from '@/components/fleet/live-indicator';
import { TenantName } from '@/components/tenants/tenant-select';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { invalidateWorkloads } from '@/lib/api-client/invalidate';
import type { PoolMismatch, PoolView } from '@/lib/api-client/types';
import { deletePool, poolMismatchesQuery, poolsQuery } from '@/lib/api-client/workloads';
import { formatNumber, formatPercent } from '@/lib/format';
import { PoolDialog } from './pool-dialog';

function poolColumns(
  canOperate: boolean,
  onEdit: (p: PoolView) => void,
  onDelete: (p: PoolView) => void,
): ColumnDef<PoolView>[] {
  const cols: ColumnDef<PoolView>[] = [
    { id: 'name', header: 'Pool', cell: (p) => <span className="font-medium">{p.name}</span> },
    {
      id: 'urls',
      header: 'Stratum URLs',
      cell: (p) => (
        <ol className="font-mono text-xs">
          {p.urls.map((u, i) => (
            <li key={u}>
              {i + 1}. {u}
            </li>
          ))}
        </ol>
      ),
    },
    {
      id: 'template',
      header: 'Worker template',
      cell: (p) => <code className="text-xs">{p.workerTemplate}</code>,
    },
    { id: 'fee', header: 'Fee', align: 'right', cell: (p) => formatPercent(p.feePct, 2) },
    { id: 'scheme', header: 'Payout', cell: (p) => p.payoutScheme.toUpperCase() },
    { id: 'tenant', header: 'Tenant', cell: (p) => <TenantName id={p.tenantId} /> },
    {
      id: 'coverage',
      header: 'Devices per site',
      cell: (p) =>
        p.sites.length === 0 ? (
          <span className="text-muted-foreground">none</span>
        ) : (
          <ul data-testid="pool-sites" className="text-xs">
            {p.sites.map((s) => (
              <li key={s.siteId}>
                {s.siteName}: <span className="tabular-nums">{formatNumber(s.devices)}</span>
              </li>
            ))}
          </ul>
        ),
    },
    {
      id: 'scopes',
      header: 'Covers',
      cell: (p) => (p.coverage.length ? p.coverage.map((c) => `${c.scope} ${c.name}`).join(', ') : '—'),
    },
    { id: 'devices', header: 'Devices', align: 'right', cell: (p) => formatNumber(p.deviceCount) },
  ];
  if (canOperate) {
    cols.push({
      id: 'actions',
      header: '',
      align: 'right',
      cell: (p) => (
        <span className="inline-flex gap-1">
          <Button size="sm" variant="ghost" onClick={() => onEdit(p)}>
            Edit
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onDelete(p)}>
            Delete
          </Button>
        </span>
      ),
    });
  }
  return cols;
}

const mismatchColumns: ColumnDef<PoolMismatch>[] = [
  {
    id: 'device',
    header: 'Device',
    cell: (m) => (
      <Link href={`/devices/${m.deviceId}`} className="font-medium hover:underline">
        {m.deviceName}
      </Link>
    ),
  },
  { id: 'site', header: 'Site', cell: (m) => m.siteName },
  {
    id: 'reported',
    header: 'Mining on',
    cell: (m) => <code className="text-destructive text-xs">{m.reportedPoolUrl}</code>,
  },
  {
    id: 'expected',
    header: 'Should be on',
    cell: (m) => `${m.expectedPoolName} (${m.expectedUrls[0] ?? ''})`,
  },
  {
    id: 'worker',
    header: 'Expected worker',
    cell: (m) => <code className="text-xs">{m.expectedWorkerName}</code>,
  },
];

/** Pool profiles with their coverage, and the devices mining somewhere they should not. */
export function PoolsView({ canOperate }: { canOperate: boolean }) {
  const queryClient = useQueryClient();
  const pools = useQuery(poolsQuery());
  const mismatches = useQuery(poolMismatchesQuery());
  const [editing, setEditing] = useState<PoolView | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (p: PoolView) => deletePool(p.id),
    onSuccess: () => void invalidateWorkloads(queryClient),
  });
  const onDelete = (p: PoolView) => {
    if (window.confirm(`Delete pool ${p.name}?`)) remove.mutate(p);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-semibold text-sm">Pool profiles</h2>
        <div className="flex items-center gap-2">
          <LiveIndicator updatedAt={pools.dataUpdatedAt} failing={Boolean(pools.error)} />
          {canOperate && (
            <Button onClick={() => setEditing('new')} data-testid="create-pool">
              <Plus aria-hidden />
              New pool
            </Button>
          )}
        </div>
      </div>
      {remove.error && (
        <Alert variant="destructive" title="Pool not deleted">
          {remove.error.message}
        </Alert>
      )}
      <DataTable
        data-testid="pools-table"
        label="Pool profiles"
        columns={poolColumns(canOperate, setEditing, onDelete)}
        rows={pools.data}
        getRowId={(p) => String(p.id)}
        isLoading={pools.isPending}
        error={pools.error && !pools.data ? pools.error : undefined}
        onRetry={() => void pools.refetch()}
        maxHeight="none"
        empty={{
          icon: Pickaxe,
          title: 'No pool profiles yet',
          description: 'Create one, then assign it from the Assignment board.',
        }}
      />
      <h2 className="font-semibold text-sm">Pool mismatches</h2>
      <DataTable
        data-testid="mismatches-table"
        label="Devices mining on the wrong pool"
        columns={mismatchColumns}
        rows={mismatches.data}
        getRowId={(m) => String(m.deviceId)}
        isLoading={mismatches.isPending}
        error={mismatches.error && !mismatches.data ? mismatches.error : undefined}
        onRetry={() => void mismatches.refetch()}
        maxHeight="24rem"
        empty={{
          title: 'No mismatches',
          description: 'Every device that reports a pool is mining where it should.',
        }}
      />
      {editing && (
        <PoolDialog
          key={editing === 'new' ? 'new' : editing.id}
          open
          onOpenChange={(open) => !open && setEditing(null)}
          pool={editing === 'new' ? undefined : editing}
        />
      )}
    </div>
  );
}
