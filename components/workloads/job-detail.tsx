'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LiveIndicator } from '@/components/fleet/live-indicator';
import { useBrowserTimeZone } from '@/components/fleet/use-browser-time-zone';
import { TopBarTitle } from '@/components/shell/page-title';
import { TenantName } from '@/components/tenants/tenant-select';
import { Alert } from '@/components/ui/alert';
import { ErrorState } from '@/components/ui/error-state';
import { KpiCard } from '@/components/ui/kpi-card';
import { Skeleton } from '@/components/ui/skeleton';
import type { JobPlacementView, JobView } from '@/lib/api-client/types';
import { jobQuery } from '@/lib/api-client/workloads';
import { formatDateTime, formatNumber, formatPercent, formatUsd, formatUsdPerGpuHour } from '@/lib/format';
import { JobStatusBadge } from './job-status';
import { JobTransitions } from './job-transitions';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="flex flex-col gap-2" data-testid={testId}>
      <h2 className="font-semibold text-sm">{title}</h2>
      {children}
    </section>
  );
}

function PlacementTable({ rows, timeZone }: { rows: JobPlacementView[]; timeZone: string }) {
  if (rows.length === 0) return <p className="text-muted-foreground text-sm">Not placed on any server.</p>;
  return (
    <table className="w-full max-w-2xl text-sm">
      <thead className="text-left text-muted-foreground text-xs">
        <tr>
          <th className="py-1 font-medium">Server</th>
          <th className="py-1 text-right font-medium">GPUs</th>
          <th className="py-1 font-medium">From</th>
          <th className="py-1 font-medium">To</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={`${p.deviceId}-${p.from}`} className="border-t">
            <td className="py-1">
              <Link className="hover:underline" href={`/devices/${p.deviceId}`}>
                Device #{p.deviceId}
              </Link>
            </td>
            <td className="py-1 text-right tabular-nums">{formatNumber(p.gpus)}</td>
            <td className="py-1">{formatDateTime(Date.parse(p.from), timeZone)}</td>
            <td className="py-1">{p.to ? formatDateTime(Date.parse(p.to), timeZone) : 'now'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Facts({ job }: { job: JobView }) {
  const items: [string, ReactNode][] = [
    ['GPUs', `${job.gpuCount}${job.gpuModel ? ` × ${job.gpuModel}` : ''}`],
    ['Min GPU memory', job.minGpuMemoryGb ? `${job.minGpuMemoryGb} GB` : 'any'],
    ['Expected', `${formatNumber(job.expectedHours, 1)} h`],
    ['Price', formatUsdPerGpuHour(job.priceUsdPerGpuHour)],
    ['Priority', String(job.priority)],
    ['Preemptible', job.preemptible ? `yes (checkpoint ${job.checkpointIntervalMin ?? '?'} min)` : 'no'],
    ['Multi-node', job.multiNode ? 'allowed' : 'no'],
    ['Firm power', job.needsFirmPower ? 'required' : 'not needed'],
    ['Executor', job.executor],
    ['Tenant', <TenantName key="tenant" id={job.tenantId} />],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-5">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt className="text-muted-foreground text-xs">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Job page body: status and its legal next steps, accrued GPU-hours and revenue, placement, timeline. */
export function JobDetail({ jobId, canOperate }: { jobId: number; canOperate: boolean }) {
  const job = useQuery(jobQuery(jobId));
  const timeZone = useBrowserTimeZone();
  if (job.error && !job.data) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  if (!job.data) return <Skeleton className="h-96 w-full" />;
  const j = job.data;
  return (
    <div className="flex flex-col gap-5">
      <TopBarTitle>
        <span className="font-normal text-muted-foreground">Workloads / Jobs / </span>
        {j.name}
      </TopBarTitle>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="flex items-center gap-3 font-semibold text-lg">
          {j.name}
          <JobStatusBadge status={j.status} data-testid="job-status" className="text-sm" />
        </h2>
        <LiveIndicator updatedAt={job.dataUpdatedAt} failing={Boolean(job.error)} />
      </div>
      {j.statusReason && (
        <Alert variant={j.status === 'failed' ? 'destructive' : 'info'}>{j.statusReason}</Alert>
      )}
      {j.fit && !j.fit.ok && (
        <Alert variant="warning" title="Fits nowhere right now">
          {j.fit.reason}
        </Alert>
      )}
      {j.fit?.ok && (
        <Alert variant="info" title="Ready to place">
          Fits on {j.fit.deviceIds.length} server(s) now. Place it from the{' '}
          <Link className="underline" href="/workloads/board">
            Assignment board
          </Link>
          .
        </Alert>
      )}
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <KpiCard label="GPU-hours" value={formatNumber(j.gpuHours, 2)} data-testid="job-gpu-hours" />
        <KpiCard label="Revenue" value={formatUsd(j.revenueUsd)} data-testid="job-revenue" />
        <KpiCard label="Progress" value={formatPercent(j.progressPct, 0)} data-testid="job-progress" />
        <KpiCard
          label="Expected revenue"
          value={formatUsd(j.gpuCount * j.expectedHours * j.priceUsdPerGpuHour)}
          sub="GPUs × hours × price"
        />
      </div>
      {canOperate && <JobTransitions jobId={j.id} status={j.status} />}
      <Facts job={j} />
      <Section title="Placement" testId="job-placement">
        <PlacementTable rows={j.placement} timeZone={timeZone} />
      </Section>
      <Section title="Timeline" testId="job-timeline">
        <ol className="flex flex-col gap-1 border-l pl-4 text-sm">
          <li className="text-muted-foreground">
            Created {formatDateTime(Date.parse(j.createdAt), timeZone)}
          </li>
          {j.transitions.map((t) => (
            <li key={`${t.at}-${t.to}`} data-to={t.to}>
              <span className="tabular-nums">{formatDateTime(Date.parse(t.at), timeZone)}</span> · {t.from} →{' '}
              <strong>{t.to}</strong> <span className="text-muted-foreground">by {t.actor}</span>
              {t.reason && <span className="text-muted-foreground"> — {t.reason}</span>}
            </li>
          ))}
        </ol>
      </Section>
      {j.history.length > j.placement.length && (
        <Section title="Past placements">
          <PlacementTable rows={j.history.filter((h) => h.to !== null)} timeZone={timeZone} />
        </Section>
      )}
    </div>
  );
}
