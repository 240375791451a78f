'use client';

import type { ReactNode } from 'react';
import { Cell, Pie, PieChart, Tooltip as RechartsTooltip, type TooltipContentProps } from 'recharts';
import { cn } from '@/lib/cn';
import { formatNumber, formatPercent } from '@/lib/format';
import type { BreakdownItem } from './bar-breakdown';

export interface DonutChartProps {
  items: readonly BreakdownItem[];
  label: string;
  format?: (value: number) => string;
  /** Diameter in px. */
  size?: number;
  /** Centre text; defaults to the formatted total. */
  centerLabel?: ReactNode;
  centerCaption?: ReactNode;
  /** Show the legend beside the ring. */
  showLegend?: boolean;
  className?: string;
}

export function DonutChart({
  items,
  label,
  format = formatNumber,
  size = 160,
  centerLabel,
  centerCaption = 'total',
  showLegend = true,
  className,
}: DonutChartProps) {
  const total = items.reduce((sum, item) => sum + Math.max(0, item.value), 0);
  const slices = items.filter((item) => item.value > 0);
  return (
    <figure aria-label={label} className={cn('flex flex-wrap items-center gap-4', className)}>
      <div className="relative shrink-0" style={{ width: size, height: size }}>
        <PieChart width={size} height={size} accessibilityLayer={false}>
          <Pie
            data={
              total > 0
                ? (slices as BreakdownItem[])
                : [{ key: 'none', label: 'None', value: 1, color: 'var(--muted)' }]
            }
            dataKey="value"
            nameKey="label"
            innerRadius={size * 0.34}
            outerRadius={size * 0.48}
            paddingAngle={slices.length > 1 ? 1.5 : 0}
            stroke="var(--card)"
            strokeWidth={1}
            isAnimationActive={false}
            // The legend and centre label carry the numbers; a focusable ring would be an empty tab stop.
            rootTabIndex={-1}
          >
            {(total > 0 ? slices : [{ key: 'none', color: 'var(--muted)' }]).map((item) => (
              <Cell key={item.key} fill={item.color} />
            ))}
          </Pie>
          {total > 0 && (
            <RechartsTooltip
              isAnimationActive={false}
              content={(props: TooltipContentProps) => {
                const item = props.payload?.[0]?.payload as BreakdownItem | undefined;
                if (!props.active || !item) return null;
                return (
                  <div className="rounded-md border bg-popover px-2 py-1 text-popover-foreground text-xs shadow-md">
                    {item.label}: <span className="font-medium">{format(item.value)}</span> (
                    {formatPercent((item.value / total) * 100, 0)})
                  </div>
                );
              }}
            />
          )}
        </PieChart>
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
          <span className="font-semibold text-lg leading-tight">{centerLabel ?? format(total)}</span>
          {centerCaption && <span className="text-muted-foreground text-xs">{centerCaption}</span>}
        </div>
      </div>
      {showLegend && (
        <ul className="flex min-w-32 flex-col gap-1 text-xs">
          {items.map((item) => (
            <li key={item.key} className="flex items-center gap-1.5">
              <span
                aria-hidden
                className="size-2 shrink-0 rounded-full"
                style={{ backgroundColor: item.color }}
              />
              <span className="text-muted-foreground">{item.label}</span>
              <span className="ml-auto pl-3 font-medium">{format(item.value)}</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
