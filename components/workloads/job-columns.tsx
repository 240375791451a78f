import Link from 'next/link';
import type { ColumnDef } from '@/components/data-table/types';
import { TenantName } from '@/components/tenants/tenant-select';
import type { JobView } from '@/lib/api-client/types';
import { formatNumber, formatPercent, formatUsd, formatUsdPerGpuHour } from '@/lib/format';
import { JobStatusBadge } from './job-status';

export const jobColumns: ColumnDef<JobView>[] = [
  {
    id: 'name',
    header: 'Job',
    cell: (j) => (
      <Link href={`/workloads/jobs/${j.id}`} className="font-medium hover:underline">
        {j.name}
      </Link>
    ),
  },
  { id: 'status', header: 'Status', cell: (j) => <JobStatusBadge status={j.status} /> },
  { id: 'gpus', header: 'GPUs', align: 'right', cell: (j) => formatNumber(j.gpuCount) },
  {
    id: 'needs',
    header: 'Needs',
    cell: (j) =>
      [j.gpuModel, j.minGpuMemoryGb ? `≥${j.minGpuMemoryGb} GB` : null, j.multiNode ? 'multi-node' : null]
        .filter(Boolean)
        .join(' · ') || 'any GPU',
  },
  { id: 'hours', header: 'Expected', align: 'right', cell: (j) => `${formatNumber(j.expectedHours, 1)} h` },
  { id: 'price', header: 'Price', align: 'right', cell: (j) => formatUsdPerGpuHour(j.priceUsdPerGpuHour) },
  { id: 'progress', header: 'Progress', align: 'right', cell: (j) => formatPercent(j.progressPct, 0) },
  { id: 'gpuHours', header: 'GPU-h', align: 'right', cell: (j) => formatNumber(j.gpuHours, 2) },
  { id: 'revenue', header: 'Revenue', align: 'right', cell: (j) => formatUsd(j.revenueUsd) },
  { id: 'priority', header: 'Prio', align: 'right', cell: (j) => formatNumber(j.priority) },
  { id: 'tenant', header: 'Tenant', cell: (j) => <TenantName id={j.tenantId} /> },
  {
    id: 'reason',
    header: 'Note',
    className: 'max-w-64 truncate text-muted-foreground',
    cell: (j) => <span title={j.statusReason ?? undefined}>{j.statusReason ?? ''}</span>,
  },
];
