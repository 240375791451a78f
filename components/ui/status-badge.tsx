import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';
import { DEVICE_STATUS_META, type DeviceStatus } from './device-status';

export type StatusBadgeProps = Omit<ComponentProps<'span'>, 'children'> & {
  status: DeviceStatus;
  /** Replaces the default label (e.g. "Offline 3 h"). */
  label?: string;
  /** Dot only, label kept for screen readers (dense tables). */
  compact?: boolean;
};

/** Device status as a coloured dot plus text: colour is never the only signal. */
export function StatusBadge({ status, label, compact = false, className, ...props }: StatusBadgeProps) {
  const meta = DEVICE_STATUS_META[status];
  const text = label ?? meta.label;
  return (
    <span
      data-status={status}
      title={compact ? text : meta.description}
      className={cn('inline-flex items-center gap-1.5 whitespace-nowrap text-xs', className)}
      {...props}
    >
      <span
        aria-hidden
        className={cn(
          'size-2 shrink-0 rounded-full',
          meta.dotClassName,
          status === 'offline' && 'ring-2 ring-status-offline/25',
        )}
      />
      <span className={compact ? 'sr-only' : undefined}>{text}</span>
    </span>
  );
}
