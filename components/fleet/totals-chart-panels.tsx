'use client';

import { useQuery } from '@tanstack/react-query';
import { ChartFrame } from '@/components/charts/chart-frame';
import { totalsMetricsQuery } from '@/lib/api-client/fleet';
import type { RangeParam } from '@/lib/api-client/range';
import { HashrateChart, PowerChart, totalsEmpty } from './totals-charts';

const HEIGHT = 220;

export interface TotalsChartPanelsProps {
  /** The whole fleet, or one site. */
  siteId?: number;
  range: RangeParam;
  timeZone: string;
  capacityKw?: number;
  /** Shown under the titles, e.g. "Times in America/Chicago". */
  description?: string;
}

/** Container: fetches the totals series once and renders the hashrate and power charts side by side. */
export function TotalsChartPanels({
  siteId,
  range: rangeParam,
  timeZone,
  capacityKw,
  description,
}: TotalsChartPanelsProps) {
  const result = useQuery(totalsMetricsQuery(rangeParam, siteId));
  const series = result.data;
  const common = {
    height: HEIGHT,
    isLoading: result.isPending,
    isRefreshing: result.isFetching && !result.isPending,
    error: result.error,
    onRetry: () => void result.refetch(),
    isEmpty: series ? totalsEmpty(series.points) : false,
    empty: {
      title: 'No telemetry in this period',
      description: 'Devices have not reported yet, or the range lies before the first sample.',
    },
    description,
  };
  const range = series ? { from: series.from, to: series.to } : { from: 0, to: 1 };
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <ChartFrame title="Hashrate" data-testid="chart-hashrate" className="min-w-0" {...common}>
        {series && (
          <HashrateChart
            points={series.points}
            range={range}
            timeZone={timeZone}
            height={HEIGHT}
            syncId="totals"
          />
        )}
      </ChartFrame>
      <ChartFrame
        title={capacityKw ? 'Power drawn vs capacity' : 'Power drawn'}
        data-testid="chart-power"
        className="min-w-0"
        {...common}
      >
        {series && (
          <PowerChart
            points={series.points}
            range={range}
            timeZone={timeZone}
            height={HEIGHT}
            syncId="totals"
            capacityKw={capacityKw}
          />
        )}
      </ChartFrame>
    </div>
  );
}
