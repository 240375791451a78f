'use client';

import { useQuery } from '@tanstack/react-query';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useNow } from '@/components/ui/use-now';
import { deviceEconomicsQuery } from '@/lib/api-client/economics';
import { cn } from '@/lib/cn';
import {
  formatBtc,
  formatEfficiency,
  formatNumber,
  formatPercent,
  formatUsd,
  formatUsdPerGpuHour,
  formatUsdPerMwh,
} from '@/lib/format';
import { MoneyProvenanceLine } from './money-provenance';

function Row({
  label,
  value,
  className,
  title,
}: {
  label: string;
  value: string;
  className?: string;
  title?: string;
}) {
  return (
    <div className="flex items-baseline justify-between gap-3 py-1" title={title}>
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className={cn('font-medium tabular-nums', className)}>{value}</dd>
    </div>
  );
}

/** One device's revenue, energy cost, margin and breakeven now, with the market inputs used. */
export function DeviceEconomicsCard({ deviceId }: { deviceId: number }) {
  const now = useNow(5_000);
  const { data, isPending, error, refetch } = useQuery(deviceEconomicsQuery(deviceId));
  const e = data?.economics;
  const perH = (v: number | null | undefined) => (v == null ? null : v / 24);
  return (
    <Card data-testid="device-economics-card">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle>Economics now</CardTitle>
          <CardDescription>
            {e?.use === 'ai'
              ? 'AI compute at the current rental rate and utilisation'
              : 'Mining at the current hashprice'}
            {data && ` · power ${formatUsdPerMwh(data.site.priceUsdPerMwh)} at ${data.device.siteName}`}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : isPending || !e || !data ? (
          <Skeleton className="h-40 w-full" />
        ) : (
          <>
            {e.reporting === 0 && (
              <p className="mb-2 text-muted-foreground text-xs">
                Not reporting now: it earns and costs nothing until it does.
              </p>
            )}
            <dl className="divide-y">
              <Row
                label="Revenue / day"
                value={`${formatUsd(e.revenueUsdPerDay)} (${formatUsd(perH(e.revenueUsdPerDay))}/h)`}
              />
              {e.revenueBtcPerDay !== null && <Row label="BTC / day" value={formatBtc(e.revenueBtcPerDay)} />}
              <Row
                label="Energy cost / day"
                value={`${formatUsd(e.energyCostUsdPerDay)} (${formatUsd(perH(e.energyCostUsdPerDay))}/h)`}
              />
              <Row
                label="Margin / day"
                value={formatUsd(e.marginUsdPerDay)}
                className={(e.marginUsdPerDay ?? 0) < 0 ? 'text-destructive' : undefined}
              />
              {e.use === 'mining' ? (
                <>
                  <Row label="Efficiency (measured)" value={formatEfficiency(e.measuredEfficiencyJPerTh)} />
                  <Row
                    label="Breakeven at measured efficiency"
                    value={formatUsdPerMwh(e.measuredBreakevenUsdPerMwh)}
                  />
                  <Row label="Breakeven at nameplate" value={formatUsdPerMwh(e.breakevenUsdPerMwh)} />
                </>
              ) : (
                <>
                  <Row
                    label="GPUs · utilisation"
                    value={`${formatNumber(e.gpu?.gpus)} · ${formatPercent(e.gpu?.utilisationPct, 0)}`}
                  />
                  <Row
                    label={`Rate (${e.gpu?.gpuModel ?? 'no GPU type'})`}
                    value={formatUsdPerGpuHour(e.gpu?.usdPerGpuH)}
                  />
                  <Row
                    label="Breakeven (value per MWh, measured)"
                    value={formatUsdPerMwh(e.measuredBreakevenUsdPerMwh)}
                  />
                </>
              )}
            </dl>
            {e.notes.length > 0 && <p className="mt-2 text-destructive text-xs">{e.notes.join('; ')}</p>}
            <div className="mt-3">
              <MoneyProvenanceLine
                provenance={data.provenance}
                siteIds={[data.device.siteId]}
                now={now}
                show={e.use === 'ai' ? ['power', 'gpu'] : ['hashprice', 'power']}
                gpuModel={e.gpu?.gpuModel}
              />
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}
