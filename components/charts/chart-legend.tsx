'use client';

import { cn } from '@/lib/cn';

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
}

export interface ChartLegendProps {
  items: readonly LegendItem[];
  /** Keys currently hidden; with `onToggle`, items become toggle buttons. */
  hidden?: ReadonlySet<string>;
  onToggle?: (key: string) => void;
  className?: string;
}

export function ChartLegend({ items, hidden, onToggle, className }: ChartLegendProps) {
  return (
    <ul
      className={cn('flex flex-wrap items-center gap-x-3 gap-y-1 text-muted-foreground text-xs', className)}
    >
      {items.map((item) => {
        const off = hidden?.has(item.key) ?? false;
        const swatch = (
          <span
            aria-hidden
            className={cn(
              'inline-block h-0.5 w-3 shrink-0 rounded-full',
              item.dashed && 'border-t-2 border-dashed bg-transparent',
            )}
            style={item.dashed ? { borderColor: item.color } : { backgroundColor: item.color, height: 3 }}
          />
        );
        return (
          <li key={item.key}>
            {onToggle ? (
              <button
                type="button"
                aria-pressed={!off}
                onClick={() => onToggle(item.key)}
                className={cn(
                  'inline-flex items-center gap-1.5 rounded-sm px-1 py-0.5 hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
                  off && 'line-through opacity-50',
                )}
              >
                {swatch}
                {item.label}
              </button>
            ) : (
              <span className="inline-flex items-center gap-1.5 px-1">
                {swatch}
                {item.label}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
