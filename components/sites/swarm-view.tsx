'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { BatchProgress } from '@/components/actions/batch-progress';
import { BulkActions } from '@/components/actions/bulk-actions';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { TopBarTitle } from '@/components/shell/page-title';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { KpiCard } from '@/components/ui/kpi-card';
import { Skeleton } from '@/components/ui/skeleton';
import { siteQuery, siteSwarmQuery } from '@/lib/api-client/sites';
import type { SwarmDevice } from '@/lib/api-client/types';
import { formatHashrate, formatNumber, formatSi } from '@/lib/format';
import { formatOdds, formatYears } from './swarm-format';

const SOURCE_LABEL = {
  local_api: {
    text: 'local API',
    title: 'Polled over the AxeOS HTTP API (or cgminer): best difficulty and firmware come from the device.',
  },
  push_only: {
    text: 'push only',
    title:
      'No local API (NerdMiner, reference §2.5): only what it pushes to the ingest API is known; best difficulty lives in pool statistics.',
  },
} as const;

const columns: ColumnDef<SwarmDevice>[] = [
  { id: 'name', header: 'Device', cell: (d) => d.name },
  { id: 'model', header: 'Model', cell: (d) => d.model },
  {
    id: 'source',
    header: 'Data',
    cell: (d) => (
      <Badge
        variant={d.source === 'push_only' ? 'warning' : 'secondary'}
        title={SOURCE_LABEL[d.source].title}
      >
        {SOURCE_LABEL[d.source].text}
      </Badge>
    ),
  },
  { id: 'status', header: 'Status', cell: (d) => d.status },
  { id: 'hashrate', header: 'Hashrate', align: 'right', cell: (d) => formatHashrate(d.hashrateThs) },
  {
    id: 'bestSession',
    header: 'Best (session)',
    align: 'right',
    cell: (d) => formatSi(d.bestDiffSession, { decimals: 2 }),
  },
  {
    id: 'bestAllTime',
    header: 'Best (all-time)',
    align: 'right',
    cell: (d) => formatSi(d.bestDiffAllTime, { decimals: 2 }),
  },
  {
    id: 'shares',
    header: 'Shares acc / rej',
    align: 'right',
    cell: (d) =>
      d.acceptedShares === null
        ? '—'
        : `${formatNumber(d.acceptedShares)} / ${formatNumber(d.rejectedShares ?? 0)}`,
  },
  { id: 'firmware', header: 'Firmware', cell: (d) => d.firmware ?? '—' },
  { id: 'oddsDay', header: 'Solo odds / day', align: 'right', cell: (d) => formatOdds(d.soloOddsPerDay) },
];

/** One pane for a site's micro-miners (Bitaxe, NerdAxe, NerdMiner): best difficulty, shares, lottery odds, firmware. */
export function SwarmView({ siteId, canOperate = false }: { siteId: number; canOperate?: boolean }) {
  const site = useQuery(siteQuery(siteId));
  const swarm = useQuery(siteSwarmQuery(siteId));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [batch, setBatch] = useState<string | null>(null);
  if (swarm.error && !swarm.data)
    return <ErrorState error={swarm.error} onRetry={() => void swarm.refetch()} />;
  const s = swarm.data;
  return (
    <div className="flex flex-col gap-4" data-testid="swarm-pane">
      <TopBarTitle>
        <span className="font-normal text-muted-foreground">Sites / {site.data?.name ?? '…'} / </span>
        Swarm
      </TopBarTitle>
      {!s ? (
        <Skeleton className="h-96 w-full" />
      ) : s.totals.devices === 0 ? (
        <Alert title="No micro-miners at this site">
          Bitaxe, NerdAxe and NerdMiner devices of this site appear here.
        </Alert>
      ) : (
        <>
          {canOperate && (
            <div className="flex justify-end">
              {/* Restart, pause, pool or power target for the selection or the whole swarm (remote actions, staggered). */}
              <BulkActions
                selectedIds={[...selected].map(Number)}
                filter={{ siteId, class: ['micro'] }}
                matching={s.totals.devices}
                onStarted={(id) => {
                  setSelected(new Set());
                  setBatch(id);
                }}
              />
            </div>
          )}
          {batch && <BatchProgress batchId={batch} onDismiss={() => setBatch(null)} />}
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <KpiCard
              label="Swarm hashrate"
              value={formatHashrate(s.totals.hashrateThs)}
              sub={`${formatNumber(s.totals.hashing)} of ${formatNumber(s.totals.devices)} hashing`}
            />
            <KpiCard
              label="Best difficulty (all-time)"
              value={formatSi(s.totals.bestDiffAllTime, { decimals: 2 })}
              sub={`session best ${formatSi(s.totals.bestDiffSession, { decimals: 2 })}`}
              data-testid="swarm-best-diff"
            />
            <KpiCard
              label="Shares accepted / rejected"
              value={`${formatNumber(s.totals.acceptedShares)} / ${formatNumber(s.totals.rejectedShares)}`}
            />
            <KpiCard
              label="Solo block odds"
              value={s.odds ? formatOdds(s.odds.perDay) : '—'}
              sub={
                s.odds
                  ? `per day · ${formatOdds(s.odds.perYear)} per year · one block per ${formatYears(s.odds.expectedYears)}`
                  : 'needs hashrate and the network difficulty'
              }
              data-testid="swarm-odds"
            />
          </div>
          <p className="text-muted-foreground text-xs">
            Odds of finding a block solo at network difficulty {formatSi(s.difficulty, { decimals: 2 })}
            {s.difficultyAsOf ? ` (as of ${new Date(s.difficultyAsOf).toLocaleString()})` : ''}: P = 1 −
            e^(−h·t / (D·2³²)).
            {s.pushOnly > 0 &&
              ` ${s.pushOnly} push-only device${s.pushOnly === 1 ? '' : 's'} (NerdMiner has no local API): best difficulty and firmware unknown here; see its pool's statistics.`}
          </p>
          <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
            <DataTable
              label="Swarm devices"
              columns={columns}
              rows={s.devices}
              getRowId={(d) => String(d.id)}
              getRowHref={(d) => `/devices/${d.id}`}
              selection={canOperate ? { selectedIds: selected, onSelectedIdsChange: setSelected } : undefined}
              maxHeight="none"
              data-testid="swarm-table"
            />
            <Card>
              <CardHeader>
                <CardTitle>Firmware</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="flex flex-col gap-1 text-sm" aria-label="Firmware versions">
                  {s.firmware.map((f) => (
                    <li key={f.firmware} className="flex justify-between gap-2">
                      <span className="truncate">{f.firmware}</span>
                      <span className="tabular-nums">{formatNumber(f.count)}</span>
                    </li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          </div>
          <p className="text-muted-foreground text-xs">
            Bulk restart and settings changes arrive with remote actions; until then restart devices from
            their own page or UI.
          </p>
        </>
      )}
    </div>
  );
}
