'use client';

import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { SitePricesView } from '@/lib/api-client/types';
import { formatUsd } from '@/lib/format';

/** Hourly (or 15-min) prices of a site, drawn in the site's zone; data in, no fetching. */
export function PricePreviewChart({ prices, height = 200 }: { prices: SitePricesView; height?: number }) {
  const data = prices.points.map((p) => ({ ts: p.intervalStart, price: p.priceUsdPerMwh }));
  return (
    <TimeSeriesChart
      data={data}
      range={{ from: prices.from, to: prices.to }}
      label={`Power price at ${prices.siteName}`}
      timeZone={prices.timezone}
      height={height}
      series={[{ key: 'price', label: 'Price', color: 'var(--chart-2)', unit: '$/MWh' }]}
      axes={{ left: { format: (v) => formatUsd(v, { decimals: 0 }), domain: ['auto', 'auto'], width: 56 } }}
      referenceLines={
        prices.averageUsdPerMwh === null ? [] : [{ y: prices.averageUsdPerMwh, label: 'average' }]
      }
    />
  );
}
