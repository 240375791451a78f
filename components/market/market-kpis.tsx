'use client';

import { useQuery } from '@tanstack/react-query';
import { Bitcoin, Blocks, Coins, Gauge, Hourglass, Pickaxe } from 'lucide-react';
import { ErrorState } from '@/components/ui/error-state';
import { KpiCard } from '@/components/ui/kpi-card';
import { useNow } from '@/components/ui/use-now';
import { marketLatestQuery } from '@/lib/api-client/market';
import type { MarketValueView } from '@/lib/api-client/types';
import {
  formatBtc,
  formatDate,
  formatDuration,
  formatHashrate,
  formatNumber,
  formatSi,
  formatUsd,
} from '@/lib/format';
import { Provenance } from './provenance';

function ValueProvenance({ value, now }: { value: MarketValueView | null; now: number }) {
  if (!value)
    return <span className="text-muted-foreground text-xs">no value from the configured provider yet</span>;
  return (
    <Provenance
      provider={value.provider}
      at={value.ts}
      now={now}
      stale={value.stale}
      staleReason={value.staleReason}
      simulated={value.simulated}
    />
  );
}

/** BTC/USD, hashprice, difficulty, network hashrate, fees and the halving countdown, each with its source. */
export function MarketKpis() {
  const now = useNow(5_000);
  const { data, isLoading, error, refetch } = useQuery(marketLatestQuery());
  if (error) return <ErrorState error={error} onRetry={() => refetch()} />;
  const hp = data?.hashprice ?? null;
  const halving = data?.halving;
  const remainingS = halving ? (Date.parse(halving.estimatedAt) - now) / 1000 : null;
  return (
    <div data-testid="market-kpis" className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
      <KpiCard
        data-testid="kpi-btc-usd"
        label="BTC / USD"
        icon={Bitcoin}
        isLoading={isLoading}
        value={formatUsd(data?.btcUsd?.value, { decimals: 0 })}
        sub={data && <ValueProvenance value={data.btcUsd} now={now} />}
      />
      <KpiCard
        data-testid="kpi-hashprice"
        label="Hashprice"
        icon={Pickaxe}
        isLoading={isLoading}
        value={hp ? formatUsd(hp.usdPerPhDay) : formatUsd(null)}
        unit="/PH/day"
        sub={
          data &&
          (hp ? (
            <span className="flex flex-col gap-0.5">
              <span title={hp.formula}>
                {formatBtc(hp.btcPerPhDay, 6)}/PH/day · subsidy {formatNumber(hp.subsidyBtc, 4)} BTC
              </span>
              <Provenance
                provider={`computed from ${hp.inputs.btcUsd} + ${hp.inputs.difficulty}`}
                at={hp.ts}
                now={now}
                stale={hp.stale}
                simulated={hp.simulated}
                staleReason={hp.stale ? 'an input is stale' : null}
              />
            </span>
          ) : (
            <span className="text-muted-foreground text-xs">needs BTC price, difficulty and fees</span>
          ))
        }
      />
      <KpiCard
        data-testid="kpi-difficulty"
        label="Difficulty"
        icon={Gauge}
        isLoading={isLoading}
        value={formatSi(data?.difficulty?.value, { decimals: 2 })}
        sub={data && <ValueProvenance value={data.difficulty} now={now} />}
      />
      <KpiCard
        data-testid="kpi-network-hashrate"
        label="Network hashrate"
        icon={Gauge}
        isLoading={isLoading}
        value={formatHashrate(data?.networkHashrateEhs ? data.networkHashrateEhs.value * 1e6 : null)}
        sub={data && <ValueProvenance value={data.networkHashrateEhs} now={now} />}
      />
      <KpiCard
        data-testid="kpi-fees"
        label="Fees per block"
        icon={Coins}
        isLoading={isLoading}
        value={formatBtc(data?.feesBtcPerBlock?.value, 4)}
        sub={data && <ValueProvenance value={data.feesBtcPerBlock} now={now} />}
      />
      <KpiCard
        data-testid="kpi-halving"
        label="Next halving"
        icon={Hourglass}
        isLoading={isLoading}
        value={
          // The countdown reads the clock: server and browser renders may straddle a minute.
          <span suppressHydrationWarning>
            {formatDuration(remainingS === null ? null : Math.max(0, remainingS))}
          </span>
        }
        sub={
          halving && (
            <span className="flex flex-col gap-0.5">
              <span>
                <Blocks aria-hidden className="mr-1 inline size-3" />
                block {formatNumber(halving.height)}
                {halving.blocksRemaining !== null && ` · ${formatNumber(halving.blocksRemaining)} to go`} ·
                est. {formatDate(Date.parse(halving.estimatedAt), 'UTC')}
              </span>
              <span>
                subsidy {formatNumber(halving.subsidyBtcNow, 4)} → {formatNumber(halving.subsidyBtcAfter, 4)}{' '}
                BTC
              </span>
              <span className="text-muted-foreground" title={halving.basis}>
                from {halving.basis}
              </span>
            </span>
          )
        }
      />
    </div>
  );
}
