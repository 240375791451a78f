'use client';

import { useQuery } from '@tanstack/react-query';
import { ChartFrame } from '@/components/charts/chart-frame';
import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { TimeRangeMs, TimeSeriesPoint } from '@/components/charts/types';
import { deviceModelsQuery } from '@/lib/api-client/device-models';
import { deviceMetricsQuery } from '@/lib/api-client/devices';
import type { RangeParam } from '@/lib/api-client/range';
import type { DevicePoint, DeviceRow } from '@/lib/api-client/types';
import { chartEmpty, type DeviceChartSpec, deviceChartSpecs } from './device-chart-specs';

const HEIGHT = 200;

/** Domain chart: one device metric panel from a spec. */
export function DeviceMetricChart({
  spec,
  points,
  range,
  timeZone,
}: {
  spec: DeviceChartSpec;
  points: readonly DevicePoint[];
  range: TimeRangeMs;
  timeZone: string;
}) {
  return (
    <TimeSeriesChart
      label={`${spec.title} over time`}
      data={points as readonly TimeSeriesPoint[]}
      series={spec.series.map((series) => ({ ...series, format: spec.format }))}
      range={range}
      timeZone={timeZone}
      height={HEIGHT}
      syncId="device"
      referenceLines={spec.referenceLines}
      axes={{ left: { format: spec.format, width: 64, domain: spec.domain } }}
    />
  );
}

export interface DeviceChartPanelsProps {
  device: DeviceRow;
  range: RangeParam;
  timeZone: string;
}

/** Container: one metrics request for the device, rendered as the charts its class needs. */
export function DeviceChartPanels({ device, range: rangeParam, timeZone }: DeviceChartPanelsProps) {
  const metrics = useQuery(deviceMetricsQuery(device.id, rangeParam));
  const models = useQuery(deviceModelsQuery());
  const model = models.data?.find((candidate) => candidate.id === device.modelId);
  const series = metrics.data;
  const range = series ? { from: series.from, to: series.to } : { from: 0, to: 1 };
  return (
    <div className="grid gap-3 lg:grid-cols-2" data-testid="device-charts">
      {deviceChartSpecs(device, model).map((spec) => (
        <ChartFrame
          key={spec.id}
          data-testid={`device-chart-${spec.id}`}
          className="min-w-0"
          title={spec.title}
          height={HEIGHT}
          isLoading={metrics.isPending}
          isRefreshing={metrics.isFetching && !metrics.isPending}
          error={series ? undefined : metrics.error}
          onRetry={() => void metrics.refetch()}
          isEmpty={series ? chartEmpty(series.points, spec) : false}
          empty={{
            title: 'No readings in this period',
            description: `${device.name} reported no ${spec.title.toLowerCase()} here.`,
          }}
        >
          {series && (
            <DeviceMetricChart spec={spec} points={series.points} range={range} timeZone={timeZone} />
          )}
        </ChartFrame>
      ))}
    </div>
  );
}
