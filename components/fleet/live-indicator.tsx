'use client';

import { useNow } from '@/components/ui/use-now';
import { cn } from '@/lib/cn';
import { formatAge } from '@/lib/format';

export interface LiveIndicatorProps {
  /** react-query `dataUpdatedAt` (ms); 0 before the first answer. */
  updatedAt: number;
  /** The last refetch failed: the numbers on screen are getting old. */
  failing?: boolean;
  className?: string;
}

/** "Live · updated 3 s ago": tells an operator the page is still refreshing, or that it stopped. */
export function LiveIndicator({ updatedAt, failing = false, className }: LiveIndicatorProps) {
  const now = useNow(1000);
  return (
    <span
      data-testid="live-indicator"
      className={cn('inline-flex items-center gap-1.5 text-muted-foreground text-xs', className)}
    >
      <span
        aria-hidden
        className={cn(
          'size-2 rounded-full',
          failing ? 'bg-status-offline' : 'animate-pulse bg-status-online motion-reduce:animate-none',
        )}
      />
      <span suppressHydrationWarning>
        {failing ? 'Reconnecting…' : 'Live'}
        {updatedAt > 0 && ` · updated ${formatAge(updatedAt, now)}`}
      </span>
    </span>
  );
}
