'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { TenantSelect } from '@/components/tenants/tenant-select';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { invalidateWorkloads } from '@/lib/api-client/invalidate';
import type { PoolCreate, PoolView } from '@/lib/api-client/types';
import { createPool, updatePool } from '@/lib/api-client/workloads';
import { PAYOUT_SCHEMES } from '@/lib/workloads/schemas';
import { fieldErrors } from './api-errors';

const PLACEHOLDERS = '{site} {rack} {slot} {serial} {name}';

export interface PoolDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this pool; create a new one when absent. */
  pool?: PoolView;
}

/** Create or edit a pool profile; a bad stratum URL gets the server's message next to it. */
export function PoolDialog({ open, onOpenChange, pool }: PoolDialogProps) {
  const queryClient = useQueryClient();
  const [urls, setUrls] = useState<string[]>(pool?.urls ?? ['']);
  const mutation = useMutation({
    mutationFn: (body: PoolCreate) => (pool ? updatePool(pool.id, body) : createPool(body)),
    onSuccess: () => {
      void invalidateWorkloads(queryClient);
      onOpenChange(false);
    },
  });
  const errors = fieldErrors(mutation.error);
  const move = (i: number, by: number) =>
    setUrls((list) => {
      const next = [...list];
      const [item] = next.splice(i, 1);
      next.splice(i + by, 0, item!);
      return next;
    });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const tenant = String(form.get('tenantId') ?? '').trim();
    mutation.mutate({
      name: String(form.get('name') ?? ''),
      urls: urls.map((u) => u.trim()).filter(Boolean),
      workerTemplate: String(form.get('workerTemplate') ?? ''),
      feePct: Number(form.get('feePct') || 0),
      payoutScheme: String(form.get('payoutScheme')) as PoolCreate['payoutScheme'],
      ...(tenant ? { tenantId: Number(tenant) } : pool ? { tenantId: null } : {}),
    });
  };
  const generalError =
    mutation.error &&
    ![...errors.keys()].some((k) => k.startsWith('urls') || k === 'workerTemplate' || k === 'name');

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl">
        <form
          onSubmit={onSubmit}
          className="grid gap-4"
          aria-label={pool ? 'Edit pool' : 'Create pool'}
          noValidate
        >
          <DialogHeader>
            <DialogTitle>{pool ? `Edit ${pool.name}` : 'New pool profile'}</DialogTitle>
            <DialogDescription>
              Stratum URLs are tried in this order: the first is primary, the rest failover.
            </DialogDescription>
          </DialogHeader>
          {generalError && (
            <Alert variant="destructive" title="Could not save the pool">
              {mutation.error?.message}
            </Alert>
          )}
          <FormField id="pool-name" label="Name" required error={errors.get('name')}>
            <Input name="name" defaultValue={pool?.name} maxLength={100} autoComplete="off" />
          </FormField>
          <fieldset className="flex flex-col gap-2" aria-label="Stratum URLs in failover order">
            <legend className="mb-1 font-medium text-sm">Stratum URLs (failover order)</legend>
            {errors.get('urls') && <p className="text-destructive text-xs">{errors.get('urls')}</p>}
            {urls.map((url, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (failover order).
              <div key={i} className="flex flex-col gap-1">
                <div className="flex items-center gap-1">
                  <span className="w-5 text-muted-foreground text-xs tabular-nums">{i + 1}.</span>
                  <Input
                    aria-label={`Stratum URL ${i + 1}`}
                    aria-invalid={errors.has(`urls.${i}`) || undefined}
                    placeholder="stratum+tcp://pool.example.com:3333"
                    value={url}
                    onChange={(e) => setUrls((list) => list.map((u, j) => (j === i ? e.target.value : u)))}
                  />
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label="Move up"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    <ArrowUp aria-hidden />
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label="Move down"
                    disabled={i === urls.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    <ArrowDown aria-hidden />
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label="Remove URL"
                    disabled={urls.length === 1}
                    onClick={() => setUrls((l) => l.filter((_, j) => j !== i))}
                  >
                    <X aria-hidden />
                  </Button>
                </div>
                {errors.get(`urls.${i}`) && (
                  <p className="pl-6 text-destructive text-xs" data-testid={`url-error-${i}`}>
                    {errors.get(`urls.${i}`)}
                  </p>
                )}
              </div>
            ))}
            <Button
              type="button"
              variant="outline"
              size="sm"
              className="self-start"
              disabled={urls.length >= 10}
              onClick={() => setUrls((l) => [...l, ''])}
            >
              <Plus aria-hidden />
              Add failover URL
            </Button>
          </fieldset>
          <FormField
            id="pool-template"
            label="Worker name template"
            error={errors.get('workerTemplate')}
            description={`Placeholders: ${PLACEHOLDERS}, e.g. acme.{site}-{rack}-{slot}`}
          >
            <Input
              name="workerTemplate"
              defaultValue={pool?.workerTemplate ?? 'acme.{name}'}
              maxLength={200}
            />
          </FormField>
          <div className="grid grid-cols-3 gap-3">
            <FormField id="pool-fee" label="Pool fee (%)" error={errors.get('feePct')}>
              <Input
                name="feePct"
                type="number"
                min={0}
                max={100}
                step="any"
                defaultValue={pool?.feePct ?? 2}
              />
            </FormField>
            <FormField id="pool-scheme" label="Payout scheme">
              <Select
                name="payoutScheme"
                defaultValue={pool?.payoutScheme ?? 'fpps'}
                options={PAYOUT_SCHEMES.map((s) => ({ value: s, label: s.toUpperCase() }))}
              />
            </FormField>
            <FormField id="pool-tenant" label="Tenant" error={errors.get('tenantId')}>
              <TenantSelect
                name="tenantId"
                defaultValue={pool?.tenantId == null ? '' : String(pool.tenantId)}
                noneLabel="None (every tenant)"
              />
            </FormField>
          </div>
          <DialogActions
            onCancel={() => onOpenChange(false)}
            pending={mutation.isPending}
            label={pool ? 'Save' : 'Create pool'}
            pendingLabel="Saving…"
            testId="pool-submit"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
