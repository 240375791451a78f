'use client';

import { type ComponentProps, useId } from 'react';
import { cn } from '@/lib/cn';

export type SliderProps = Omit<ComponentProps<'input'>, 'type' | 'value' | 'onChange'> & {
  label: string;
  value: number;
  onValueChange: (value: number) => void;
  /** The value as shown next to the label ("$71,000"). */
  display: string;
  /** A second line under the track ("was $71,000"). */
  hint?: string;
};

/** A native range input with its label and current value: arrow keys, Page Up/Down and Home/End work. */
export function Slider({ label, value, onValueChange, display, hint, className, ...props }: SliderProps) {
  const id = useId();
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <label htmlFor={id} className="font-medium text-foreground">
          {label}
        </label>
        <output htmlFor={id} className="text-right tabular-nums">
          {display}
        </output>
      </div>
      <input
        id={id}
        type="range"
        value={value}
        onChange={(e) => onValueChange(Number(e.target.value))}
        className="h-4 w-full cursor-pointer accent-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-50"
        {...props}
      />
      {hint && <span className="text-muted-foreground text-xs">{hint}</span>}
    </div>
  );
}
