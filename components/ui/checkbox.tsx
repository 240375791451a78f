'use client';

import { type ComponentProps, useEffect, useRef } from 'react';
import { cn } from '@/lib/cn';

export type CheckboxProps = Omit<ComponentProps<'input'>, 'type'> & {
  /** Mixed state for "some rows selected"; only settable from script, hence the effect. */
  indeterminate?: boolean;
};

export function Checkbox({ className, indeterminate = false, ...props }: CheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className={cn(
        'size-4 shrink-0 cursor-pointer rounded-sm border border-input accent-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-1 focus-visible:ring-offset-background disabled:cursor-not-allowed disabled:opacity-50',
        className,
      )}
      {...props}
    />
  );
}
