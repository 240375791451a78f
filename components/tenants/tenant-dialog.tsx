'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Building2, Pencil, Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { fieldErrors } from '@/components/workloads/api-errors';
import { invalidateTenants } from '@/lib/api-client/invalidate';
import { patchTenant, postTenant, type TenantInput } from '@/lib/api-client/tenants';
import type { TenantView } from '@/lib/api-client/types';

/** An optional rate field: empty means "not charged this way" (null). */
function rate(value: FormDataEntryValue | null): number | null {
  const text = String(value ?? '').trim();
  return text === '' ? null : Number(text);
}

/** IANA zones this browser knows, for the statement zone field's suggestions. */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** Creates a tenant, or edits one's name and hosting terms (rate per kWh of IT energy, per device-month). */
export function TenantDialog({ tenant }: { tenant?: TenantView }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: (input: TenantInput) => (tenant ? patchTenant(tenant.id, input) : postTenant(input)),
    onSuccess: async (saved) => {
      await invalidateTenants(queryClient);
      setOpen(false);
      toast({
        variant: 'success',
        title: tenant ? `Tenant “${saved.name}” saved` : `Tenant “${saved.name}” created`,
      });
    },
  });
  const errors = fieldErrors(mutation.error);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) mutation.reset();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mutation.mutate({
      name: String(form.get('name') ?? '').trim(),
      hostingRateUsdPerKwh: rate(form.get('perKwh')),
      hostingRateUsdPerDeviceMonth: rate(form.get('perDeviceMonth')),
      timezone: String(form.get('timezone') ?? '').trim() || null,
    });
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        {tenant ? (
          <Button variant="ghost" size="sm">
            <Pencil aria-hidden />
            Edit<span className="sr-only"> {tenant.name}</span>
          </Button>
        ) : (
          <Button data-testid="create-tenant">
            <Plus aria-hidden />
            New tenant
          </Button>
        )}
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} className="grid gap-4" aria-label={tenant ? 'Edit tenant' : 'New tenant'}>
          <DialogHeader>
            <DialogTitle className="flex items-center gap-2">
              <Building2 aria-hidden className="size-4" />
              {tenant ? `Edit ${tenant.name}` : 'New tenant'}
            </DialogTitle>
            <DialogDescription>
              A hosting client. Its users see only its machines; its bill uses these terms.
            </DialogDescription>
          </DialogHeader>
          {mutation.error && errors.size === 0 && (
            <Alert variant="destructive" title="Could not save the tenant">
              {mutation.error.message}
            </Alert>
          )}
          <FormField id="tenant-name" label="Name" required error={errors.get('name')}>
            <Input name="name" maxLength={100} defaultValue={tenant?.name} autoComplete="off" />
          </FormField>
          <div className="grid grid-cols-2 gap-3">
            <FormField
              id="tenant-per-kwh"
              label="Rate per kWh (USD)"
              description="Of the machines' own (IT) energy"
              error={errors.get('hostingRateUsdPerKwh')}
            >
              <Input
                name="perKwh"
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                placeholder="none"
                defaultValue={tenant?.hostingRateUsdPerKwh ?? ''}
              />
            </FormField>
            <FormField
              id="tenant-per-device"
              label="Rate per device-month (USD)"
              description="Pro rata for the days held"
              error={errors.get('hostingRateUsdPerDeviceMonth')}
            >
              <Input
                name="perDeviceMonth"
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                placeholder="none"
                defaultValue={tenant?.hostingRateUsdPerDeviceMonth ?? ''}
              />
            </FormField>
          </div>
          <FormField
            id="tenant-timezone"
            label="Statement time zone"
            description="The monthly statement's month is cut in this zone; empty: the zone of the tenant's site"
            error={errors.get('timezone')}
          >
            <Input
              name="timezone"
              list="tenant-timezones"
              maxLength={64}
              placeholder="e.g. America/Chicago"
              autoComplete="off"
              defaultValue={tenant?.timezone ?? ''}
            />
          </FormField>
          <datalist id="tenant-timezones">
            {(open ? timeZones() : []).map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <DialogActions
            onCancel={() => onOpenChange(false)}
            pending={mutation.isPending}
            label={tenant ? 'Save' : 'Create tenant'}
            pendingLabel="Saving…"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
