'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import { invalidateMarket, invalidateMarketSettings } from '@/lib/api-client/invalidate';
import { putMarketSettings } from '@/lib/api-client/market';
import type { MarketSettingsView } from '@/lib/api-client/types';

const NETWORK = [
  { value: 'sim', label: 'Simulated (built in, no network)' },
  { value: 'mempool', label: 'mempool.space — difficulty, fees, hashrate, height' },
];
const BTC = [
  { value: 'sim', label: 'Simulated (built in)' },
  { value: 'median', label: 'Median of Coinbase, Kraken and CoinGecko' },
  { value: 'coinbase', label: 'Coinbase spot' },
  { value: 'kraken', label: 'Kraken ticker' },
  { value: 'coingecko', label: 'CoinGecko simple price' },
];
const GPU = [
  { value: 'sim', label: 'Simulated drift inside the table’s min–max' },
  { value: 'table', label: 'The rate table below, as entered' },
];

/** Which provider feeds each market feature, and the EUR → USD rate for €/MWh sources. */
export function FeatureSourcesForm({
  settings,
  canEdit,
}: {
  settings: MarketSettingsView;
  canEdit: boolean;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    network: settings.network,
    btcUsd: settings.btcUsd,
    gpuRates: settings.gpuRates,
    eurUsd: String(settings.eurUsd),
  });
  const eur = Number(draft.eurUsd);
  const eurError = Number.isFinite(eur) && eur > 0 && eur <= 10 ? null : 'A positive rate up to 10';
  const save = useMutation({
    mutationFn: () =>
      putMarketSettings({
        network: draft.network,
        btcUsd: draft.btcUsd,
        gpuRates: draft.gpuRates,
        eurUsd: eur,
      }),
    onSuccess: async () => {
      toast({
        title: 'Market sources saved',
        description: 'The next refresh (within a minute) uses them.',
        variant: 'success',
      });
      await Promise.all([invalidateMarketSettings(queryClient), invalidateMarket(queryClient)]);
    },
    onError: (error) =>
      toast({ title: 'Could not save', description: error.message, variant: 'destructive' }),
  });
  return (
    <Card data-testid="feature-sources">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle>Sources per feature</CardTitle>
          <CardDescription>
            A failing real provider keeps its last good value, marked stale; it is never replaced by simulated
            data.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-3 md:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!eurError) save.mutate();
          }}
        >
          <fieldset disabled={!canEdit || save.isPending} className="contents">
            <FormField id={`${id}-network`} label="Bitcoin network (difficulty, fees, height, hashrate)">
              <Select
                value={draft.network}
                options={NETWORK}
                onChange={(e) => setDraft({ ...draft, network: e.target.value as typeof draft.network })}
              />
            </FormField>
            <FormField id={`${id}-btc`} label="BTC / USD">
              <Select
                value={draft.btcUsd}
                options={BTC}
                onChange={(e) => setDraft({ ...draft, btcUsd: e.target.value as typeof draft.btcUsd })}
              />
            </FormField>
            <FormField id={`${id}-gpu`} label="GPU rental rates">
              <Select
                value={draft.gpuRates}
                options={GPU}
                onChange={(e) => setDraft({ ...draft, gpuRates: e.target.value as typeof draft.gpuRates })}
              />
            </FormField>
            <FormField
              id={`${id}-eur`}
              label="EUR → USD"
              error={eurError}
              description={
                settings.eurUsdSource === 'environment'
                  ? 'From SWITCHYARD_EUR_USD until saved here'
                  : 'Saved in settings'
              }
            >
              <Input
                inputMode="decimal"
                className="w-32"
                value={draft.eurUsd}
                onChange={(e) => setDraft({ ...draft, eurUsd: e.target.value })}
              />
            </FormField>
            {canEdit && (
              <div className="md:col-span-2">
                <Button type="submit" disabled={Boolean(eurError) || save.isPending}>
                  {save.isPending ? 'Saving…' : 'Save sources'}
                </Button>
              </div>
            )}
          </fieldset>
        </form>
      </CardContent>
    </Card>
  );
}
