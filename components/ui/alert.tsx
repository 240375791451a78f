import { CircleCheck, Info, type LucideIcon, OctagonX, TriangleExclamationPoint } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

export type AlertVariant = 'info' | 'success' | 'warning' | 'destructive';

const variants: Record<AlertVariant, { icon: LucideIcon; className: string; iconClassName: string }> = {
  info: { icon: Info, className: 'border-primary/30 bg-primary/5', iconClassName: 'text-primary' },
  success: { icon: CircleCheck, className: 'border-success/30 bg-success/5', iconClassName: 'text-success' },
  warning: {
    icon: TriangleExclamationPoint,
    className: 'border-warning/50 bg-warning/10',
    iconClassName: 'text-warning-foreground dark:text-warning',
  },
  destructive: {
    icon: OctagonX,
    className: 'border-destructive/40 bg-destructive/5',
    iconClassName: 'text-destructive',
  },
};

export interface AlertProps {
  variant?: AlertVariant;
  title?: ReactNode;
  children?: ReactNode;
  /** A button or link on the right, e.g. "Review plan". */
  action?: ReactNode;
  icon?: LucideIcon;
  className?: string;
}

/** Inline callout. Warnings and errors are announced (role="alert"); info and success are not. */
export function Alert({ variant = 'info', title, children, action, icon, className }: AlertProps) {
  const style = variants[variant];
  const Icon = icon ?? style.icon;
  const urgent = variant === 'warning' || variant === 'destructive';
  return (
    <div
      role={urgent ? 'alert' : 'status'}
      className={cn(
        'flex items-start gap-2.5 rounded-md border px-3 py-2.5 text-sm',
        style.className,
        className,
      )}
    >
      <Icon aria-hidden className={cn('mt-0.5 size-4 shrink-0', style.iconClassName)} />
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        {title && <p className="font-medium leading-snug">{title}</p>}
        {children && <div className="text-muted-foreground text-xs leading-relaxed">{children}</div>}
      </div>
      {action && <div className="shrink-0">{action}</div>}
    </div>
  );
}
