'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { SeriesDef, TimeSeriesPoint } from '@/components/charts/types';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import type { PolicyResult } from '@/lib/allocation/backtest/replay';
import {
  type BacktestView as Backtest,
  backtestExportUrl,
  backtestQuery,
  backtestsQuery,
  cancelBacktest,
} from '@/lib/api-client/backtests';
import { backtestKeys } from '@/lib/api-client/keys';
import { formatNumber, formatUsd } from '@/lib/format';
import { BacktestForm } from './backtest-form';

const COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)'];
const usd = (v: number) => formatUsd(v, { decimals: 0 });
const day = (ms: number | string) => new Date(ms).toISOString().slice(0, 10);

const RESULT_COLUMNS: ColumnDef<PolicyResult>[] = [
  { id: 'policy', header: 'Policy', cell: (r) => r.label },
  { id: 'profit', header: 'Profit', align: 'right', cell: (r) => usd(r.profitUsd) },
  { id: 'revenue', header: 'Revenue', align: 'right', cell: (r) => usd(r.revenueUsd) },
  { id: 'ai', header: 'AI revenue', align: 'right', cell: (r) => usd(r.aiRevenueUsd) },
  { id: 'energy', header: 'Energy cost', align: 'right', cell: (r) => usd(r.energyCostUsd) },
  { id: 'mwh', header: 'MWh', align: 'right', cell: (r) => formatNumber(r.mwh, 1) },
  {
    id: 'curtailed',
    header: 'Curtailed h',
    align: 'right',
    headerTitle: 'Hours in which at least one miner was curtailed',
    cell: (r) => formatNumber(r.curtailedHours),
  },
  {
    id: 'switches',
    header: 'Switches',
    align: 'right',
    headerTitle: 'On/off changes of miners',
    cell: (r) => formatNumber(r.switches),
  },
];

