import { Hourglass, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

export interface ComingSoonProps {
  title: string;
  /** What this section will do, in one or two sentences. */
  description?: ReactNode;
  /** e.g. a link to the tracking issue or to what works today. */
  action?: ReactNode;
  icon?: LucideIcon;
  className?: string;
}

/** An honest placeholder for a section that is not built yet: no sample numbers, no fake charts. */
export function ComingSoon({
  title,
  description,
  action,
  icon: Icon = Hourglass,
  className,
}: ComingSoonProps) {
  return (
    <section
      data-testid="coming-soon"
      className={cn(
        'flex flex-col items-center gap-2 rounded-lg border border-dashed px-6 py-12 text-center',
        className,
      )}
    >
      <Icon aria-hidden className="size-6 text-muted-foreground" />
      <h2 className="font-semibold text-base">{title}</h2>
      <p className="text-muted-foreground text-xs uppercase tracking-wide">Coming in a later release</p>
      {description && <div className="max-w-md text-muted-foreground text-sm">{description}</div>}
      {action && <div className="mt-2">{action}</div>}
    </section>
  );
}
