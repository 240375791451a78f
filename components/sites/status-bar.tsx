import { DEVICE_STATUS_META, DEVICE_STATUSES } from '@/components/ui/device-status';
import { cn } from '@/lib/cn';
import { formatNumber } from '@/lib/format';

export interface StatusBarProps {
  counts: Record<string, number>;
  className?: string;
}

/** A thin stacked bar of device statuses for table cells; the text alternative lists the counts. */
export function StatusBar({ counts, className }: StatusBarProps) {
  const present = DEVICE_STATUSES.filter((status) => (counts[status] ?? 0) > 0);
  const total = present.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  const text = present
    .map((status) => `${formatNumber(counts[status])} ${DEVICE_STATUS_META[status].label.toLowerCase()}`)
    .join(', ');
  return (
    <span className={cn('inline-flex w-28 flex-col gap-0.5 align-middle', className)} title={text}>
      <span aria-hidden className="flex h-1.5 w-full gap-px overflow-hidden rounded-full bg-muted">
        {present.map((status) => (
          <span
            key={status}
            className="h-full min-w-0.5"
            style={{
              width: `${((counts[status] ?? 0) / total) * 100}%`,
              backgroundColor: DEVICE_STATUS_META[status].color,
            }}
          />
        ))}
      </span>
      <span className="sr-only">{text || 'no devices'}</span>
    </span>
  );
}
