'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import { deviceModelsQuery } from '@/lib/api-client/device-models';
import { discoveryScanQuery, postDiscoveryAdd } from '@/lib/api-client/discovery';
import { invalidateDiscovery } from '@/lib/api-client/invalidate';
import { sitesListQuery } from '@/lib/api-client/sites';
import type { FoundView } from '@/lib/api-client/types';
import { formatNumber } from '@/lib/format';

const rowId = (f: FoundView) => `${f.host}:${f.port}`;

/** What an "add" sends: only unknown endpoints of the selection, each with its model if it has one. */
export function addItems(found: readonly FoundView[], selected: ReadonlySet<string>) {
  return found
    .filter((f) => selected.has(rowId(f)) && f.knownDeviceId === undefined)
    .map((f) => ({
      host: f.host,
      port: f.port,
      ...(f.suggestedModelId ? { modelId: f.suggestedModelId } : {}),
    }));
}

export function ScanResults({ scanId, canOperate }: { scanId: number; canOperate: boolean }) {
  const queryClient = useQueryClient();
  const scan = useQuery(discoveryScanQuery(scanId));
  const sites = useQuery(sitesListQuery());
  const models = useQuery(deviceModelsQuery());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [siteId, setSiteId] = useState('');
  const [fallbackModelId, setFallbackModelId] = useState('');
  const found = scan.data?.found ?? [];
  const items = addItems(found, selected);
  const needModel = items.some((i) => i.modelId === undefined);
  const modelName = (id: number | null) => models.data?.find((m) => m.id === id)?.model;

  const add = useMutation({
    mutationFn: () =>
      postDiscoveryAdd(scanId, {
        siteId: Number(siteId),
        items,
        ...(fallbackModelId ? { modelId: Number(fallbackModelId) } : {}),
      }),
    onSuccess: (outcome) => {
      setSelected(new Set());
      toast({
        title: `Added ${formatNumber(outcome.created.length)} device${outcome.created.length === 1 ? '' : 's'}`,
        description: outcome.skipped.length
          ? `Skipped ${outcome.skipped.length}: ${outcome.skipped.map((s) => `${s.host}:${s.port} (${s.reason})`).join('; ')}`
          : undefined,
        variant: 'success',
      });
      void invalidateDiscovery(queryClient);
    },
    onError: (error) => toast({ title: 'Add failed', description: error.message, variant: 'destructive' }),
  });

  const columns: ColumnDef<FoundView>[] = [
    { id: 'endpoint', header: 'Endpoint', cell: (f) => <span className="font-mono">{rowId(f)}</span> },
    { id: 'protocol', header: 'Protocol', cell: (f) => f.protocol },
    { id: 'vendor', header: 'Vendor', cell: (f) => f.vendor ?? '—' },
    {
      id: 'model',
      header: 'Model',
      cell: (f) =>
        f.error ? (
          <span className="text-destructive" title={f.error.message}>
            {f.error.kind === 'unauthorized_network' ? 'AxeOS, refused (401: network check)' : f.error.kind}
          </span>
        ) : (
          (f.model ?? '—')
        ),
    },
    { id: 'firmware', header: 'Firmware', cell: (f) => f.firmware ?? '—' },
    { id: 'mac', header: 'MAC', cell: (f) => <span className="font-mono">{f.mac ?? '—'}</span> },
    {
      id: 'inventory',
      header: 'Inventory',
      cell: (f) =>
        f.knownDeviceId !== undefined ? (
          <Badge variant="secondary" data-testid="known-device">
            <Link href={`/devices/${f.knownDeviceId}`}>Known: device {f.knownDeviceId}</Link>
          </Badge>
        ) : f.suggestedModelId ? (
          <Badge variant="success">
            New · {modelName(f.suggestedModelId) ?? `model ${f.suggestedModelId}`}
          </Badge>
        ) : (
          <Badge variant="outline">New · model to choose</Badge>
        ),
    },
  ];

  if (scan.error && !scan.data)
    return (
      <Alert variant="destructive" title="Scan not available">
        {scan.error.message}
      </Alert>
    );
  const s = scan.data;
  const percent = s ? Math.round(s.progress * 100) : null;

  return (
    <Card data-testid="scan-results">
      <CardHeader>
        <CardTitle>
          Scan {s ? <span className="font-mono">{s.cidr}</span> : '…'}{' '}
          <span className="font-normal text-muted-foreground text-sm" data-testid="scan-status">
            {s?.status}
          </span>
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <Progress
          label="Scan progress"
          percent={percent}
          detail={
            s
              ? `${formatNumber(s.probed)} of ${formatNumber(s.total)} endpoints probed · ${formatNumber(found.length)} found`
              : undefined
          }
        />
        {s?.status === 'failed' && (
          <Alert variant="destructive" title="Scan failed">
            {s.error}
          </Alert>
        )}
        <DataTable
          label="Found devices"
          columns={columns}
          rows={s ? found : undefined}
          getRowId={rowId}
          selection={canOperate ? { selectedIds: selected, onSelectedIdsChange: setSelected } : undefined}
          empty={{
            title: s?.status === 'running' ? 'Nothing found yet' : 'Nothing found',
            description: 'No cgminer, AxeOS or dcgm-exporter endpoint answered in this range.',
          }}
          maxHeight="none"
          data-testid="found-table"
        />
        {canOperate && (
          <fieldset className="flex flex-wrap items-center gap-2" aria-label="Add to inventory">
            <Select
              aria-label="Site"
              value={siteId}
              onChange={(e) => setSiteId(e.target.value)}
              placeholder="Choose a site"
              options={(sites.data ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
              className="w-48"
            />
            {needModel && (
              <Select
                aria-label="Model for devices without one"
                value={fallbackModelId}
                onChange={(e) => setFallbackModelId(e.target.value)}
                placeholder="Model for the others"
                options={(models.data ?? []).map((m) => ({
                  value: String(m.id),
                  label: `${m.vendor} ${m.model}`,
                }))}
                className="w-56"
              />
            )}
            <Button
              onClick={() => add.mutate()}
              disabled={items.length === 0 || !siteId || (needModel && !fallbackModelId) || add.isPending}
            >
              <Plus aria-hidden />
              Add {formatNumber(items.length)} to site
            </Button>
            {selected.size > items.length && (
              <span className="text-muted-foreground text-xs">
                {selected.size - items.length} selected already known: not added again
              </span>
            )}
          </fieldset>
        )}
      </CardContent>
    </Card>
  );
}
