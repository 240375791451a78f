'use client';

import { useQuery } from '@tanstack/react-query';
import { DeviceActionHistory } from '@/components/actions/device-action-history';
import { DeviceActionsMenu } from '@/components/actions/device-actions';
import { DeviceAlerts } from '@/components/alerts/device-alerts';
import { LiveIndicator } from '@/components/fleet/live-indicator';
import { DeviceEconomicsCard } from '@/components/money/device-economics-card';
import { PageHeader } from '@/components/shell/page-header';
import { TopBarTitle } from '@/components/shell/page-title';
import { TimeRangePicker, useTimeRange } from '@/components/shell/time-range-picker';
import type { DeviceStatus } from '@/components/ui/device-status';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { StatusBadge } from '@/components/ui/status-badge';
import { useNow } from '@/components/ui/use-now';
import { DeviceAssignments } from '@/components/workloads/device-assignments';
import { deviceQuery } from '@/lib/api-client/devices';
import { toRangeParam } from '@/lib/api-client/range';
import { DeviceChartPanels } from './device-chart-panels';
import { DeviceCollector } from './device-collector';
import { DeviceCredentials } from './device-credentials';
import { DeviceInfo } from './device-info';
import { DeviceKpis } from './device-kpis';
import { MaintenanceButton } from './maintenance-button';
import { StatusHistory } from './status-history';

export interface DeviceDetailProps {
  deviceId: number;
  /** The site's zone: charts and timestamps read in local site time. */
  timeZone: string;
  canOperate: boolean;
}

/** Device page body: live readings, inventory facts, metric charts and status history. */
export function DeviceDetail({ deviceId, timeZone, canOperate }: DeviceDetailProps) {
  const device = useQuery(deviceQuery(deviceId));
  const { range } = useTimeRange();
  const now = useNow(1000);
  if (device.error && !device.data)
    return <ErrorState error={device.error} onRetry={() => void device.refetch()} />;
  if (!device.data) return <Skeleton className="h-96 w-full" />;
  const data = device.data;
  const rangeParam = toRangeParam(range);

  return (
    <div className="flex flex-col gap-4">
      <TopBarTitle>
        <span className="font-normal text-muted-foreground">Devices / </span>
        {data.name}
      </TopBarTitle>
      <PageHeader
        className="mb-0"
        title={
          <span className="inline-flex items-center gap-3">
            {data.name}
            <StatusBadge
              status={data.status as DeviceStatus}
              className="text-sm"
              data-testid="device-status"
            />
          </span>
        }
        description={`${data.vendor} ${data.model} · ${data.siteName}`}
        actions={
          <>
            <LiveIndicator updatedAt={device.dataUpdatedAt} failing={Boolean(device.error)} />
            {canOperate && <DeviceActionsMenu device={data} />}
            {canOperate && <MaintenanceButton device={data} />}
            <TimeRangePicker />
          </>
        }
      />
      <DeviceKpis device={data} now={now} />
      <DeviceInfo device={data} timeZone={timeZone} />
      <DeviceCollector device={data} now={now} timeZone={timeZone} />
      {canOperate && data.protocol === 'cgminer' && <DeviceCredentials device={data} />}
      <DeviceEconomicsCard deviceId={deviceId} />
      <DeviceAlerts deviceId={deviceId} />
      <DeviceAssignments deviceId={deviceId} timeZone={timeZone} />
      <DeviceActionHistory deviceId={deviceId} timeZone={timeZone} />
      <DeviceChartPanels device={data} range={rangeParam} timeZone={timeZone} />
      <section aria-labelledby="status-history-heading" className="flex flex-col gap-2">
        <h2 id="status-history-heading" className="font-semibold text-sm">
          Status history
        </h2>
        <StatusHistory deviceId={deviceId} range={rangeParam} timeZone={timeZone} />
      </section>
    </div>
  );
}
