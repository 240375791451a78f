'use client';

import { useQuery } from '@tanstack/react-query';
import { Provenance } from '@/components/market/provenance';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useNow } from '@/components/ui/use-now';
import { economicsSummaryQuery } from '@/lib/api-client/economics';
import type { GroupEconomics, SiteEconomics } from '@/lib/api-client/types';
import { cn } from '@/lib/cn';
import { formatEfficiency, formatNumber, formatPercent, formatUsd, formatUsdPerMwh } from '@/lib/format';
import { FleetMoneyCards } from './fleet-money-cards';

function Headroom({ breakeven, price }: { breakeven: number | null; price: number | null }) {
  if (breakeven === null || price === null) return <span className="text-muted-foreground">—</span>;
  const headroom = breakeven - price;
  return (
    <span className={cn('tabular-nums', headroom < 0 ? 'text-destructive' : 'text-success')}>
      {headroom >= 0 ? '+' : ''}
      {formatUsdPerMwh(headroom)}
    </span>
  );
}

function efficiencyCell(m: GroupEconomics) {
  if (m.use === 'ai')
    return m.gpu ? `${formatNumber(m.gpu.gpus)} GPUs · ${formatPercent(m.gpu.utilisationPct, 0)} busy` : '—';
  return `${formatEfficiency(m.nameplateEfficiencyJPerTh)} / ${formatEfficiency(m.measuredEfficiencyJPerTh)}`;
}

function BreakevenTable({ site }: { site: SiteEconomics }) {
  if (site.models.length === 0) return <EmptyState title="No devices at this site" />;
  return (
    <Table data-testid="breakeven-table">
      <TableHeader>
        <TableRow>
          <TableHead>Model</TableHead>
          <TableHead className="text-right">Reporting</TableHead>
          <TableHead className="text-right">J/TH nameplate / measured · GPUs</TableHead>
          <TableHead className="text-right">Breakeven</TableHead>
          <TableHead className="text-right">Measured breakeven</TableHead>
          <TableHead className="text-right">vs price now</TableHead>
          <TableHead className="text-right">Revenue / day</TableHead>
          <TableHead className="text-right">Margin / day</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {site.models.map((m) => (
          <TableRow key={`${m.modelId}:${m.workloadKey}`}>
            <TableCell>
              {m.modelName}
              <span className="ml-1 text-muted-foreground text-xs">{workloadLabel(m)}</span>
              {m.notes.length > 0 && <p className="text-muted-foreground text-xs">{m.notes.join('; ')}</p>}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatNumber(m.reporting)} / {formatNumber(m.devices)}
            </TableCell>
            <TableCell className="text-right text-xs tabular-nums">{efficiencyCell(m)}</TableCell>
            <TableCell
              className="text-right font-medium tabular-nums"
              title={
                m.use === 'ai'
                  ? 'v_gpu: revenue per MWh at nameplate node power and current utilisation'
                  : 'At nameplate efficiency, site PUE and pool fee'
              }
            >
              {formatUsdPerMwh(m.breakevenUsdPerMwh)}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatUsdPerMwh(m.measuredBreakevenUsdPerMwh)}
            </TableCell>
            <TableCell className="text-right">
              <Headroom breakeven={m.breakevenUsdPerMwh} price={site.priceUsdPerMwh} />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatUsd(m.revenueUsdPerDay, { decimals: 0 })}
            </TableCell>
            <TableCell
              className={cn('text-right tabular-nums', (m.marginUsdPerDay ?? 0) < 0 && 'text-destructive')}
            >
              {formatUsd(m.marginUsdPerDay, { decimals: 0 })}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * A site's money view: revenue, cost and margin per day and hour, mining vs AI, cost per BTC vs the
 * CoinShares reference, and the breakeven power price of each model beside what the site pays now.
 */
export function SiteEconomicsPanel({ siteId }: { siteId: number }) {
  const now = useNow(5_000);
  const { data, isPending, error, refetch } = useQuery(economicsSummaryQuery(siteId));
  const site = data?.sites[0];
  const price = data?.provenance.sites.find((s) => s.siteId === siteId);
  return (
    <div data-testid="site-economics-panel" className="flex flex-col gap-3">
      <FleetMoneyCards siteId={siteId} />
      <Card>
        <CardHeader>
          <div className="flex flex-col gap-0.5">
            <CardTitle>Breakeven power price per model</CardTitle>
            <CardDescription>
              The $/MWh at which each model stops making money at this site (PUE{' '}
              {site ? formatNumber(site.pue, 2) : '—'}, pool fee{' '}
              {site ? formatPercent(site.poolFeePct, 1) : '—'}), beside what the site pays now:{' '}
              <strong className="text-foreground">{formatUsdPerMwh(site?.priceUsdPerMwh)}</strong>
            </CardDescription>
            {price && (
              <Provenance
                provider={price.provider}
                at={price.fetchedAt}
                now={now}
                stale={price.stale}
                staleReason={price.reason}
                simulated={price.simulated}
              />
            )}
          </div>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          {error ? (
            <ErrorState error={error} onRetry={() => void refetch()} />
          ) : isPending || !site ? (
            <Skeleton className="h-32 w-full" />
          ) : (
            <BreakevenTable site={site} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}

/** What the row's devices are assigned to; unassigned ASICs mine, unassigned GPUs are idle. */
function workloadLabel(m: { use: 'mining' | 'ai'; workload: string | null }): string {
  if (!m.workload || m.workload === 'none') return m.use === 'ai' ? 'AI · unassigned' : 'mining';
  const names: Record<string, string> = {
    pool: 'mining',
    job: 'AI job',
    rent: 'rented',
    curtail: 'curtailed',
    idle: 'idle',
    maintenance: 'maintenance',
  };
  return names[m.workload] ?? m.workload;
}
