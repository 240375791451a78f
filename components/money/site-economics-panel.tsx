'use client';

import { useQuery } from '@tanstack/react-query';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Provenance } from '@/components/market/provenance';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
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

const breakevenColumns = (site: SiteEconomics): ColumnDef<GroupEconomics>[] => [
  {
    id: 'model',
    header: 'Model',
    className: 'whitespace-normal',
    cell: (m) => (
      <>
        {m.modelName}
        <span className="ml-1 text-muted-foreground text-xs">{workloadLabel(m)}</span>
        {m.notes.length > 0 && <p className="text-muted-foreground text-xs">{m.notes.join('; ')}</p>}
      </>
    ),
  },
  {
    id: 'reporting',
    header: 'Reporting',
    align: 'right',
    className: 'tabular-nums',
    cell: (m) => `${formatNumber(m.reporting)} / ${formatNumber(m.devices)}`,
  },
  {
    id: 'efficiency',
    header: 'J/TH nameplate / measured · GPUs',
    align: 'right',
    className: 'text-xs tabular-nums',
    cell: efficiencyCell,
  },
  {
    id: 'breakeven',
    header: 'Breakeven',
    align: 'right',
    className: 'font-medium tabular-nums',
    cell: (m) => (
      <span
        title={
          m.use === 'ai'
            ? 'v_gpu: revenue per MWh at nameplate node power and current utilisation'
            : 'At nameplate efficiency, site PUE and pool fee'
        }
      >
        {formatUsdPerMwh(m.breakevenUsdPerMwh)}
      </span>
    ),
  },
  {
    id: 'measuredBreakeven',
    header: 'Measured breakeven',
    align: 'right',
    className: 'tabular-nums',
    cell: (m) => formatUsdPerMwh(m.measuredBreakevenUsdPerMwh),
  },
  {
    id: 'headroom',
    header: 'vs price now',
    align: 'right',
    cell: (m) => <Headroom breakeven={m.breakevenUsdPerMwh} price={site.priceUsdPerMwh} />,
  },
  {
    id: 'revenue',
    header: 'Revenue / day',
    align: 'right',
    className: 'tabular-nums',
    cell: (m) => formatUsd(m.revenueUsdPerDay, { decimals: 0 }),
  },
  {
    id: 'margin',
    header: 'Margin / day',
    align: 'right',
    className: 'tabular-nums',
    cell: (m) => (
      <span className={cn((m.marginUsdPerDay ?? 0) < 0 && 'text-destructive')}>
        {formatUsd(m.marginUsdPerDay, { decimals: 0 })}
      </span>
    ),
  },
];

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
        <CardContent>
          <DataTable
            label="Breakeven power price per model"
            data-testid="breakeven-table"
            columns={site ? breakevenColumns(site) : []}
            rows={site?.models}
            getRowId={(m) => `${m.modelId}:${m.workloadKey}`}
            isLoading={isPending}
            error={error ?? undefined}
            onRetry={() => void refetch()}
            skeletonRows={3}
            maxHeight="none"
            empty={{ title: 'No devices at this site' }}
          />
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
