import { EMPTY_VALUE } from '@/lib/format';
import { formatTooltipTime } from './time-axis';
import type { SeriesDef, TimeSeriesPoint } from './types';

export interface TimeSeriesTooltipProps {
  point: TimeSeriesPoint;
  series: readonly SeriesDef[];
  formatFor: (series: SeriesDef) => (value: number) => string;
  timeZone: string;
}

/** Lists every visible series at the hovered time, including gaps ("—"), so a missing reading is explicit. */
export function TimeSeriesTooltip({ point, series, formatFor, timeZone }: TimeSeriesTooltipProps) {
  return (
    <div className="min-w-40 rounded-md border bg-popover px-2.5 py-2 text-popover-foreground text-xs shadow-md">
      <p className="mb-1.5 font-medium">{formatTooltipTime(point.ts, timeZone)}</p>
      <ul className="flex flex-col gap-1">
        {series.map((item) => {
          const value = point[item.key];
          const text =
            typeof value === 'number'
              ? `${formatFor(item)(value)}${item.unit ? `\u00a0${item.unit}` : ''}`
              : EMPTY_VALUE;
          return (
            <li key={item.key} className="flex items-center gap-2">
              <span
                aria-hidden
                className="size-2 shrink-0 rounded-xs"
                style={{ backgroundColor: item.color }}
              />
              <span className="text-muted-foreground">{item.label}</span>
              <span className="ml-auto pl-3 font-medium">{text}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
