'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useNow } from '@/components/ui/use-now';
import { marketLatestQuery } from '@/lib/api-client/market';
import type { MarketLatest } from '@/lib/api-client/types';
import { formatUsdPerGpuHour, formatUsdPerMwh } from '@/lib/format';
import { Provenance } from './provenance';

const CONTRACT_LABEL = { fixed: 'Fixed', tou: 'Time of use', spot: 'Spot' } as const;

function Frame({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle>{title}</CardTitle>
          {description && <CardDescription>{description}</CardDescription>}
        </div>
      </CardHeader>
      <CardContent className="overflow-x-auto">{children}</CardContent>
    </Card>
  );
}

function useLatest() {
  const query = useQuery(marketLatestQuery());
  const body = query.error ? (
    <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  ) : query.isPending ? (
    <Skeleton className="h-24 w-full" />
  ) : null;
  return { data: query.data as MarketLatest | undefined, body };
}

/** Each site's power price now: contract, provider, market price + adder, age and staleness. */
export function SitePricesTable() {
  const now = useNow(5_000);
  const { data, body } = useLatest();
  return (
    <Frame title="Electricity price per site" description="What each site pays now under its contract">
      {body ??
        (data!.sites.length === 0 ? (
          <EmptyState title="No sites" />
        ) : (
          <Table data-testid="site-prices-table">
            <TableHeader>
              <TableRow>
                <TableHead>Site</TableHead>
                <TableHead>Contract</TableHead>
                <TableHead className="text-right">Now</TableHead>
                <TableHead className="text-right">Market + adder</TableHead>
                <TableHead>Source</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data!.sites.map((s) => (
                <TableRow key={s.siteId}>
                  <TableCell>
                    <Link href={`/sites/${s.siteId}`} className="hover:underline">
                      {s.siteName}
                    </Link>
                  </TableCell>
                  <TableCell>{CONTRACT_LABEL[s.contractKind]}</TableCell>
                  <TableCell className="text-right font-medium tabular-nums">
                    {formatUsdPerMwh(s.priceUsdPerMwh)}
                  </TableCell>
                  <TableCell className="text-right text-muted-foreground tabular-nums">
                    {s.marketPriceUsdPerMwh === null
                      ? '—'
                      : `${formatUsdPerMwh(s.marketPriceUsdPerMwh)} + ${formatUsdPerMwh(s.adderUsdPerMwh)}`}
                  </TableCell>
                  <TableCell>
                    <Provenance
                      provider={s.provider}
                      at={s.fetchedAt}
                      now={now}
                      stale={s.stale}
                      staleReason={s.reason}
                      simulated={s.simulated}
                    />
                    {s.priceUsdPerMwh === null && s.reason && (
                      <p className="text-destructive text-xs">{s.reason}</p>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}
    </Frame>
  );
}

/** $/GPU-h per GPU model now, with provider and age. */
export function GpuRatesTable() {
  const now = useNow(5_000);
  const { data, body } = useLatest();
  return (
    <Frame title="GPU rental rates" description="Renter prices per GPU-hour used for AI revenue">
      {body ??
        (data!.gpuRates.length === 0 ? (
          <EmptyState
            title="No GPU rates stored yet"
            description="They are written hourly by the market refresh."
          />
        ) : (
          <Table data-testid="gpu-rates-table">
            <TableHeader>
              <TableRow>
                <TableHead>GPU</TableHead>
                <TableHead className="text-right">Rate</TableHead>
                <TableHead>Source</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data!.gpuRates.map((g) => (
                <TableRow key={g.gpuModel}>
                  <TableCell>
                    {g.label ?? g.gpuModel}
                    <span className="ml-1 text-muted-foreground text-xs">{g.gpuModel}</span>
                  </TableCell>
                  <TableCell className="text-right font-medium tabular-nums">
                    {formatUsdPerGpuHour(g.usdPerGpuH)}
                  </TableCell>
                  <TableCell>
                    <Provenance
                      provider={g.provider}
                      at={g.ts}
                      now={now}
                      stale={g.stale}
                      staleReason={g.staleReason}
                      simulated={g.simulated}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}
    </Frame>
  );
}

/** Last refresh outcome per feed (staff only: the API sends null to hosting clients). */
export function ProviderStatusTable() {
  const now = useNow(5_000);
  const { data, body } = useLatest();
  if (data && data.providers === null) return null;
  return (
    <Frame
      title="Provider status"
      description="Last refresh of each feed; a failed refresh keeps the last good value"
    >
      {body ?? (
        <Table data-testid="provider-status-table">
          <TableHeader>
            <TableRow>
              <TableHead>Feed</TableHead>
              <TableHead>Provider</TableHead>
              <TableHead>Last success</TableHead>
              <TableHead>Last error</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data!.providers!.map((p) => (
              <TableRow key={p.key}>
                <TableCell className="font-mono text-xs">{p.key}</TableCell>
                <TableCell>
                  <Provenance provider={p.provider} now={now} stale={p.stale} staleReason={p.staleReason} />
                </TableCell>
                <TableCell suppressHydrationWarning className="text-xs">
                  {p.lastOkAt ? new Date(p.lastOkAt).toISOString().replace('T', ' ').slice(0, 19) : '—'}
                </TableCell>
                <TableCell className="max-w-md text-xs">
                  {p.lastErrorAt ? (
                    <span className="text-destructive">
                      {new Date(p.lastErrorAt).toISOString().replace('T', ' ').slice(0, 19)} — {p.lastError}
                    </span>
                  ) : (
                    '—'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Frame>
  );
}
