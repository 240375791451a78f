'use client';

import { RotateCcw } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Slider } from '@/components/ui/slider';
import type { AllocationPlanInputs } from '@/lib/api-client/types';
import {
  formatNumber,
  formatUsd,
  formatUsdPerGpuHour,
  formatUsdPerMwh,
  formatUsdPerPhDay,
} from '@/lib/format';
import { isWhatIf, mean, type WhatIf, whatIfHashprice } from './what-if';

export interface WhatIfPanelProps {
  inputs: AllocationPlanInputs;
  value: WhatIf;
  onChange: (next: WhatIf) => void;
  /** Wall time of the last in-browser re-plan, null before the first. */
  replanMs: number | null;
  /** Request to answer on the page (debounce excluded), null before the first. */
  replanRoundTripMs?: number | null;
  replanWhere?: 'worker' | 'main';
  replanError: string | null;
  siteNames: ReadonlyMap<string, string>;
}

const roundTo = (x: number, step: number) => Math.round(x / step) * step;

/** Sliders over the plan's own inputs; every move re-plans in this tab with the server's engine. */
export function WhatIfPanel({
  inputs,
  value,
  onChange,
  replanMs,
  replanRoundTripMs = null,
  replanWhere,
  replanError,
  siteNames,
}: WhatIfPanelProps) {
  const engine = inputs.instance;
  const btcBase = inputs.basis.btcUsd;
  const hpBase = engine.hashpriceUsdPerPhDay;
  const hp = whatIfHashprice(value, inputs);
  const btcShown =
    value.btcUsd ?? (btcBase && value.hashpriceUsdPerPhDay !== null ? (btcBase * hp) / hpBase : btcBase);
  return (
    <Card data-testid="what-if-panel">
      <CardHeader className="flex-row items-start justify-between gap-2">
        <div className="flex flex-col gap-1">
          <CardTitle>What if</CardTitle>
          <CardDescription>
            Re-plans in this browser with the same engine.{' '}
            {replanMs !== null && (
              <span data-testid="what-if-ms" data-ms={replanMs.toFixed(1)} data-where={replanWhere ?? 'main'}>
                Last re-plan {formatNumber(replanMs, 0)} ms
                {replanWhere === 'worker'
                  ? ` in a background worker${replanRoundTripMs !== null ? `, ${formatNumber(replanRoundTripMs, 0)} ms until shown` : ''}`
                  : ''}
                .
              </span>
            )}
          </CardDescription>
        </div>
        <Button
          variant="outline"
          size="sm"
          disabled={!isWhatIf(value)}
          onClick={() =>
            onChange({ btcUsd: null, hashpriceUsdPerPhDay: null, meanPriceUsdPerMwh: {}, gpuUsdPerHour: {} })
          }
        >
          <RotateCcw aria-hidden className="size-3.5" />
          Reset
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {replanError && (
          <p className="text-destructive text-xs" role="alert">
            {replanError}
          </p>
        )}
        <Slider
          label="BTC price"
          data-testid="what-if-btc"
          disabled={!btcBase}
          min={btcBase ? roundTo(btcBase * 0.2, 1000) : 0}
          max={btcBase ? roundTo(btcBase * 2, 1000) : 1}
          step={500}
          value={btcShown ?? 0}
          display={btcShown ? formatUsd(btcShown, { decimals: 0 }) : 'no market data'}
          hint={btcBase ? `now ${formatUsd(btcBase, { decimals: 0 })}` : undefined}
          onValueChange={(btcUsd) => onChange({ ...value, btcUsd, hashpriceUsdPerPhDay: null })}
        />
        <Slider
          label="Hashprice"
          data-testid="what-if-hashprice"
          min={0}
          max={Math.max(10, roundTo(hpBase * 3, 1))}
          step={0.5}
          value={hp}
          display={formatUsdPerPhDay(hp)}
          hint={`now ${formatUsdPerPhDay(hpBase)}${value.hashpriceUsdPerPhDay !== null ? ' · set directly, BTC price ignored' : ''}`}
          onValueChange={(h) => onChange({ ...value, hashpriceUsdPerPhDay: h, btcUsd: null })}
        />
        {engine.sites.map((site) => {
          const base = mean(site.priceUsdPerMwh);
          const shown = value.meanPriceUsdPerMwh[site.siteId] ?? base;
          return (
            <Slider
              key={site.siteId}
              label={`Mean $/MWh · ${siteNames.get(site.siteId) ?? site.name}`}
              data-testid={`what-if-price-${site.siteId}`}
              min={Math.min(-50, roundTo(base, 1))}
              max={Math.max(300, roundTo(base * 3, 1))}
              step={1}
              value={shown}
              display={formatUsdPerMwh(shown)}
              hint={`now ${formatUsdPerMwh(base)} mean; the hourly shape is kept`}
              onValueChange={(p) =>
                onChange({ ...value, meanPriceUsdPerMwh: { ...value.meanPriceUsdPerMwh, [site.siteId]: p } })
              }
            />
          );
        })}
        {engine.rental.map((rate) => {
          const shown = value.gpuUsdPerHour[rate.gpuModel] ?? rate.usdPerGpuH;
          return (
            <Slider
              key={rate.gpuModel}
              label={`GPU rate · ${rate.gpuModel}`}
              data-testid={`what-if-gpu-${rate.gpuModel}`}
              min={0}
              max={Math.max(1, roundTo(rate.usdPerGpuH * 3, 0.05))}
              step={0.05}
              value={shown}
              display={formatUsdPerGpuHour(shown)}
              hint={`now ${formatUsdPerGpuHour(rate.usdPerGpuH)} at ${formatNumber(rate.utilisation * 100)} % utilisation`}
              onValueChange={(r) =>
                onChange({ ...value, gpuUsdPerHour: { ...value.gpuUsdPerHour, [rate.gpuModel]: r } })
              }
            />
          );
        })}
      </CardContent>
    </Card>
  );
}
