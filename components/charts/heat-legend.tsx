import { DEVICE_STATUS_META, DEVICE_STATUSES, type DeviceStatus } from '@/components/ui/device-status';
import { cn } from '@/lib/cn';
import type { HeatGridScale } from './heat-grid';
import { HEAT_STEPS, heatColor } from './heat-scale';

export interface HeatLegendProps {
  scale: HeatGridScale;
  /** Statuses present in the grid; the status legend lists only these (all when empty). */
  statuses?: readonly (DeviceStatus | undefined)[];
  className?: string;
}

export function HeatLegend({ scale, statuses = [], className }: HeatLegendProps) {
  const noData = (
    <span className="inline-flex items-center gap-1.5">
      <span aria-hidden className="bg-no-data size-3 rounded-xs" />
      No data
    </span>
  );
  if (scale.kind === 'status') {
    const present = new Set(statuses);
    const shown = DEVICE_STATUSES.filter((status) => present.size === 0 || present.has(status));
    return (
      <div
        className={cn('flex flex-wrap items-center gap-x-3 gap-y-1 text-muted-foreground text-xs', className)}
      >
        {shown.map((status) => (
          <span key={status} className="inline-flex items-center gap-1.5">
            <span aria-hidden className={cn('size-3 rounded-xs', DEVICE_STATUS_META[status].dotClassName)} />
            {DEVICE_STATUS_META[status].label}
          </span>
        ))}
        {present.has(undefined) && noData}
      </div>
    );
  }
  const steps = Array.from({ length: HEAT_STEPS }, (_, index) => index + 1);
  const [low, high] = scale.reverse ? [scale.max, scale.min] : [scale.min, scale.max];
  return (
    <div
      className={cn('flex flex-wrap items-center gap-x-4 gap-y-1 text-muted-foreground text-xs', className)}
    >
      <span className="inline-flex items-center gap-1.5">
        {scale.title && <span className="font-medium text-foreground">{scale.title}</span>}
        <span>{scale.format(low)}</span>
        <span aria-hidden className="flex overflow-hidden rounded-xs">
          {steps.map((step) => (
            <span key={step} className="h-3 w-4" style={{ backgroundColor: heatColor(step) }} />
          ))}
        </span>
        <span>{scale.format(high)}</span>
      </span>
      {noData}
    </div>
  );
}
