'use client';

import { Provenance } from '@/components/market/provenance';
import type { MoneyProvenance } from '@/lib/api-client/types';

/** Where a money figure's market inputs come from: hashprice inputs and each site's power price. */
export function MoneyProvenanceLine({
  provenance,
  siteIds,
  now,
  show = ['hashprice', 'power'],
  gpuModel,
}: {
  provenance: MoneyProvenance;
  siteIds?: readonly number[];
  now: number;
  show?: readonly ('hashprice' | 'power' | 'gpu')[];
  /** The GPU type whose rate to show (default: the first rate). */
  gpuModel?: string | null;
}) {
  const hp = provenance.hashprice;
  const sites = provenance.sites.filter((s) => !siteIds || siteIds.includes(s.siteId));
  const gpu = gpuModel
    ? provenance.gpuRates.find((g) => g.gpuModel.toLowerCase() === gpuModel.toLowerCase())
    : provenance.gpuRates[0];
  return (
    <span className="flex flex-col gap-0.5">
      {show.includes('hashprice') && (
        <span className="flex flex-wrap items-center gap-1">
          <span className="text-muted-foreground text-xs">hashprice</span>
          {hp ? (
            <Provenance
              provider={`${hp.inputs.btcUsd} + ${hp.inputs.difficulty}`}
              at={hp.ts}
              now={now}
              stale={hp.stale}
              simulated={hp.simulated}
              staleReason={hp.stale ? 'an input is stale' : null}
            />
          ) : (
            <span className="text-destructive text-xs">missing</span>
          )}
        </span>
      )}
      {show.includes('power') &&
        sites.map((s) => (
          <span key={s.siteId} className="flex flex-wrap items-center gap-1">
            <span className="text-muted-foreground text-xs">{sites.length > 1 ? s.siteName : 'power'}</span>
            <Provenance
              provider={s.provider}
              at={s.fetchedAt}
              now={now}
              stale={s.stale}
              staleReason={s.reason}
              simulated={s.simulated}
            />
          </span>
        ))}
      {show.includes('gpu') && gpu && (
        <span className="flex flex-wrap items-center gap-1">
          <span className="text-muted-foreground text-xs">GPU rates</span>
          <Provenance
            provider={gpu.provider}
            at={gpu.ts}
            now={now}
            stale={gpu.stale}
            staleReason={gpu.staleReason}
            simulated={gpu.simulated}
          />
        </span>
      )}
    </span>
  );
}
