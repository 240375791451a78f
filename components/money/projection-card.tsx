'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { ChartFrame } from '@/components/charts/chart-frame';
import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import { Provenance } from '@/components/market/provenance';
import { Alert } from '@/components/ui/alert';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { useNow } from '@/components/ui/use-now';
import { projectionQuery } from '@/lib/api-client/economics';
import type { FleetProjection } from '@/lib/api-client/types';
import { formatDate, formatNumber, formatPercent, formatSi, formatUsd } from '@/lib/format';

const HEIGHT = 220;
const HORIZONS = [
  { value: '', label: 'Halving + 6 months' },
  { value: '365', label: '1 year' },
  { value: '730', label: '2 years' },
  { value: '1095', label: '3 years' },
];

function Figure({
  label,
  value,
  sub,
  testId,
}: {
  label: string;
  value: number | null;
  sub?: string;
  testId: string;
}) {
  return (
    <div data-testid={testId} className="flex flex-col gap-0.5 rounded-md border px-3 py-2">
      <span className="text-muted-foreground text-xs">{label}</span>
      <span
        className={
          value !== null && value < 0 ? 'font-semibold text-destructive text-lg' : 'font-semibold text-lg'
        }
      >
        {formatUsd(value, { decimals: 0 })}
        <span className="ml-0.5 font-normal text-muted-foreground text-xs">/day</span>
      </span>
      {sub && <span className="text-muted-foreground text-xs">{sub}</span>}
    </div>
  );
}

function negativeDay(p: FleetProjection, day: number | null): string {
  if (day === null) return `not within ${formatNumber(p.horizonDays)} days`;
  return day === 0 ? 'already negative' : `on ${p.series[day]?.dateIso ?? '—'} (day ${day})`;
}

/**
 * The fleet's (or a site's) margin at today's prices through the next halving, under a difficulty growth
 * the user sets. All figures come from GET /api/v1/economics/projection.
 */
