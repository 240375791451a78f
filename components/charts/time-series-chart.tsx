'use client';

import { useMemo, useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  Tooltip as RechartsTooltip,
  ReferenceLine,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { cn } from '@/lib/cn';
import { formatNumber } from '@/lib/format';
import { ChartLegend } from './chart-legend';
import { TimeSeriesTooltip } from './chart-tooltip';
import { formatTimeTick, timeTicks } from './time-axis';
import type {
  AxisOptions,
  AxisSide,
  ReferenceLineDef,
  SeriesDef,
  TimeRangeMs,
  TimeSeriesPoint,
} from './types';

export interface TimeSeriesChartProps {
  data: readonly TimeSeriesPoint[];
  series: readonly SeriesDef[];
  /** The requested window: the x axis spans it even when data starts late or ends early. */
  range: TimeRangeMs;
  /** Accessible name, e.g. "Hashrate, last 24 hours". */
  label: string;
  height?: number;
  axes?: Partial<Record<AxisSide, AxisOptions>>;
  referenceLines?: readonly ReferenceLineDef[];
  /** IANA zone for axis and tooltip times (the site's zone); defaults to UTC. */
  timeZone?: string;
  /** Defaults to on when there is more than one series. */
  showLegend?: boolean;
  /** Charts with the same id share the hover cursor (stacked metric panels). */
  syncId?: string;
  className?: string;
}

const defaultFormat = (value: number) =>
  formatNumber(value, Number.isInteger(value) || Math.abs(value) >= 10 ? 0 : 2);
const tickStyle = { fill: 'var(--muted-foreground)', fontSize: 11 };

/** Generic time-series chart: lines and (stacked) areas on one or two y axes. Data in, no fetching. */
export function TimeSeriesChart({
  data,
  series,
  range,
  label,
  height = 240,
  axes = {},
  referenceLines = [],
  timeZone = 'UTC',
  showLegend,
  syncId,
  className,
}: TimeSeriesChartProps) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const visible = series.filter((item) => !hidden.has(item.key));
  const span = range.to - range.from;
  const ticks = useMemo(() => timeTicks(range.from, range.to, timeZone), [range.from, range.to, timeZone]);
  const usesRight =
    series.some((item) => item.yAxis === 'right') || referenceLines.some((r) => r.yAxis === 'right');
  const formatFor = (item: SeriesDef) => item.format ?? axes[item.yAxis ?? 'left']?.format ?? defaultFormat;
  const toggle = (key: string) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <figure aria-label={label} className={cn('flex flex-col gap-2', className)}>
      {(showLegend ?? series.length > 1) && <ChartLegend items={series} hidden={hidden} onToggle={toggle} />}
      <ComposedChart
        responsive
        data={data as TimeSeriesPoint[]}
        syncId={syncId}
        style={{ width: '100%', height }}
        margin={{ top: 8, right: usesRight ? 0 : 12, bottom: 0, left: 0 }}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis
          dataKey="ts"
          type="number"
          scale="time"
          domain={[range.from, range.to]}
          allowDataOverflow
          ticks={ticks}
          tickFormatter={(value: number) => formatTimeTick(value, span, timeZone)}
          tick={tickStyle}
          tickLine={false}
          axisLine={{ stroke: 'var(--border)' }}
          minTickGap={16}
        />
        {(['left', 'right'] as const)
          .filter((side) => side === 'left' || usesRight)
          .map((side) => (
            <YAxis
              key={side}
              yAxisId={side}
              orientation={side}
              domain={axes[side]?.domain ?? [0, 'auto']}
              tickFormatter={axes[side]?.format ?? defaultFormat}
              width={axes[side]?.width ?? 56}
              tick={tickStyle}
              tickLine={false}
              axisLine={false}
            />
          ))}
        <RechartsTooltip
          isAnimationActive={false}
          cursor={{ stroke: 'var(--muted-foreground)', strokeDasharray: '3 3' }}
          content={(props: TooltipContentProps) => {
            const point = props.payload?.[0]?.payload as TimeSeriesPoint | undefined;
            if (!props.active || !point) return null;
            return (
              <TimeSeriesTooltip point={point} series={visible} formatFor={formatFor} timeZone={timeZone} />
            );
          }}
        />
        {referenceLines.map((line) => (
          <ReferenceLine
            key={`${line.label}-${line.y}`}
            y={line.y}
            yAxisId={line.yAxis ?? 'left'}
            stroke={line.color ?? 'var(--muted-foreground)'}
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{
              value: line.label,
              position: 'insideTopRight',
              fill: 'var(--muted-foreground)',
              fontSize: 11,
            }}
          />
        ))}
        {visible.map((item) => {
          // Animations are off: the data refreshes every few seconds and motion would draw the eye for nothing.
          const common = {
            dataKey: item.key,
            name: item.label,
            yAxisId: item.yAxis ?? 'left',
            stroke: item.color,
            strokeWidth: 1.5,
            strokeDasharray: item.dashed ? '5 3' : undefined,
            connectNulls: false,
            isAnimationActive: false,
            dot: false,
            activeDot: { r: 3, strokeWidth: 0 },
            type: item.curve === 'step' ? ('stepAfter' as const) : ('monotoneX' as const),
          };
          return item.type === 'area' ? (
            <Area
              key={item.key}
              {...common}
              stackId={item.stack}
              fill={item.color}
              fillOpacity={item.stack ? 0.35 : 0.12}
            />
          ) : (
            <Line key={item.key} {...common} />
          );
        })}
      </ComposedChart>
    </figure>
  );
}
