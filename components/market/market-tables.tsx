'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useNow } from '@/components/ui/use-now';
import { marketLatestQuery } from '@/lib/api-client/market';
import type { MarketLatest } from '@/lib/api-client/types';
import { formatUsdPerGpuHour, formatUsdPerMwh } from '@/lib/format';
import { Provenance } from './provenance';

const CONTRACT_LABEL = { fixed: 'Fixed', tou: 'Time of use', spot: 'Spot' } as const;

type SitePrice = MarketLatest['sites'][number];
type GpuRate = MarketLatest['gpuRates'][number];
type ProviderStatus = NonNullable<MarketLatest['providers']>[number];

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
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** The shared market read; the tables take loading, error and retry from it. */
function useLatest() {
  const query = useQuery(marketLatestQuery());
  return {
    data: query.data as MarketLatest | undefined,
    state: {
      isLoading: query.isPending,
      error: query.error ?? undefined,
      onRetry: () => void query.refetch(),
      skeletonRows: 3,
      maxHeight: 'none',
    },
  };
}

const utc = (iso: string) => new Date(iso).toISOString().replace('T', ' ').slice(0, 19);

function sitePriceColumns(now: number): ColumnDef<SitePrice>[] {
  return [
    {
      id: 'site',
      header: 'Site',
      cell: (s) => (
        <Link href={`/sites/${s.siteId}`} className="hover:underline">
          {s.siteName}
        </Link>
      ),
    },
    { id: 'contract', header: 'Contract', cell: (s) => CONTRACT_LABEL[s.contractKind] },
    {
      id: 'now',
      header: 'Now',
      align: 'right',
      className: 'font-medium tabular-nums',
      cell: (s) => formatUsdPerMwh(s.priceUsdPerMwh),
    },
    {
      id: 'market',
      header: 'Market + adder',
      align: 'right',
      className: 'whitespace-normal text-muted-foreground tabular-nums',
      cell: (s) =>
        s.marketPriceUsdPerMwh === null
          ? '—'
          : `${formatUsdPerMwh(s.marketPriceUsdPerMwh)} + ${formatUsdPerMwh(s.adderUsdPerMwh)}`,
    },
    {
      id: 'source',
      header: 'Source',
      className: 'whitespace-normal',
      cell: (s) => (
        <>
          <Provenance
            provider={s.provider}
            at={s.fetchedAt}
            now={now}
            stale={s.stale}
            staleReason={s.reason}
            simulated={s.simulated}
          />
          {s.priceUsdPerMwh === null && s.reason && <p className="text-destructive text-xs">{s.reason}</p>}
        </>
      ),
    },
  ];
}

/** Each site's power price now: contract, provider, market price + adder, age and staleness. */
export function SitePricesTable() {
  const now = useNow(5_000);
  const { data, state } = useLatest();
  return (
    <Frame title="Electricity price per site" description="What each site pays now under its contract">
      <DataTable
        label="Electricity price per site"
        data-testid="site-prices-table"
        columns={sitePriceColumns(now)}
        rows={data?.sites}
        getRowId={(s) => String(s.siteId)}
        empty={{ title: 'No sites' }}
        {...state}
      />
    </Frame>
  );
}

function gpuRateColumns(now: number): ColumnDef<GpuRate>[] {
  return [
    {
      id: 'gpu',
      header: 'GPU',
      cell: (g) => (
        <>
          {g.label ?? g.gpuModel}
          <span className="ml-1 text-muted-foreground text-xs">{g.gpuModel}</span>
        </>
      ),
    },
    {
      id: 'rate',
      header: 'Rate',
      align: 'right',
      className: 'font-medium tabular-nums',
      cell: (g) => formatUsdPerGpuHour(g.usdPerGpuH),
    },
    {
      id: 'source',
      header: 'Source',
      cell: (g) => (
        <Provenance
          provider={g.provider}
          at={g.ts}
          now={now}
          stale={g.stale}
          staleReason={g.staleReason}
          simulated={g.simulated}
        />
      ),
    },
  ];
}

/** $/GPU-h per GPU model now, with provider and age. */
export function GpuRatesTable() {
  const now = useNow(5_000);
  const { data, state } = useLatest();
  return (
    <Frame title="GPU rental rates" description="Renter prices per GPU-hour used for AI revenue">
      <DataTable
        label="GPU rental rates"
        data-testid="gpu-rates-table"
        columns={gpuRateColumns(now)}
        rows={data?.gpuRates}
        getRowId={(g) => g.gpuModel}
        empty={{
          title: 'No GPU rates stored yet',
          description: 'They are written hourly by the market refresh.',
        }}
        {...state}
      />
    </Frame>
  );
}

function providerColumns(now: number): ColumnDef<ProviderStatus>[] {
  return [
    { id: 'feed', header: 'Feed', className: 'font-mono text-xs', cell: (p) => p.key },
    {
      id: 'provider',
      header: 'Provider',
      cell: (p) => <Provenance provider={p.provider} now={now} stale={p.stale} staleReason={p.staleReason} />,
    },
    {
      id: 'lastOk',
      header: 'Last success',
      className: 'text-xs',
      cell: (p) => <span suppressHydrationWarning>{p.lastOkAt ? utc(p.lastOkAt) : '—'}</span>,
    },
    {
      id: 'lastError',
      header: 'Last error',
      className: 'max-w-md whitespace-normal text-xs',
      cell: (p) =>
        p.lastErrorAt ? (
          <span className="text-destructive">
            {utc(p.lastErrorAt)} — {p.lastError}
          </span>
        ) : (
          '—'
        ),
    },
  ];
}

/** Last refresh outcome per feed (staff only: the API sends null to hosting clients). */
export function ProviderStatusTable() {
  const now = useNow(5_000);
  const { data, state } = useLatest();
  if (data && data.providers === null) return null;
  return (
    <Frame
      title="Provider status"
      description="Last refresh of each feed; a failed refresh keeps the last good value"
    >
      <DataTable
        label="Provider status"
        data-testid="provider-status-table"
        columns={providerColumns(now)}
        rows={data?.providers ?? undefined}
        getRowId={(p) => p.key}
        {...state}
      />
    </Frame>
  );
}
