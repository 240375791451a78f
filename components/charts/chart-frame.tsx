import type { ReactNode } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState, type EmptyStateProps } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';

export interface ChartFrameProps {
  title?: ReactNode;
  description?: ReactNode;
  /** Right side of the header: a metric switcher, a "View all" link. */
  actions?: ReactNode;
  /** Body height in px; loading, empty and error states keep it so the page does not jump. */
  height: number;
  isLoading?: boolean;
  /** Background refetch: keep the chart, mark it busy. */
  isRefreshing?: boolean;
  error?: unknown;
  onRetry?: () => void;
  isEmpty?: boolean;
  empty?: EmptyStateProps;
  footer?: ReactNode;
  className?: string;
  children: ReactNode;
  'data-testid'?: string;
}

/** Card around a chart that renders loading / error / empty in place of it (the container layer's helper). */
export function ChartFrame(props: ChartFrameProps) {
  const { title, description, actions, height, isLoading, isRefreshing, error, isEmpty, footer, className } =
    props;
  let body: ReactNode;
  if (error) body = <ErrorState error={error} onRetry={props.onRetry} className="h-full" />;
  else if (isLoading) body = <Skeleton className="h-full w-full" />;
  else if (isEmpty)
    body = (
      <EmptyState
        title="No data for this period"
        {...props.empty}
        className={cn('h-full', props.empty?.className)}
      />
    );
  else body = props.children;

  return (
    <Card
      data-testid={props['data-testid']}
      aria-busy={isLoading || isRefreshing || undefined}
      className={className}
    >
      {(title || actions) && (
        <CardHeader>
          <div className="flex min-w-0 flex-col gap-0.5">
            {title && <CardTitle>{title}</CardTitle>}
            {description && <CardDescription>{description}</CardDescription>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </CardHeader>
      )}
      <CardContent className={cn(!title && !actions && 'pt-4')}>
        <div
          style={{ minHeight: height }}
          className={cn('flex flex-col [&>*]:flex-1', isRefreshing && 'opacity-80')}
        >
          {body}
        </div>
        {footer && <div className="mt-3">{footer}</div>}
      </CardContent>
    </Card>
  );
}
