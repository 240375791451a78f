'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Select } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { invalidateMarket, invalidateMarketSettings, invalidateSite } from '@/lib/api-client/invalidate';
import { patchSiteContract } from '@/lib/api-client/site-prices';
import type { MarketSettingsPage } from '@/lib/api-client/types';

type SiteRow = MarketSettingsPage['sites'][number];

function SourceRow({
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
  return (
    <TableRow>
      <TableCell>
        <Link href={`/sites/${site.id}`} className="hover:underline">
          {site.name}
        </Link>
        <span className="ml-1 text-muted-foreground text-xs">{site.timezone}</span>
      </TableCell>
      <TableCell>
        {site.contractKind === 'spot'
          ? 'Spot + adder'
          : site.contractKind === 'tou'
            ? 'Time of use'
            : 'Fixed'}
      </TableCell>
      <TableCell>
        {site.contractKind === 'spot' ? (
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
            {chosen?.needsNetwork && (
              <span className="text-muted-foreground text-xs">needs network access</span>
            )}
          </div>
        ) : (
          <span className="text-muted-foreground text-xs">
            Priced from the contract itself —{' '}
            <Link href={`/sites/${site.id}`} className="underline">
              edit the contract
            </Link>
          </span>
        )}
      </TableCell>
    </TableRow>
  );
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
      <CardContent className="overflow-x-auto">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Site</TableHead>
              <TableHead>Contract</TableHead>
              <TableHead>Price source</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.sites.map((site) => (
              <SourceRow
                key={`${site.id}:${site.spotSource}`}
                site={site}
                options={page.spotSources}
                canEdit={canEdit}
              />
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
