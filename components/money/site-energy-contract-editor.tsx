'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { ErrorState } from '@/components/ui/error-state';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api-client/fetch';
import { invalidateMarket, invalidateSite } from '@/lib/api-client/invalidate';
import { patchSiteContract } from '@/lib/api-client/site-prices';
import { siteQuery } from '@/lib/api-client/sites';
import type { SiteView } from '@/lib/api-client/types';
import { type ContractForm, formFromSite, parseContractForm, serverFieldErrors } from './contract-form';
import { ContractPreview } from './contract-preview';
import { SpotSourceSelect } from './spot-source-select';
import { TouScheduleEditor } from './tou-schedule-editor';

const KINDS = [
  { value: 'fixed' as const, label: 'Fixed' },
  { value: 'tou' as const, label: 'Time of use' },
  { value: 'spot' as const, label: 'Spot + adder' },
];

/** A site's energy contract (fixed / TOU / spot + adder, PUE, pool fee, curtailable, firm power) with a 24 h preview. */
export function SiteEnergyContractEditor({
  siteId,
  readOnly = false,
}: {
  siteId: number;
  readOnly?: boolean;
}) {
  const site = useQuery(siteQuery(siteId));
  if (site.error) return <ErrorState error={site.error} onRetry={() => void site.refetch()} />;
  if (!site.data) return <Skeleton className="h-72 w-full" />;
  return <Editor key={site.data.updatedAt} site={site.data} siteId={siteId} readOnly={readOnly} />;
}

function Editor({ site, siteId, readOnly }: { site: SiteView; siteId: number; readOnly: boolean }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ContractForm>(() => formFromSite(site));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const parsed = useMemo(() => parseContractForm(form), [form]);
  const errors = { ...serverErrors, ...parsed.errors };
  const set = (patch: Partial<ContractForm>) => {
    setServerErrors({});
    setForm((f) => ({ ...f, ...patch }));
  };
  const save = useMutation({
    mutationFn: () => patchSiteContract(siteId, parsed.patch),
    onSuccess: async () => {
      toast({ title: 'Energy contract saved', variant: 'success' });
      await Promise.all([invalidateSite(queryClient, siteId), invalidateMarket(queryClient)]);
    },
    onError: (error) => {
      if (error instanceof ApiError) setServerErrors(serverFieldErrors(error.details));
      toast({ title: 'Could not save the contract', description: error.message, variant: 'destructive' });
    },
  });
  const blocked = Object.keys(parsed.errors).length > 0 || parsed.coverage.length > 0;
  return (
    <Card data-testid="energy-contract-editor">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle>Energy contract</CardTitle>
          <CardDescription>
            How {site.name} pays for power; times are {site.timezone}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (!blocked) save.mutate();
          }}
        >
          <fieldset disabled={readOnly || save.isPending} className="flex flex-col gap-3">
            <SegmentedControl
              label="Contract kind"
              value={form.contractKind}
              onValueChange={(contractKind) => set({ contractKind })}
              options={KINDS}
            />
            {form.contractKind === 'fixed' && (
              <FormField id={`${id}-fixed`} label="Price ($/MWh)" error={errors.fixedPriceUsdPerMwh} required>
                <Input
                  inputMode="decimal"
                  className="w-40"
                  value={form.fixedPrice}
                  onChange={(e) => set({ fixedPrice: e.target.value })}
                />
              </FormField>
            )}
            {form.contractKind === 'tou' && (
              <TouScheduleEditor
                bands={form.bands}
                onChange={(bands) => set({ bands })}
                errors={errors}
                coverage={parsed.coverage}
                timeZone={site.timezone}
              />
            )}
            {form.contractKind === 'spot' && (
              <div className="flex flex-wrap gap-3">
                <FormField
                  id={`${id}-source`}
                  label="Spot price source"
                  error={errors.spotSource}
                  description="Real sources need their credentials in Settings → Market"
                  required
                  className="min-w-64 flex-1"
                >
                  <SpotSourceSelect value={form.spotSource} onChange={(spotSource) => set({ spotSource })} />
                </FormField>
                <FormField
                  id={`${id}-adder`}
                  label="Adder ($/MWh)"
                  error={errors.spotAdderUsdPerMwh}
                  description="Network fees, taxes, supplier margin"
                >
                  <Input
                    inputMode="decimal"
                    className="w-32"
                    value={form.adder}
                    onChange={(e) => set({ adder: e.target.value })}
                  />
                </FormField>
              </div>
            )}
            <div className="flex flex-wrap gap-3">
              <FormField
                id={`${id}-pue`}
                label="PUE"
                error={errors.pue}
                description="Facility ÷ IT energy, ≥ 1"
              >
                <Input
                  inputMode="decimal"
                  className="w-28"
                  value={form.pue}
                  onChange={(e) => set({ pue: e.target.value })}
                />
              </FormField>
              <FormField id={`${id}-pool`} label="Pool fee (%)" error={errors.poolFeePct}>
                <Input
                  inputMode="decimal"
                  className="w-28"
                  value={form.poolFeePct}
                  onChange={(e) => set({ poolFeePct: e.target.value })}
                />
              </FormField>
            </div>
            <div className="flex flex-wrap gap-4 text-sm">
              <span className="flex items-center gap-2">
                <Checkbox
                  id={`${id}-curtailable`}
                  checked={form.curtailable}
                  onChange={(e) => set({ curtailable: e.target.checked })}
                />
                <Label htmlFor={`${id}-curtailable`} className="font-normal text-sm">
                  Curtailable (may shed load on price)
                </Label>
              </span>
              <span className="flex items-center gap-2">
                <Checkbox
                  id={`${id}-firm`}
                  checked={form.firmPower}
                  onChange={(e) => set({ firmPower: e.target.checked })}
                />
                <Label htmlFor={`${id}-firm`} className="font-normal text-sm">
                  Firm power (needed for AI SLAs)
                </Label>
              </span>
            </div>
          </fieldset>
          {!readOnly && (
            <div className="flex gap-2">
              <Button type="submit" disabled={blocked || save.isPending}>
                {save.isPending ? 'Saving…' : 'Save contract'}
              </Button>
              <Button variant="outline" onClick={() => setForm(formFromSite(site))} disabled={save.isPending}>
                Reset
              </Button>
            </div>
          )}
        </form>
        <ContractPreview siteId={siteId} draft={parsed.draft} />
      </CardContent>
    </Card>
  );
}
