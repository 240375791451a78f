import { ArrowDown, ArrowRight, ArrowUp, Clock, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { formatAge } from '@/lib/format';
import { Card } from './card';
import { Skeleton } from './skeleton';

export interface KpiDelta {
  /** Already formatted, e.g. "+4.2%" or "−1.3 PH/s vs 24 h ago". */
  text: string;
  direction: 'up' | 'down' | 'flat';
  /** Whether this change is good news; up is not always good (power, cost, temperature). */
  sentiment?: 'positive' | 'negative' | 'neutral';
}

export interface KpiCardProps {
  label: string;
  /**
   * The figure. A formatter string such as "1.23\u00a0PH/s" is split at the non-breaking space into a large
   * number and a small unit, so `value={formatHashrate(x)}` just works.
   */
  value: ReactNode;
  /** Explicit unit; overrides the split above. */
  unit?: string;
  sub?: ReactNode;
  delta?: KpiDelta;
  /** Reading time (ms). With `now`, shows "12 s ago"; beyond `staleAfterMs`, a warning "stale". */
  asOf?: number | null;
  now?: number;
  staleAfterMs?: number;
  icon?: LucideIcon;
  href?: string;
  isLoading?: boolean;
  className?: string;
  'data-testid'?: string;
}

function splitValue(value: ReactNode, unit: string | undefined): [ReactNode, string | undefined] {
  if (unit !== undefined || typeof value !== 'string') return [value, unit];
  const at = value.lastIndexOf('\u00a0');
  return at < 0 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}

const deltaIcons = { up: ArrowUp, down: ArrowDown, flat: ArrowRight } as const;
const sentimentClassNames = {
  positive: 'text-success',
  negative: 'text-destructive',
  neutral: 'text-muted-foreground',
} as const;

export function KpiCard(props: KpiCardProps) {
  const { label, icon: Icon, href, isLoading, className } = props;
  const body = (
    <Card
      data-testid={props['data-testid']}
      aria-busy={isLoading || undefined}
      className={cn(
        'flex h-full flex-col gap-1 px-4 py-3',
        href && 'transition-colors hover:border-ring/60 hover:bg-accent/40',
        className,
      )}
    >
      <div className="flex items-center justify-between gap-2 text-muted-foreground text-xs">
        <span className="truncate font-medium">{label}</span>
        {Icon && <Icon aria-hidden className="size-4 shrink-0" />}
      </div>
      {isLoading ? <KpiSkeleton /> : <KpiBody {...props} />}
    </Card>
  );
  if (!href) return body;
  return (
    <Link
      href={href}
      className="block rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background"
    >
      {body}
    </Link>
  );
}

function KpiSkeleton() {
  return (
    <>
      <Skeleton className="mt-1 h-7 w-24" />
      <Skeleton className="h-3.5 w-32" />
    </>
  );
}

function KpiBody({ value, unit, sub, delta, asOf, now, staleAfterMs }: KpiCardProps) {
  const [figure, unitText] = splitValue(value, unit);
  const age = asOf != null && now !== undefined ? formatAge(asOf, now, { staleAfterMs }) : null;
  const stale = age === 'stale';
  const DeltaIcon = delta ? deltaIcons[delta.direction] : null;
  return (
    <>
      <div className="flex items-baseline gap-1">
        <span className="font-semibold text-2xl leading-tight tracking-tight">{figure}</span>
        {unitText && <span className="text-muted-foreground text-sm">{unitText}</span>}
      </div>
      {(sub || delta || age) && (
        <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-muted-foreground text-xs">
          {delta && DeltaIcon && (
            <span
              className={cn(
                'inline-flex items-center gap-0.5',
                sentimentClassNames[delta.sentiment ?? 'neutral'],
              )}
            >
              <DeltaIcon aria-hidden className="size-3" />
              {delta.text}
            </span>
          )}
          {sub && <span>{sub}</span>}
          {age && (
            <span
              suppressHydrationWarning
              className={cn(
                'ml-auto inline-flex items-center gap-1',
                stale && 'font-medium text-warning-foreground dark:text-warning',
              )}
              title={asOf != null ? new Date(asOf).toISOString() : undefined}
            >
              <Clock aria-hidden className="size-3" />
              {stale ? 'stale data' : age}
            </span>
          )}
        </div>
      )}
    </>
  );
}
