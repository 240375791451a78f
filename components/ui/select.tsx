import { ChevronDown } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';
import { controlClassName } from './input';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export type SelectProps = ComponentProps<'select'> & {
  /** Either pass `options` or `<option>` children. */
  options?: readonly SelectOption[];
  /** Adds a first empty option with this text (e.g. "All sites"). */
  placeholder?: string;
};

/** A styled native <select>: keyboard, mobile pickers and form submission work without extra code. */
export function Select({ className, options, placeholder, children, ...props }: SelectProps) {
  return (
    <div className={cn('relative', className)}>
      <select className={cn(controlClassName, 'h-8 appearance-none py-1 pr-8')} {...props}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options?.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
      <ChevronDown
        aria-hidden
        className="-translate-y-1/2 pointer-events-none absolute top-1/2 right-2.5 size-4 text-muted-foreground"
      />
    </div>
  );
}
