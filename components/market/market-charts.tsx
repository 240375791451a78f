'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ChartFrame } from '@/components/charts/chart-frame';
import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { SeriesDef } from '@/components/charts/types';
import { marketHistoryQuery, marketLatestQuery } from '@/lib/api-client/market';
import type { RangeParam } from '@/lib/api-client/range';
import type { HistorySeries } from '@/lib/api-client/types';
import { formatDuration, formatNumber, formatSi, formatUsd } from '@/lib/format';
import { chartColor, dataKey, mergeSeries } from './chart-data';

const HEIGHT = 220;

function sourceLine(series: readonly HistorySeries[]): ReactNode {
  if (series.length === 0) return null;
  const providers = [...new Set(series.flatMap((s) => s.providers))];
  const step = series[0]!.stepMs / 1000;
  const simulated = series.some((s) => s.simulated);
  return (
    <p className="text-muted-foreground text-xs" data-testid="chart-source">
      Source: {providers.length ? providers.join(', ') : 'none yet'} · {formatDuration(step)} buckets
      {simulated && ' · simulated'}
    </p>
  );
}

/** Min/max of one axis' series widened by 2 % of the level (or 10 % of the spread). */
export function paddedDomain(values: readonly number[]): [number, number] | undefined {
  if (values.length === 0) return undefined;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = Math.max((max - min) * 0.1, Math.abs(max) * 0.02) || 1;
  return [min - pad, max + pad];
}

function axisDomain(panel: Panel, series: readonly HistorySeries[], side: 'left' | 'right') {
  if (panel.domain !== 'padded') return panel.domain;
  const keys = new Set(panel.series.filter((s) => (s.yAxis ?? 'left') === side).map((s) => s.key));
  return paddedDomain(series.filter((s) => keys.has(s.key)).flatMap((s) => s.points.map((p) => p.value)));
}

type Panel = {
  id: string;
  title: string;
  series: { key: string; label: string; yAxis?: 'left' | 'right' }[];
  format: (v: number) => string;
  rightFormat?: (v: number) => string;
  /** 'padded': a few percent around the data, so a series that steps once per epoch is not drawn as a cliff. */
  domain?: [number | 'auto', number | 'auto'] | 'padded';
  description?: string;
};

/** Charts of every market series over the URL's time range; one request, each panel its own series. */
export function MarketCharts({ range }: { range: RangeParam }) {
  const latest = useQuery(marketLatestQuery());
  const sites = latest.data?.sites ?? [];
  const gpus = latest.data?.gpuRates ?? [];
  const panels: Panel[] = [
    {
      id: 'btc',
      title: 'BTC / USD',
      series: [{ key: 'btc_usd', label: 'BTC/USD' }],
      format: (v) => formatUsd(v, { compact: true }),
      domain: ['auto', 'auto'],
    },
    {
      id: 'hashprice',
      title: 'Hashprice ($/PH/day)',
      series: [{ key: 'hashprice_usd_per_ph_day', label: 'Hashprice' }],
      format: (v) => formatUsd(v),
      domain: ['auto', 'auto'],
      description: 'Computed per bucket from BTC/USD, difficulty, fees and the subsidy at that height',
    },
    {
      id: 'network',
      title: 'Difficulty and network hashrate',
      series: [
        { key: 'difficulty', label: 'Difficulty' },
        { key: 'network_hashrate_ehs', label: 'Hashrate (EH/s)', yAxis: 'right' },
      ],
      format: (v) => formatSi(v, { decimals: 1 }),
      rightFormat: (v) => formatNumber(v, 0),
      domain: 'padded',
    },
    {
      id: 'fees',
      title: 'Fees per block (BTC)',
      series: [{ key: 'fees_btc_per_block', label: 'Fees' }],
      format: (v) => formatNumber(v, 3),
    },
    {
      id: 'power',
      title: 'Electricity price per site ($/MWh, incl. adder)',
      series: sites.map((s) => ({ key: `site:${s.siteId}`, label: s.siteName })),
      format: (v) => formatUsd(v, { decimals: 0 }),
      domain: ['auto', 'auto'],
    },
    {
      id: 'gpu',
      title: 'GPU rental rates ($/GPU-h)',
      series: gpus.map((g) => ({ key: `gpu:${g.gpuModel}`, label: g.label ?? g.gpuModel })),
      format: (v) => formatUsd(v),
    },
  ];
  const keys = panels.flatMap((p) => p.series.map((s) => s.key));
  const history = useQuery({ ...marketHistoryQuery(keys, range), enabled: latest.isSuccess });
  const byKey = new Map((history.data?.series ?? []).map((s) => [s.key, s]));
  const window = history.data ? { from: history.data.from, to: history.data.to } : { from: 0, to: 1 };
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      {panels.map((panel) => {
        const series = panel.series
          .map((s) => byKey.get(s.key))
          .filter((s): s is HistorySeries => Boolean(s));
        const defs: SeriesDef[] = panel.series.map((s, i) => ({
          key: dataKey(s.key),
          label: s.label,
          color: chartColor(i),
          yAxis: s.yAxis,
          format: s.yAxis === 'right' ? panel.rightFormat : panel.format,
        }));
        const data = mergeSeries(series.map((s) => ({ key: dataKey(s.key), points: s.points })));
        return (
          <ChartFrame
            key={panel.id}
            data-testid={`market-chart-${panel.id}`}
            title={panel.title}
            description={panel.description}
            height={HEIGHT}
            isLoading={latest.isPending || history.isPending}
            isRefreshing={history.isFetching && !history.isPending}
            error={latest.error ?? history.error}
            onRetry={() => void history.refetch()}
            isEmpty={data.length === 0}
            empty={{
              title: 'No stored values in this period',
              description:
                series.find((s) => s.reason)?.reason ?? 'Nothing is configured for this chart yet.',
            }}
            footer={sourceLine(series)}
          >
            <TimeSeriesChart
              data={data}
              series={defs}
              range={window}
              label={panel.title}
              height={HEIGHT}
              axes={{
                left: { format: panel.format, domain: axisDomain(panel, series, 'left'), width: 64 },
                right: { format: panel.rightFormat, domain: axisDomain(panel, series, 'right'), width: 56 },
              }}
            />
          </ChartFrame>
        );
      })}
    </div>
  );
}
