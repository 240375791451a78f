'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import { invalidateMarket, invalidateMarketSettings, invalidateSite } from '@/lib/api-client/invalidate';
import { patchSiteContract } from '@/lib/api-client/site-prices';
import type { MarketSettingsPage } from '@/lib/api-client/types';

type SiteRow = MarketSettingsPage['sites'][number];

function SourceCell({
  site,
  options,
  canEdit,
}: {
  site: SiteRow;
  options: MarketSettingsPage['spotSources'];
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const [source, setSource] = useState(site.spotSource ?? '');
  const groups = [...new Set(options.map((o) => o.group))];
  const save = useMutation({
    mutationFn: () => patchSiteContract(site.id, { contractKind: 'spot', spotSource: source }),
    onSuccess: async () => {
      toast({
        title: `${site.name} now uses ${source}`,
        description: 'Prices refresh within a minute.',
        variant: 'success',
      });
      await Promise.all([
        invalidateMarketSettings(queryClient),
        invalidateSite(queryClient, site.id),
        invalidateMarket(queryClient),
      ]);
    },
    onError: (error) =>
      toast({ title: 'Could not change the source', description: error.message, variant: 'destructive' }),
  });
  const chosen = options.find((o) => o.value === source);
  return site.contractKind === 'spot' ? (
    <div className="flex flex-wrap items-center gap-2">
      <Select
        aria-label={`Spot source of ${site.name}`}
        className="min-w-64"
        value={source}
        disabled={!canEdit || save.isPending}
        onChange={(e) => setSource(e.target.value)}
      >
        {!options.some((o) => o.value === source) && <option value={source}>{source || 'none'}</option>}
        {groups.map((g) => (
          <optgroup key={g} label={g}>
            {options
              .filter((o) => o.group === g)
              .map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
          </optgroup>
        ))}
      </Select>
      {canEdit && (
        <Button
          size="sm"
          variant="outline"
          disabled={source === (site.spotSource ?? '') || save.isPending}
          onClick={() => save.mutate()}
        >
          Apply
        </Button>
      )}
      {chosen?.needsNetwork && <span className="text-muted-foreground text-xs">needs network access</span>}
    </div>
  ) : (
    <span className="text-muted-foreground text-xs">
      Priced from the contract itself —{' '}
      <Link href={`/sites/${site.id}`} className="underline">
        edit the contract
      </Link>
    </span>
  );
}

const CONTRACT_LABEL: Record<string, string> = { spot: 'Spot + adder', tou: 'Time of use', fixed: 'Fixed' };

function sourceColumns(page: MarketSettingsPage, canEdit: boolean): ColumnDef<SiteRow>[] {
  return [
    {
      id: 'site',
      header: 'Site',
      cell: (site) => (
        <>
          <Link href={`/sites/${site.id}`} className="hover:underline">
            {site.name}
          </Link>
          <span className="ml-1 text-muted-foreground text-xs">{site.timezone}</span>
        </>
      ),
    },
    {
      id: 'contract',
      header: 'Contract',
      cell: (site) => CONTRACT_LABEL[site.contractKind] ?? site.contractKind,
    },
    {
      id: 'source',
      header: 'Price source',
      cell: (site) => <SourceCell site={site} options={page.spotSources} canEdit={canEdit} />,
    },
  ];
}

/** The electricity price source of each site (spot contracts pick a provider and location). */
export function SiteSourcesTable({ page, canEdit }: { page: MarketSettingsPage; canEdit: boolean }) {
  return (
    <Card data-testid="site-sources">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle>Electricity per site</CardTitle>
          <CardDescription>
            Spot sites pick where their hourly price comes from; the contract adder is added on top.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <DataTable
          label="Electricity price source per site"
          columns={sourceColumns(page, canEdit)}
          rows={page.sites}
          // The source is part of the row id: a saved change resets the row's pending choice.
          getRowId={(site) => `${site.id}:${site.spotSource}`}
          maxHeight="none"
          empty={{ title: 'No sites' }}
        />
      </CardContent>
    </Card>
  );
}
