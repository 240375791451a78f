'use client';

import { useQuery } from '@tanstack/react-query';
import { ArrowRight, Server } from 'lucide-react';
import Link from 'next/link';
import { BarBreakdown } from '@/components/charts/bar-breakdown';
import { ProjectionCard } from '@/components/money/projection-card';
import { PageHeader } from '@/components/shell/page-header';
import { TimeRangePicker, useTimeRange } from '@/components/shell/time-range-picker';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { fleetAttentionQuery, fleetSummaryQuery } from '@/lib/api-client/fleet';
import { toRangeParam } from '@/lib/api-client/range';
import { formatNumber } from '@/lib/format';
import { AttentionTable } from './attention-table';
import { ClassBreakdown } from './class-breakdown';
import { FleetKpis } from './fleet-kpis';
import { LiveIndicator } from './live-indicator';
import { SiteTotalsTable } from './site-totals-table';
import { devicesHref, statusBreakdownItems } from './status-items';
import { TotalsChartPanels } from './totals-chart-panels';
import { useBrowserTimeZone } from './use-browser-time-zone';

/** Fleet page body: live KPIs, totals over time, status and class breakdowns, sites, worst devices. */
export function FleetOverview() {
  const summary = useQuery(fleetSummaryQuery());
  const attention = useQuery(fleetAttentionQuery());
  const { range } = useTimeRange();
  const timeZone = useBrowserTimeZone();
  const data = summary.data;
  const capacityKw = data?.sites.reduce((sum, site) => sum + site.capacityKw, 0);

  if (summary.error && !data) {
    return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  }
  if (data && data.devices === 0) {
    return (
      <>
        <PageHeader title="Fleet" />
        <EmptyState
          icon={Server}
          title="No devices yet"
          description="Register devices through the API or import a CSV; they show up here once added."
          action={
            <Button asChild variant="outline" size="sm">
              <Link href="/devices">Go to devices</Link>
            </Button>
          }
        />
      </>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        className="mb-0"
        title="Fleet"
        description={
          data
            ? `${formatNumber(data.devices)} devices across ${formatNumber(data.sites.length)} sites`
            : 'Loading inventory…'
        }
        actions={
          <>
            <LiveIndicator updatedAt={summary.dataUpdatedAt} failing={Boolean(summary.error)} />
            <TimeRangePicker />
          </>
        }
      />
      <FleetKpis summary={data} capacityKw={capacityKw} statusHref={(status) => devicesHref({ status })} />
      <TotalsChartPanels
        range={toRangeParam(range)}
        timeZone={timeZone}
        description={`Whole fleet · times in ${timeZone}`}
      />
      <div className="grid gap-3 lg:grid-cols-3">
        <Card data-testid="status-breakdown" className="min-w-0">
          <CardHeader>
            <div>
              <CardTitle>Devices by status</CardTitle>
              <CardDescription>Click a status to list those devices</CardDescription>
            </div>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            <BarBreakdown
              label="Devices by status"
              items={statusBreakdownItems(data?.statusCounts ?? {}, (status) => devicesHref({ status }))}
            />
            {data && <ClassBreakdown classes={data.classes} />}
          </CardContent>
        </Card>
        <Card className="min-w-0 lg:col-span-2">
          <CardHeader>
            <div>
              <CardTitle>Needs attention</CardTitle>
              <CardDescription>
                Degraded first, then offline; lowest hashrate vs nominal first
              </CardDescription>
            </div>
            <Button asChild variant="ghost" size="sm">
              <Link href={devicesHref({ status: ['degraded', 'offline'] })}>
                All <ArrowRight aria-hidden />
              </Link>
            </Button>
          </CardHeader>
          <CardContent>
            <AttentionTable
              rows={attention.data}
              isLoading={attention.isPending}
              error={attention.data ? undefined : attention.error}
              onRetry={() => void attention.refetch()}
            />
          </CardContent>
        </Card>
      </div>
      <ProjectionCard />
      <section aria-labelledby="fleet-sites-heading" className="flex flex-col gap-2">
        <h2 id="fleet-sites-heading" className="font-semibold text-sm">
          Sites
        </h2>
        <SiteTotalsTable sites={data?.sites} isLoading={!data} />
      </section>
    </div>
  );
}
