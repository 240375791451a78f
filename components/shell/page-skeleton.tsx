import { Skeleton } from '@/components/ui/skeleton';

/**
 * Shown at once on navigation while a server page prefetches its data: each segment's
 * loading.tsx. There is none above the detail pages' `[id]/layout.tsx`, which checks that the
 * id exists before anything streams, so an unknown id answers 404 instead of a 200 shell.
 */
export function PageSkeleton() {
  return (
    <div aria-busy className="flex flex-col gap-4" data-testid="page-loading">
      <Skeleton className="h-7 w-48" />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
          <Skeleton key={index} className="h-20" />
        ))}
      </div>
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
