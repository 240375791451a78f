import { Skeleton } from '@/components/ui/skeleton';

/** Shown at once on navigation while the server page prefetches its data. */
export default function Loading() {
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
