import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { Label } from './label';

export interface FormFieldProps {
  /** Must match the control's id; the control gets it injected when it has none. */
  id: string;
  label: ReactNode;
  /** Field error (e.g. from zod `flatten().fieldErrors[name]?.[0]`); marks the control aria-invalid. */
  error?: string | null;
  description?: ReactNode;
  required?: boolean;
  className?: string;
  /** Exactly one control element: Input, Select, Textarea, Checkbox… */
  children: ReactElement<Record<string, unknown>>;
}

export function FormField({ id, label, error, description, required, className, children }: FormFieldProps) {
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id: children.props.id ?? id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        required: children.props.required ?? required,
      })
    : children;
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <Label htmlFor={id}>
        {label}
        {required && (
          <span aria-hidden className="ml-0.5 text-destructive">
            *
          </span>
        )}
      </Label>
      {control}
      {description && (
        <p id={descriptionId} className="text-muted-foreground text-xs">
          {description}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-destructive text-xs">
          {error}
        </p>
      )}
    </div>
  );
}
