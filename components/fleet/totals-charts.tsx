'use client';

import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { SeriesDef, TimeRangeMs, TimeSeriesPoint } from '@/components/charts/types';
import type { TotalsPoint } from '@/lib/api-client/types';
import { formatHashrate, formatPower } from '@/lib/format';

// Domain charts for fleet and site totals: map API points to series, never fetch.

export interface TotalsChartProps {
  points: readonly TotalsPoint[];
  range: TimeRangeMs;
  timeZone: string;
  height: number;
  syncId?: string;
}

const HASHRATE_SERIES: SeriesDef[] = [
  {
    key: 'hashrateThs',
    label: 'Hashrate',
    color: 'var(--chart-1)',
    type: 'area',
    format: (value) => formatHashrate(value),
  },
];

export function HashrateChart({ points, range, timeZone, height, syncId }: TotalsChartProps) {
  return (
    <TimeSeriesChart
      label="Hashrate over time"
      data={points as readonly TimeSeriesPoint[]}
      series={HASHRATE_SERIES}
      range={range}
      timeZone={timeZone}
      height={height}
      syncId={syncId}
      axes={{ left: { format: (value) => formatHashrate(value), width: 64 } }}
    />
  );
}

const POWER_SERIES: SeriesDef[] = [
  {
    key: 'powerW',
    label: 'Power drawn',
    color: 'var(--chart-2)',
    type: 'area',
    format: (value) => formatPower(value),
  },
];

export function PowerChart({
  points,
  range,
  timeZone,
  height,
  syncId,
  capacityKw,
}: TotalsChartProps & { capacityKw?: number }) {
  return (
    <TimeSeriesChart
      label="Power drawn over time"
      data={points as readonly TimeSeriesPoint[]}
      series={POWER_SERIES}
      range={range}
      timeZone={timeZone}
      height={height}
      syncId={syncId}
      axes={{ left: { format: (value) => formatPower(value), width: 64 } }}
      referenceLines={
        capacityKw
          ? [
              {
                y: capacityKw * 1000,
                label: `Capacity ${formatPower(capacityKw * 1000)}`,
                color: 'var(--status-offline)',
              },
            ]
          : []
      }
    />
  );
}

/** True when no bucket in the window has a reading. */
export function totalsEmpty(points: readonly TotalsPoint[]): boolean {
  return points.every((point) => point.hashrateThs === null && point.powerW === null);
}