export function ProjectionCard({ siteId = null }: { siteId?: number | null }) {
  const id = useId();
  const now = useNow(10_000);
  const [growthText, setGrowthText] = useState('2');
  const [growth, setGrowth] = useState(2);
  const [horizon, setHorizon] = useState('');
  const parsed = Number(growthText);
  const inputError =
    growthText.trim() === '' || !Number.isFinite(parsed)
      ? 'Enter a number'
      : parsed < -50 || parsed > 100
        ? 'Between −50 and 100 % per month'
        : null;
  useEffect(() => {
    if (inputError) return;
    const timer = setTimeout(() => setGrowth(parsed), 400);
    return () => clearTimeout(timer);
  }, [parsed, inputError]);
  const query = useQuery(projectionQuery(growth, horizon ? Number(horizon) : null, siteId));
  const p = query.data;
  const s = p?.summary;
  const data = (p?.series ?? []).map((d) => ({
    ts: Date.parse(d.dateIso),
    fleet: d.fleetMarginUsd,
    mining: d.miningMarginUsd,
  }));
  const range = data.length ? { from: data[0]!.ts, to: data.at(-1)!.ts } : { from: 0, to: 1 };
  const controls = (
    <div className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col gap-1">
        <Label htmlFor={`${id}-growth`}>Difficulty growth, % / month</Label>
        <Input
          id={`${id}-growth`}
          inputMode="decimal"
          className="w-28"
          value={growthText}
          aria-invalid={inputError ? true : undefined}
          onChange={(e) => setGrowthText(e.target.value)}
        />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor={`${id}-horizon`}>Horizon</Label>
        <Select
          id={`${id}-horizon`}
          value={horizon}
          onChange={(e) => setHorizon(e.target.value)}
          options={HORIZONS}
        />
      </div>
    </div>
  );
  return (
    <ChartFrame
      data-testid="projection-card"
      title="Margin projection through the next halving"
      description={
        p
          ? `Today's BTC price, fees and power prices held; difficulty +${formatPercent(p.difficultyGrowthPctPerMonth, 1)}/month (${formatPercent(p.difficultyGrowthPctPerEpoch, 2)} per retarget). Halving at block ${formatNumber(s!.halving.height)}, est. ${formatDate(Date.parse(s!.halving.dateIso), 'UTC')}.`
          : 'Today’s prices held, difficulty growing as you set'
      }
      actions={controls}
      height={HEIGHT + 90}
      isLoading={query.isPending}
      isRefreshing={query.isFetching && !query.isPending}
      error={query.error}
      onRetry={() => void query.refetch()}
      footer={
        p && (
          <div className="flex flex-col gap-1 text-muted-foreground text-xs">
            <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
              Inputs: BTC {formatUsd(p.inputs.btcUsd.value, { decimals: 0 })}{' '}
              <Provenance
                provider={p.inputs.btcUsd.provider}
                at={p.inputs.btcUsd.ts}
                now={now}
                stale={p.inputs.btcUsd.stale}
                simulated={p.inputs.btcUsd.simulated}
              />
              · difficulty {formatSi(p.inputs.difficulty.value, { decimals: 2 })}{' '}
              <Provenance
                provider={p.inputs.difficulty.provider}
                at={p.inputs.difficulty.ts}
                now={now}
                stale={p.inputs.difficulty.stale}
                simulated={p.inputs.difficulty.simulated}
              />
              · fees {formatNumber(p.inputs.feesBtcPerBlock.value, 4)} BTC/block · {p.inputs.priceBasis}
            </span>
            {p.inputs.excludedSites.length > 0 && (
              <span className="text-warning-foreground dark:text-warning">
                Left out (no power price):{' '}
                {p.inputs.excludedSites.map((x) => `${x.siteName} — ${x.reason}`).join('; ')}
              </span>
            )}
          </div>
        )
      }
    >
      <div className="flex flex-col gap-3">
        {inputError && <Alert variant="warning" title={inputError} />}
        {s && (
          <div className="grid grid-cols-2 gap-2 md:grid-cols-5">
            <Figure
              testId="projection-today"
              label="Margin today"
              value={s.fleetMarginUsdPerDayToday}
              sub={`mining ${formatUsd(s.miningMarginUsdPerDayToday, { decimals: 0 })}`}
            />
            <Figure
              testId="projection-halving-flat"
              label="After halving, today’s difficulty"
              value={s.miningMarginUsdPerDayAfterHalvingAtTodaysDifficulty + s.aiMarginUsdPerDay}
              sub={`mining ${formatUsd(s.miningMarginUsdPerDayAfterHalvingAtTodaysDifficulty, { decimals: 0 })}`}
            />
            <Figure
              testId="projection-halving-growth"
              label="After halving, projected difficulty"
              value={s.fleetMarginUsdPerDayAfterHalving}
              sub={`mining ${formatUsd(s.miningMarginUsdPerDayAfterHalvingAtProjectedDifficulty, { decimals: 0 })}`}
            />
            <Figure testId="projection-ai" label="AI margin (held)" value={s.aiMarginUsdPerDay} />
            <div
              data-testid="projection-negative"
              className="flex flex-col gap-0.5 rounded-md border px-3 py-2 text-xs"
            >
              <span className="text-muted-foreground">Mining margin turns negative</span>
              <span className="font-medium text-sm">
                {p && negativeDay(p, s.daysUntilNegativeMiningMargin)}
              </span>
              <span className="text-muted-foreground">
                fleet: {p && negativeDay(p, s.daysUntilNegativeFleetMargin)}
              </span>
            </div>
          </div>
        )}
        {p && (
          <TimeSeriesChart
            data={data}
            range={range}
            label="Projected margin per day"
            height={HEIGHT}
            series={[
              { key: 'fleet', label: 'Fleet margin (mining + AI)', color: 'var(--chart-1)' },
              { key: 'mining', label: 'Mining margin', color: 'var(--chart-2)' },
            ]}
            axes={{
              left: { format: (v) => formatUsd(v, { compact: true }), domain: ['auto', 'auto'], width: 64 },
            }}
            referenceLines={[{ y: 0, label: 'break-even' }]}
          />
        )}
      </div>
    </ChartFrame>
  );
}
