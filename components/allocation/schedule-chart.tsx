'use client';

import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { SeriesDef, TimeSeriesPoint } from '@/components/charts/types';
import type { AllocationPlanSite } from '@/lib/api-client/types';
import { formatNumber, formatUsdPerMwh } from '@/lib/format';

type SitePlan = AllocationPlanSite;

const kw = (v: number) => `${formatNumber(v, v >= 100 ? 0 : 1)} kW`;

const SERIES: readonly SeriesDef[] = [
  {
    key: 'miningKw',
    label: 'Mining',
    color: 'var(--chart-1)',
    type: 'area',
    stack: 'kw',
    format: kw,
    curve: 'step',
  },
  { key: 'aiKw', label: 'AI', color: 'var(--chart-4)', type: 'area', stack: 'kw', format: kw, curve: 'step' },
  {
    key: 'curtailedKw',
    label: 'Curtailed',
    color: 'var(--chart-2)',
    type: 'area',
    stack: 'kw',
    format: kw,
    curve: 'step',
  },
  {
    key: 'idleKw',
    label: 'Idle (cap not drawn)',
    color: 'var(--chart-7)',
    type: 'area',
    stack: 'kw',
    format: kw,
    curve: 'step',
  },
  {
    key: 'price',
    label: 'Price',
    color: 'var(--foreground)',
    yAxis: 'right',
    format: formatUsdPerMwh,
    dashed: true,
    curve: 'step',
  },
];

export function schedulePoints(site: SitePlan): TimeSeriesPoint[] {
  return site.hours.map((h) => ({
    ts: Date.parse(h.ts),
    miningKw: h.miningKw,
    aiKw: h.aiKw,
    idleKw: h.idleKw,
    curtailedKw: h.curtailedKw,
    price: h.priceUsdPerMwh,
  }));
}

/** The recommended schedule of one site: kW by use, stacked, over the hourly price (right axis). */
export function ScheduleChart({
  site,
  intervalMin,
  timeZone,
}: {
  site: SitePlan;
  intervalMin: number;
  timeZone?: string;
}) {
  const data = schedulePoints(site);
  const from = data[0]?.ts ?? 0;
  const to = (data.at(-1)?.ts ?? from) + intervalMin * 60_000;
  // A last point at the end of the horizon so the final step is drawn to its full width.
  const last = data.at(-1);
  const points = last ? [...data, { ...last, ts: to }] : data;
  const sum = (key: 'miningKw' | 'aiKw' | 'curtailedKw' | 'idleKw') =>
    Math.round(site.hours.reduce((a, h) => a + h[key], 0));
  return (
    // kW summed over the hours on the element: a test (or a curious user) can read the schedule as numbers.
    <div
      data-testid="allocation-schedule"
      data-mining-kw={sum('miningKw')}
      data-ai-kw={sum('aiKw')}
      data-curtailed-kw={sum('curtailedKw')}
      data-idle-kw={sum('idleKw')}
    >
      <TimeSeriesChart
        data={points}
        series={SERIES}
        range={{ from, to }}
        label="Recommended schedule, next 24 hours"
        height={260}
        timeZone={timeZone}
        axes={{
          left: { format: (v) => formatNumber(v, 0), width: 56 },
          right: { format: (v) => formatNumber(v, 0), domain: ['auto', 'auto'], width: 48 },
        }}
      />
    </div>
  );
}
