'use client';

import { useQuery } from '@tanstack/react-query';
import { Cpu, List } from 'lucide-react';
import Link from 'next/link';
import { AttentionTable } from '@/components/fleet/attention-table';
import { FleetKpis } from '@/components/fleet/fleet-kpis';
import { LiveIndicator } from '@/components/fleet/live-indicator';
import { devicesHref } from '@/components/fleet/status-items';
import { TotalsChartPanels } from '@/components/fleet/totals-chart-panels';
import { SiteEconomicsPanel } from '@/components/money/site-economics-panel';
import { SiteEnergyContractEditor } from '@/components/money/site-energy-contract-editor';
import { PageHeader } from '@/components/shell/page-header';
import { TopBarTitle } from '@/components/shell/page-title';
import { TimeRangePicker, useTimeRange } from '@/components/shell/time-range-picker';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toRangeParam } from '@/lib/api-client/range';
import { siteAttentionQuery, siteQuery, siteSummaryQuery } from '@/lib/api-client/sites';
import { formatNumber, formatPower } from '@/lib/format';
import { contractLabel } from './contract-label';
import { RackHeatmapPanel } from './rack-heatmap-panel';

/** Site page body: live KPIs, power vs capacity and hashrate over time, rack heatmap, worst devices. */
export function SiteDetail({ siteId, canOperate = false }: { siteId: number; canOperate?: boolean }) {
  const site = useQuery(siteQuery(siteId));
  const summary = useQuery(siteSummaryQuery(siteId));
  const attention = useQuery(siteAttentionQuery(siteId));
  const { range } = useTimeRange();

  if (site.error && !site.data) return <ErrorState error={site.error} onRetry={() => void site.refetch()} />;
  if (!site.data) return <Skeleton className="h-96 w-full" />;
  const data = site.data;

  return (
    <div className="flex flex-col gap-4">
      <TopBarTitle>
        <span className="font-normal text-muted-foreground">Sites / </span>
        {data.name}
      </TopBarTitle>
      <PageHeader
        className="mb-0"
        title={data.name}
        description={
          <>
            {[data.location, data.timezone].filter(Boolean).join(' · ')}
            <br />
            {formatNumber(data.deviceCount)} devices in {formatNumber(data.rackCount)} racks · grid connection{' '}
            {formatPower(data.powerCapacityKw * 1000)} · {contractLabel(data)} · PUE{' '}
            {formatNumber(data.pue, 2)}
          </>
        }
        actions={
          <>
            <LiveIndicator updatedAt={summary.dataUpdatedAt} failing={Boolean(summary.error)} />
            <Button asChild variant="outline" size="sm">
              <Link href={devicesHref({ siteId })}>
                <List aria-hidden />
                Devices
              </Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <Link href={`/sites/${siteId}/swarm`}>
                <Cpu aria-hidden />
                Swarm
              </Link>
            </Button>
            <TimeRangePicker />
          </>
        }
      />
      <FleetKpis
        siteId={siteId}
        showMoney={false}
        summary={summary.data}
        capacityKw={data.powerCapacityKw}
        statusHref={(status) => devicesHref({ status, siteId })}
      />
      <TotalsChartPanels
        siteId={siteId}
        range={toRangeParam(range)}
        timeZone={data.timezone}
        capacityKw={data.powerCapacityKw}
        description={`Times in ${data.timezone}`}
      />
      <SiteEconomicsPanel siteId={siteId} />
      <RackHeatmapPanel siteId={siteId} canOperate={canOperate} />
      <SiteEnergyContractEditor siteId={siteId} readOnly={!canOperate} />
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Needs attention</CardTitle>
            <CardDescription>Degraded and offline devices at this site</CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          <AttentionTable
            rows={attention.data}
            isLoading={attention.isPending}
            error={attention.data ? undefined : attention.error}
            onRetry={() => void attention.refetch()}
            showSite={false}
          />
        </CardContent>
      </Card>
    </div>
  );
}
