'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { ErrorState } from '@/components/ui/error-state';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toast';
import { invalidateWorkloads } from '@/lib/api-client/invalidate';
import { sitesListQuery } from '@/lib/api-client/sites';
import type { RentalSettings } from '@/lib/api-client/types';
import { putRentalSettings, rentalSettingsQuery } from '@/lib/api-client/workloads';
import { fieldErrors } from './api-errors';

/** One settings row (fleet default or a site's override) as an inline form. */
function RentalForm({
  settings,
  label,
  canOperate,
}: {
  settings: RentalSettings;
  label: string;
  canOperate: boolean;
}) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: putRentalSettings,
    onSuccess: async () => {
      await invalidateWorkloads(queryClient);
      toast({ variant: 'success', title: `GPU rental saved for ${label}` });
    },
  });
  const errors = fieldErrors(mutation.error);
  const key = settings.siteId ?? 'default';
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const min = String(form.get('minUsdPerGpuHour') ?? '').trim();
    mutation.mutate({
      siteId: settings.siteId,
      enabled: form.get('enabled') === 'on',
      utilisationPct: Number(form.get('utilisationPct')),
      minUsdPerGpuHour: min === '' ? null : Number(min),
    });
  };
  return (
    <form
      onSubmit={onSubmit}
      aria-label={`GPU rental: ${label}`}
      data-testid={`rental-${key}`}
      className="flex flex-wrap items-end gap-3 border-b py-3 last:border-b-0"
    >
      <span className="w-40 font-medium text-sm">{label}</span>
      <label htmlFor={`rental-${key}-enabled`} className="flex h-8 items-center gap-2 text-sm">
        <Checkbox
          id={`rental-${key}-enabled`}
          name="enabled"
          defaultChecked={settings.enabled}
          disabled={!canOperate}
        />
        Offer spare GPUs
      </label>
      <FormField id={`rental-${key}-util`} label="Utilisation (%)" error={errors.get('utilisationPct')}>
        <Input
          name="utilisationPct"
          type="number"
          min={0}
          max={100}
          step="any"
          className="w-28"
          defaultValue={settings.utilisationPct}
          disabled={!canOperate}
          required
        />
      </FormField>
      <FormField id={`rental-${key}-min`} label="Floor ($/GPU-h)" error={errors.get('minUsdPerGpuHour')}>
        <Input
          name="minUsdPerGpuHour"
          type="number"
          min={0}
          step="any"
          className="w-28"
          placeholder="none"
          defaultValue={settings.minUsdPerGpuHour ?? ''}
          disabled={!canOperate}
        />
      </FormField>
      {canOperate && (
        <Button type="submit" variant="outline" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save'}
        </Button>
      )}
      {mutation.error && errors.size === 0 && (
        <span className="text-destructive text-xs" role="alert">
          {mutation.error.message}
        </span>
      )}
    </form>
  );
}

/**
 * Workloads → GPU rental: spare GPUs offered at the GPU-rate table's $/GPU-h, the utilisation the
 * money views assume, a floor price; the fleet default and per-site overrides.
 */
export function RentalSettingsView({ canOperate }: { canOperate: boolean }) {
  const settings = useQuery(rentalSettingsQuery());
  const sites = useQuery(sitesListQuery());
  const [adding, setAdding] = useState<number[]>([]);
  if (settings.error) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Skeleton className="h-40" />;
  const siteName = (id: number) => sites.data?.find((s) => s.id === id)?.name ?? `Site ${id}`;
  const overridden = new Set(settings.data.sites.map((s) => s.siteId));
  const rows: RentalSettings[] = [
    ...settings.data.sites,
    ...adding.filter((id) => !overridden.has(id)).map((siteId) => ({ ...settings.data.default, siteId })),
  ];
  const free = (sites.data ?? []).filter((s) => !overridden.has(s.id) && !adding.includes(s.id));
  return (
    <Card>
      <CardHeader>
        <CardTitle>GPU spot rental</CardTitle>
        <CardDescription>
          Spare GPUs can be rented out at the GPU rental rate (Settings → Market data); revenue assumes the
          utilisation below. A “rent” assignment is refused where rental is off or the rate is under the
          floor. A site without its own row uses the fleet default.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {!canOperate && (
          <Alert variant="info" title="Read only">
            Operators of the provider change these settings.
          </Alert>
        )}
        <RentalForm settings={settings.data.default} label="Fleet default" canOperate={canOperate} />
        {rows.map((r) => (
          <RentalForm key={r.siteId} settings={r} label={siteName(r.siteId!)} canOperate={canOperate} />
        ))}
        {canOperate && free.length > 0 && (
          <div className="flex items-center gap-2 pt-3">
            <Select
              aria-label="Site to override"
              className="w-56"
              defaultValue=""
              onChange={(e) => {
                const id = Number(e.target.value);
                if (id) setAdding((list) => [...list, id]);
                e.target.value = '';
              }}
            >
              <option value="">Add a site override…</option>
              {free.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
            <Plus aria-hidden className="size-4 text-muted-foreground" />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
