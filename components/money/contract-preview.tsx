'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Provenance } from '@/components/market/provenance';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useNow } from '@/components/ui/use-now';
import { contractPreviewQuery } from '@/lib/api-client/site-prices';
import type { ContractDraft } from '@/lib/api-client/types';
import { formatUsdPerMwh } from '@/lib/format';
import { PricePreviewChart } from './price-preview-chart';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The next 24 h of prices under a contract being edited (fetched half a second after the last change). */
export function ContractPreview({ siteId, draft }: { siteId: number; draft: ContractDraft }) {
  const now = useNow(10_000);
  const debounced = useDebounced(draft, 500);
  const preview = useQuery(contractPreviewQuery(siteId, debounced));
  return (
    <div className="flex min-w-0 flex-col gap-2" data-testid="contract-preview">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium text-sm">Next 24 h</span>
        {preview.data && (
          <span className="text-muted-foreground text-xs">
            now{' '}
            <strong className="text-foreground">
              {formatUsdPerMwh(preview.data.now.ok ? preview.data.now.priceUsdPerMwh : null)}
            </strong>{' '}
            · average {formatUsdPerMwh(preview.data.averageUsdPerMwh)}
          </span>
        )}
      </div>
      {preview.data && (
        <Provenance
          provider={preview.data.provider}
          at={preview.data.now.ok ? preview.data.now.fetchedAt : null}
          now={now}
          simulated={preview.data.simulated}
          stale={!preview.data.now.ok}
          staleReason={preview.data.now.ok ? null : preview.data.now.reason}
        />
      )}
      {preview.error ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : !preview.data ? (
        <Skeleton className="h-[200px] w-full" />
      ) : preview.data.points.length === 0 ? (
        <EmptyState
          title="No prices for the next 24 h"
          description={preview.data.reason ?? undefined}
          className="h-[200px]"
        />
      ) : (
        <PricePreviewChart prices={preview.data} />
      )}
    </div>
  );
}
