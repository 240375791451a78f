'use client';

import { useQuery } from '@tanstack/react-query';
import { Bitcoin, CircleDollarSign, Factory, Scale, Split, Zap } from 'lucide-react';
import { BarBreakdown } from '@/components/charts/bar-breakdown';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { KpiCard } from '@/components/ui/kpi-card';
import { useNow } from '@/components/ui/use-now';
import { economicsSummaryQuery } from '@/lib/api-client/economics';
import { cn } from '@/lib/cn';
import { formatUsd } from '@/lib/format';
import { MoneyProvenanceLine } from './money-provenance';

const usd = (v: number | null | undefined) =>
  formatUsd(v, { compact: Math.abs(v ?? 0) >= 100_000, decimals: Math.abs(v ?? 0) >= 100_000 ? 1 : 0 });

/**
 * Revenue, energy cost and margin per day and per hour, mining vs AI, and the cost to produce one BTC
 * against the CoinShares all-in reference — for the fleet, or one site with `siteId`.
 */
export function FleetMoneyCards({ siteId = null }: { siteId?: number | null }) {
  const now = useNow(5_000);
  const { data, isPending, error, refetch } = useQuery(economicsSummaryQuery(siteId));
  if (error)
    return <ErrorState title="Could not load the money view" error={error} onRetry={() => void refetch()} />;
  const site = siteId === null ? null : (data?.sites[0] ?? null);
  const totals = site ? site.totals : (data?.fleet.totals ?? null);
  const mining = site ? site.mining : data?.fleet.mining;
  const ai = site ? site.ai : data?.fleet.ai;
  const costPerBtc = site ? site.costPerBtcUsd : (data?.fleet.costPerBtcUsd ?? null);
  const reference = data?.fleet.coinsharesAllInUsdPerBtc ?? 53_000;
  const siteIds = site ? [site.siteId] : data?.fleet.includedSiteIds;
  const prov = data && <MoneyProvenanceLine provenance={data.provenance} siteIds={siteIds} now={now} />;
  const excluded = siteId === null ? (data?.fleet.excludedSites ?? []) : [];
  return (
    <div data-testid="fleet-money-cards" className="flex flex-col gap-3">
      {site && site.totals === null && (
        <Alert variant="warning" title="This site's money figures are incomplete">
          {site.notes.join('; ')}
        </Alert>
      )}
      {excluded.length > 0 && (
        <Alert
          variant="warning"
          title={`Totals leave out ${excluded.length} site(s) with incomplete figures`}
        >
          {excluded.map((s) => `${s.siteName}: ${s.reason}`).join('; ')}
        </Alert>
      )}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <KpiCard
          data-testid="money-revenue"
          label="Revenue / day"
          icon={CircleDollarSign}
          isLoading={isPending}
          value={usd(totals?.revenueUsdPerDay)}
          sub={totals && <span>{formatUsd(totals.revenueUsdPerH)}/h live</span>}
        />
        <KpiCard
          data-testid="money-energy"
          label="Energy cost / day"
          icon={Zap}
          isLoading={isPending}
          value={usd(totals?.energyCostUsdPerDay)}
          sub={totals && <span>{formatUsd(totals.energyCostUsdPerH)}/h at current prices</span>}
        />
        <KpiCard
          data-testid="money-margin"
          label="Margin / day"
          icon={Scale}
          isLoading={isPending}
          value={
            <span className={cn((totals?.marginUsdPerDay ?? 0) < 0 && 'text-destructive')}>
              {usd(totals?.marginUsdPerDay)}
            </span>
          }
          sub={totals && <span>{formatUsd(totals.marginUsdPerH)}/h</span>}
        />
        <KpiCard
          data-testid="money-cost-per-btc"
          label="Cost to produce 1 BTC (energy only)"
          icon={Bitcoin}
          isLoading={isPending}
          value={formatUsd(costPerBtc, { decimals: 0 })}
          sub={
            <span title="CoinShares 2024 halving update: average all-in production cost among listed miners (energy, opex, SG&A, depreciation)">
              vs ~{formatUsd(reference, { decimals: 0 })} all-in (CoinShares, post-halving)
            </span>
          }
        />
      </div>
      <Card className="flex flex-col gap-3 px-4 py-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <span className="flex items-center gap-2 font-medium text-sm">
            <Split aria-hidden className="size-4 text-muted-foreground" />
            Mining vs AI revenue / day
          </span>
          {mining && ai && (
            <>
              <BarBreakdown
                label="Revenue by use"
                format={(v) => formatUsd(v, { compact: true })}
                items={[
                  {
                    key: 'mining',
                    label: 'Mining',
                    value: mining.revenueUsdPerDay ?? 0,
                    color: 'var(--chart-2)',
                  },
                  {
                    key: 'ai',
                    label: 'AI compute',
                    value: ai.revenueUsdPerDay ?? 0,
                    color: 'var(--chart-1)',
                  },
                ]}
              />
              <span data-testid="money-use-margins" className="text-muted-foreground text-xs">
                Margin / day: mining{' '}
                <strong
                  className={cn('text-foreground', (mining.marginUsdPerDay ?? 0) < 0 && 'text-destructive')}
                >
                  {usd(mining.marginUsdPerDay)}
                </strong>{' '}
                · AI{' '}
                <strong
                  className={cn('text-foreground', (ai.marginUsdPerDay ?? 0) < 0 && 'text-destructive')}
                >
                  {usd(ai.marginUsdPerDay)}
                </strong>
              </span>
            </>
          )}
        </div>
        <div className="flex flex-col gap-1 lg:max-w-sm" data-testid="money-provenance">
          <span className="flex items-center gap-1 font-medium text-xs">
            <Factory aria-hidden className="size-3" /> Live telemetry at current market inputs
          </span>
          {prov}
          {data && <MoneyProvenanceLine provenance={data.provenance} now={now} show={['gpu']} />}
        </div>
      </Card>
    </div>
  );
}
