'use client';

import { ErrorState } from '@/components/ui/error-state';

/** A page that failed on the server: keep the shell and navigation, offer a retry. */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorState title="This page could not be loaded" error={error} onRetry={reset} className="py-16" />;
}
