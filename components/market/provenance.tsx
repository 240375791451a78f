import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/cn';
import { formatAge } from '@/lib/format';

export interface ProvenanceProps {
  /** Who supplied the number: `sim`, `mempool`, `median(coinbase,kraken)`, `fixed`, `computed`… */
  provider: string | null;
  /** When the value applies or was fetched (ISO string or epoch ms); omitted for contract prices. */
  at?: string | number | null;
  now: number;
  stale?: boolean;
  staleReason?: string | null;
  simulated?: boolean;
  className?: string;
}

/** "sim · 12 s ago" next to a number, with badges when the value is simulated or stale (and why). */
export function Provenance({ provider, at, now, stale, staleReason, simulated, className }: ProvenanceProps) {
  const atMs = typeof at === 'string' ? Date.parse(at) : (at ?? null);
  return (
    <span
      data-testid="provenance"
      className={cn(
        'inline-flex min-w-0 flex-wrap items-center gap-1 text-muted-foreground text-xs',
        className,
      )}
    >
      <span className="truncate" title="Provider">
        {provider ?? 'no source'}
      </span>
      {atMs !== null && (
        <>
          <span aria-hidden>·</span>
          <time
            suppressHydrationWarning
            dateTime={new Date(atMs).toISOString()}
            title={new Date(atMs).toISOString()}
          >
            {formatAge(atMs, now)}
          </time>
        </>
      )}
      {simulated && (
        <Badge variant="secondary" title="Simulated data from the built-in market simulator">
          sim
        </Badge>
      )}
      {stale && (
        <Badge variant="warning" title={staleReason ?? 'stale'}>
          stale
          {staleReason && <span className="sr-only">: {staleReason}</span>}
        </Badge>
      )}
    </span>
  );
}
