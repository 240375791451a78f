'use client';

import { useQuery } from '@tanstack/react-query';
import { Cpu } from 'lucide-react';
import { useQueryStates } from 'nuqs';
import { DataTable } from '@/components/data-table/data-table';
import { LiveIndicator } from '@/components/fleet/live-indicator';
import { TenantSelect } from '@/components/tenants/tenant-select';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { jobsQuery } from '@/lib/api-client/workloads';
import { cn } from '@/lib/cn';
import { formatNumber } from '@/lib/format';
import { JOB_STATUSES } from '@/lib/workloads/lifecycle';
import { CreateJobDialog } from './create-job-dialog';
import { jobColumns } from './job-columns';
import { jobSearchParams } from './job-search-params';

/** The AI job queue: status counts that double as filters, tenant and text filters in the URL. */
export function JobsView({ canOperate }: { canOperate: boolean }) {
  const [state, setState] = useQueryStates(jobSearchParams);
  const list = useQuery(jobsQuery({ status: state.status, tenantId: state.tenant, q: state.q }));
  const counts = list.data?.counts;
  const toggle = (status: (typeof JOB_STATUSES)[number]) =>
    void setState({
      status: state.status.includes(status)
        ? state.status.filter((s) => s !== status)
        : [...state.status, status],
    });
  const active = state.status.length > 0 || state.tenant !== null || state.q !== '';

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <fieldset
          className="flex flex-wrap gap-1"
          aria-label="Filter by status"
          data-testid="job-status-counts"
        >
          {JOB_STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={state.status.includes(s)}
              data-status={s}
              onClick={() => toggle(s)}
              className={cn(
                'inline-flex h-7 items-center gap-1.5 rounded-md border px-2 text-xs',
                state.status.includes(s)
                  ? 'border-primary bg-primary/10 text-foreground'
                  : 'text-muted-foreground',
              )}
            >
              {s}
              <span className="font-medium text-foreground tabular-nums">
                {formatNumber(counts?.[s] ?? 0)}
              </span>
            </button>
          ))}
        </fieldset>
        <Input
          aria-label="Search jobs"
          placeholder="Search name"
          className="h-7 w-44"
          value={state.q}
          onChange={(e) => void setState({ q: e.target.value || null })}
        />
        <TenantSelect
          aria-label="Tenant"
          noneLabel="All tenants"
          className="w-40"
          value={state.tenant === null ? '' : String(state.tenant)}
          onChange={(e) => void setState({ tenant: e.target.value ? Number(e.target.value) : null })}
        />
        {active && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => void setState({ status: null, tenant: null, q: null })}
          >
            Clear
          </Button>
        )}
        <div className="ml-auto flex items-center gap-2">
          <LiveIndicator updatedAt={list.dataUpdatedAt} failing={Boolean(list.error)} />
          {canOperate && <CreateJobDialog />}
        </div>
      </div>
      <DataTable
        data-testid="jobs-table"
        label="AI jobs"
        columns={jobColumns}
        rows={list.data?.data}
        getRowId={(j) => String(j.id)}
        getRowHref={(j) => `/workloads/jobs/${j.id}`}
        isLoading={list.isPending}
        isRefreshing={list.isPlaceholderData}
        error={list.error && !list.data ? list.error : undefined}
        onRetry={() => void list.refetch()}
        empty={
          active
            ? { icon: Cpu, title: 'No jobs match', description: 'Change or clear the filters.' }
            : {
                icon: Cpu,
                title: 'No AI jobs yet',
                description: 'Queue one with “New job” or POST /api/v1/jobs.',
              }
        }
      />
    </div>
  );
}