function BacktestDetail({ id, canRun }: { id: number; canRun: boolean }) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(backtestQuery(id));
  const status = data?.status;
  useEffect(() => {
    if (status && status !== 'queued' && status !== 'running')
      void queryClient.invalidateQueries({ queryKey: backtestKeys.list() });
  }, [status, queryClient]);
  const cancel = useMutation({
    mutationFn: () => cancelBacktest(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: backtestKeys.all }),
  });
  if (error)
    return (
      <Alert variant="destructive" title="Could not load the backtest">
        {String(error)}
      </Alert>
    );
  if (!data) return null;
  const active = data.status === 'queued' || data.status === 'running';
  const points: TimeSeriesPoint[] = [];
  const first = data.results[0];
  if (first) {
    first.cumulative.forEach((p, i) => {
      const row: TimeSeriesPoint = { ts: p.ts };
      data.results.forEach((r, k) => {
        row[`p${k}`] = r.cumulative[i]?.profitUsd ?? null;
      });
      points.push(row);
    });
  }
  const series: SeriesDef[] = data.results.map((r, k) => ({
    key: `p${k}`,
    label: r.label,
    color: COLORS[k % COLORS.length]!,
    format: usd,
  }));
  const best = data.results.reduce<PolicyResult | null>(
    (a, b) => (!a || b.profitUsd > a.profitUsd ? b : a),
    null,
  );
  const always = data.results.find((r) => r.policy.kind === 'always-mine');
  return (
    <Card data-testid="backtest-detail">
      <CardHeader>
        <CardTitle>
          Backtest {data.id}: {day(data.request.from)} to {day(data.request.to)}{' '}
          <span className="text-sm font-normal text-muted-foreground" data-testid="backtest-status">
            {data.status}
          </span>
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {active && (
          <div className="flex items-center gap-3">
            <Progress
              className="flex-1"
              label="Backtest progress"
              percent={data.progress * 100}
              detail={`${formatNumber(data.progress * 100)} % of ${data.request.policies.length} policies`}
            />
            {canRun && (
              <Button variant="outline" size="sm" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
                Cancel
              </Button>
            )}
          </div>
        )}
        {data.status === 'failed' && (
          <Alert variant="destructive" title="The backtest failed">
            {data.error}
          </Alert>
        )}
        {data.status === 'cancelled' && (
          <Alert title="Cancelled">This backtest was cancelled; nothing was kept.</Alert>
        )}
        {data.status === 'done' && (
          <>
            {data.results
              .filter((r) => r.overCapHours > 0)
              .map((r) => (
                <Alert key={r.label} variant="warning" title={`${r.label} exceeds a site's power cap`}>
                  In {formatNumber(r.overCapHours)} of {formatNumber(r.hours)} hours the load that cannot be
                  shed (maintenance draw, idle GPU nodes, miners at a non-curtailable site) alone exceeds a
                  site's cap at the meter, so its figures are not achievable as shown.
                </Alert>
              ))}
            {best && always && best !== always && (
              <p className="text-sm" data-testid="backtest-headline">
                {best.label} earned {usd(best.profitUsd - always.profitUsd)} more than always mine over{' '}
                {formatNumber(best.hours)} hours.
              </p>
            )}
            <TimeSeriesChart
              label="Cumulative profit per policy"
              data={points}
              series={series}
              range={{
                from: Number(data.request.from),
                to: points.at(-1)?.ts ?? Number(data.request.to),
              }}
              axes={{ left: { format: usd, domain: ['auto', 'auto'], width: 80 } }}
              height={280}
            />
            <DataTable
              label="Backtest results"
              columns={RESULT_COLUMNS}
              rows={data.results}
              getRowId={(r) => r.label}
              maxHeight="none"
              data-testid="backtest-results"
            />
            <div className="flex gap-3 text-sm">
              <a className="underline" href={backtestExportUrl(data.id, 'results')} download>
                Download results CSV
              </a>
              <a className="underline" href={backtestExportUrl(data.id, 'cumulative')} download>
                Download cumulative profit CSV
              </a>
            </div>
          </>
        )}
        {data.meta && (
          <div className="text-xs text-muted-foreground">
            <p>
              {formatNumber(data.meta.devices)} devices at {data.meta.sites} site(s),{' '}
              {formatNumber(data.meta.hours)} hours; electricity: {data.meta.sources.electricity}; bitcoin:{' '}
              {data.meta.sources.bitcoin}.
            </p>
            {data.meta.notes.map((n) => (
              <p key={n}>{n}</p>
            ))}
            {data.meta.attribution.map((a) => (
              <p key={a}>{a}</p>
            ))}
          </div>
        )}
      </CardContent>
    </Card>
  );
}

const RUN_COLUMNS: ColumnDef<Backtest>[] = [
  { id: 'id', header: '#', cell: (b) => b.id, width: 60 },
  { id: 'window', header: 'Window', cell: (b) => `${day(b.request.from)} – ${day(b.request.to)}` },
  { id: 'policies', header: 'Policies', align: 'right', cell: (b) => b.request.policies.length },
  {
    id: 'status',
    header: 'Status',
    cell: (b) => (b.status === 'running' ? `running ${formatNumber(b.progress * 100)} %` : b.status),
  },
  { id: 'created', header: 'Started', cell: (b) => b.createdAt.slice(0, 16).replace('T', ' ') },
];

/** The backtest page body: form (operators), the selected run, recent runs. */
export function BacktestPanel({ canRun }: { canRun: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery(backtestsQuery());
  const [selected, setSelected] = useState<number | null>(null);
  const shown = selected ?? list.data?.data[0]?.id ?? null;
  return (
    <div className="flex flex-col gap-4">
      {canRun && (
        <BacktestForm
          onStarted={(id) => {
            setSelected(id);
            void queryClient.invalidateQueries({ queryKey: backtestKeys.list() });
          }}
        />
      )}
      {shown !== null && <BacktestDetail key={shown} id={shown} canRun={canRun} />}
      <DataTable
        label="Recent backtests"
        columns={RUN_COLUMNS}
        rows={list.data?.data}
        isLoading={list.isLoading}
        error={list.error}
        getRowId={(b) => String(b.id)}
        onRowClick={(b) => setSelected(b.id)}
        empty={{ title: 'No backtests yet', description: 'Run one to compare policies on real prices.' }}
        maxHeight="none"
      />
    </div>
  );
}
