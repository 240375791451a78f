import Link from 'next/link';
import { cn } from '@/lib/cn';
import { formatNumber, formatPercent } from '@/lib/format';

export interface BreakdownItem {
  key: string;
  label: string;
  value: number;
  /** CSS colour token, e.g. 'var(--status-online)'. */
  color: string;
  /** Click-through, e.g. the device list filtered by this status. */
  href?: string;
}

export interface BarBreakdownProps {
  items: readonly BreakdownItem[];
  /** Accessible name, e.g. "Devices by status". */
  label: string;
  format?: (value: number) => string;
  /** Keep zero-value items in the legend (a stable layout for status counts). */
  showZero?: boolean;
  className?: string;
}

/** One 100 % stacked bar plus a legend with values and shares. The legend carries the numbers for screen readers. */
export function BarBreakdown({
  items,
  label,
  format = formatNumber,
  showZero = true,
  className,
}: BarBreakdownProps) {
  const total = items.reduce((sum, item) => sum + Math.max(0, item.value), 0);
  const listed = showZero ? items : items.filter((item) => item.value > 0);
  return (
    <figure aria-label={label} className={cn('flex flex-col gap-2.5', className)}>
      <div aria-hidden className="flex h-2.5 w-full gap-px overflow-hidden rounded-full bg-muted">
        {total > 0 &&
          items
            .filter((item) => item.value > 0)
            .map((item) => (
              <div
                key={item.key}
                title={`${item.label}: ${format(item.value)}`}
                style={{ width: `${(item.value / total) * 100}%`, backgroundColor: item.color }}
                className="h-full min-w-0.5"
              />
            ))}
      </div>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(9rem,1fr))] gap-x-4 gap-y-1 text-xs">
        {listed.map((item) => {
          const content = (
            <>
              <span
                aria-hidden
                className="size-2 shrink-0 rounded-full"
                style={{ backgroundColor: item.color }}
              />
              <span className="truncate text-muted-foreground">{item.label}</span>
              <span className="ml-auto font-medium">{format(item.value)}</span>
              <span className="w-12 text-right text-muted-foreground">
                {total > 0 ? formatPercent((item.value / total) * 100, 0) : '—'}
              </span>
            </>
          );
          return (
            <li key={item.key}>
              {item.href ? (
                <Link
                  href={item.href}
                  className="-mx-1 flex items-center gap-1.5 rounded-sm px-1 py-0.5 hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                >
                  {content}
                </Link>
              ) : (
                <div className="flex items-center gap-1.5 py-0.5">{content}</div>
              )}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
