import { cn } from '@/lib/cn';

export interface ProgressProps {
  /** 0–100; omit (or null) for an indeterminate bar when the total is unknown. */
  percent?: number | null;
  /** Accessible name, e.g. "Exporting report". */
  label: string;
  /** Visible text under the bar, e.g. "120,000 of 1,000,000 rows". */
  detail?: string;
  className?: string;
}

export function Progress({ percent, label, detail, className }: ProgressProps) {
  const known = typeof percent === 'number' && Number.isFinite(percent);
  const clamped = known ? Math.min(100, Math.max(0, percent)) : 0;
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? Math.round(clamped) : undefined}
        className="relative h-1.5 w-full overflow-hidden rounded-full bg-muted"
      >
        {known ? (
          <div
            className="h-full rounded-full bg-primary transition-[width]"
            style={{ width: `${clamped}%` }}
          />
        ) : (
          <div className="absolute inset-y-0 w-2/5 animate-indeterminate rounded-full bg-primary" />
        )}
      </div>
      {detail && <p className="text-muted-foreground text-xs">{detail}</p>}
    </div>
  );
}
