'use client';

import { type ReactNode, useId } from 'react';
import { cn } from '@/lib/cn';

export interface SegmentedOption<T extends string> {
  value: T;
  label: ReactNode;
  disabled?: boolean;
  /** Tooltip text (native title); also the accessible name when `label` is an icon. */
  title?: string;
}

export interface SegmentedControlProps<T extends string> {
  value: T;
  onValueChange: (value: T) => void;
  options: readonly SegmentedOption<T>[];
  /** Accessible name of the group, e.g. "Time range". */
  label: string;
  size?: 'sm' | 'default';
  className?: string;
}

/**
 * Single choice among a few options (time range, chart metric). Native radio inputs underneath, so arrow
 * keys, one tab stop and form semantics come from the browser.
 */
export function SegmentedControl<T extends string>({
  value,
  onValueChange,
  options,
  label,
  size = 'default',
  className,
}: SegmentedControlProps<T>) {
  const name = useId();
  return (
    <fieldset className={cn('inline-flex items-center rounded-md border bg-muted p-0.5', className)}>
      <legend className="sr-only">{label}</legend>
      {options.map((option) => (
        <label key={option.value} title={option.title} className="relative flex">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            disabled={option.disabled}
            aria-label={typeof option.label === 'string' ? undefined : option.title}
            onChange={() => onValueChange(option.value)}
            className="peer absolute inset-0 z-10 m-0 cursor-pointer appearance-none opacity-0 disabled:cursor-not-allowed"
          />
          <span
            className={cn(
              'inline-flex cursor-pointer items-center justify-center gap-1 whitespace-nowrap rounded-sm font-medium text-muted-foreground transition-colors hover:text-foreground',
              'peer-checked:bg-card peer-checked:text-foreground peer-checked:shadow-xs peer-focus-visible:ring-2 peer-focus-visible:ring-ring',
              'peer-disabled:pointer-events-none peer-disabled:opacity-50',
              size === 'sm' ? 'h-6 px-2 text-xs' : 'h-7 px-2.5 text-sm',
            )}
          >
            {option.label}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
