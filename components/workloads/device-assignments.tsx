'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Badge } from '@/components/ui/badge';
import type { AssignmentView } from '@/lib/api-client/types';
import { deviceAssignmentsQuery, jobQuery } from '@/lib/api-client/workloads';
import { formatDateTime } from '@/lib/format';
import { workloadLabel } from './board-logic';
import { JobStatusBadge } from './job-status';

function columns(timeZone: string): ColumnDef<AssignmentView>[] {
  const at = (iso: string | null) => (iso ? formatDateTime(Date.parse(iso), timeZone) : 'now');
  return [
    {
      id: 'workload',
      header: 'Workload',
      cell: (a) =>
        a.jobId ? (
          <Link className="hover:underline" href={`/workloads/jobs/${a.jobId}`}>
            {workloadLabel(a)}
          </Link>
        ) : (
          workloadLabel(a)
        ),
    },
    { id: 'from', header: 'From', cell: (a) => at(a.from) },
    { id: 'to', header: 'To', cell: (a) => at(a.to) },
    {
      id: 'detail',
      header: 'Detail',
      cell: (a) =>
        [a.powerTargetW ? `${a.powerTargetW} W` : null, a.gpus ? `${a.gpus} GPUs` : null]
          .filter(Boolean)
          .join(' · '),
    },
    { id: 'source', header: 'Source', cell: (a) => a.source },
    { id: 'actor', header: 'By', cell: (a) => a.actor },
    { id: 'reason', header: 'Reason', className: 'text-muted-foreground', cell: (a) => a.reason ?? '' },
  ];
}

/** The device's current workload, expected pool and worker name, and its assignment history. */
export function DeviceAssignments({ deviceId, timeZone }: { deviceId: number; timeZone: string }) {
  const q = useQuery(deviceAssignmentsQuery(deviceId));
  const d = q.data;
  const jobId = d?.current?.jobId ?? null;
  const job = useQuery({ ...jobQuery(jobId ?? 0), enabled: jobId !== null });
  return (
    <section
      aria-labelledby="assignments-heading"
      className="flex flex-col gap-2"
      data-testid="device-assignments"
    >
      <h2 id="assignments-heading" className="font-semibold text-sm">
        Workload
      </h2>
      {d && (
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-muted-foreground text-xs">Now</dt>
            <dd className="flex items-center gap-2">
              <span data-testid="current-workload">{workloadLabel(d.current)}</span>
              {jobId !== null && job.data && (
                <JobStatusBadge status={job.data.status} data-testid="current-job-status" />
              )}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground text-xs">Expected pool</dt>
            <dd>{d.expectedPool ? `${d.expectedPool.name} (via ${d.expectedPool.via})` : '—'}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground text-xs">Expected worker</dt>
            <dd>
              <code className="text-xs" data-testid="expected-worker">
                {d.expectedPool?.workerName ?? '—'}
              </code>
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground text-xs">Reported pool</dt>
            <dd className="flex items-center gap-2">
              <code className="truncate text-xs">{d.reportedPoolUrl ?? '—'}</code>
              {d.poolMismatch && (
                <Badge variant="destructive" data-testid="pool-mismatch">
                  pool mismatch
                </Badge>
              )}
            </dd>
          </div>
        </dl>
      )}
      <DataTable
        data-testid="assignment-history"
        label="Assignment history"
        columns={columns(timeZone)}
        rows={d?.data}
        getRowId={(a) => String(a.id)}
        isLoading={q.isPending}
        error={q.error && !d ? q.error : undefined}
        onRetry={() => void q.refetch()}
        maxHeight="20rem"
        skeletonRows={3}
        empty={{ title: 'Never assigned', description: 'Assign it from Workloads → Assignment board.' }}
      />
    </section>
  );
}
