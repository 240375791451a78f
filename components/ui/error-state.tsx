'use client';

import { OctagonX, RefreshCw } from 'lucide-react';
import { cn } from '@/lib/cn';
import { Button } from './button';

export interface ErrorStateProps {
  title?: string;
  /** An Error, an API error message, or nothing (generic text). */
  error?: unknown;
  onRetry?: () => void;
  /** True while the retry is running: disables the button. */
  retrying?: boolean;
  className?: string;
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong while loading this data.';
}

export function ErrorState({
  title = 'Could not load data',
  error,
  onRetry,
  retrying,
  className,
}: ErrorStateProps) {
  return (
    <div
      role="alert"
      data-testid="error-state"
      className={cn('flex flex-col items-center justify-center gap-2 px-4 py-8 text-center', className)}
    >
      <OctagonX aria-hidden className="size-6 text-destructive" />
      <p className="font-medium text-sm">{title}</p>
      <p className="max-w-md break-words text-muted-foreground text-xs">{messageOf(error)}</p>
      {onRetry && (
        <Button variant="outline" size="sm" onClick={onRetry} disabled={retrying} className="mt-1">
          <RefreshCw aria-hidden className={cn(retrying && 'animate-spin')} />
          Retry
        </Button>
      )}
    </div>
  );
}
