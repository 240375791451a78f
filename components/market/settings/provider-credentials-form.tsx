'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { invalidateMarketSettings } from '@/lib/api-client/invalidate';
import { putMarketSettings } from '@/lib/api-client/market';
import type { MarketSettingsPage } from '@/lib/api-client/types';

type Values = Record<string, string | null>;

/** One provider's settings. Secrets are write-only: the field is empty, "set" says one is stored. */
function ProviderCard({
  page,
  providerId,
  canEdit,
}: {
  page: MarketSettingsPage;
  providerId: string;
  canEdit: boolean;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const descriptor = page.providers.find((p) => p.id === providerId)!;
  const stored = page.settings.config[providerId] ?? {};
  const [values, setValues] = useState<Values>({});
  const save = useMutation({
    mutationFn: (body: Values) => putMarketSettings({ config: { [providerId]: body } }),
    onSuccess: async () => {
      setValues({});
      toast({ title: `${descriptor.label} settings saved`, variant: 'success' });
      await invalidateMarketSettings(queryClient);
    },
    onError: (error) =>
      toast({ title: 'Could not save', description: error.message, variant: 'destructive' }),
  });
  const changed = Object.keys(values).length > 0;
  return (
    <form
      className="flex flex-col gap-2 rounded-md border p-3"
      data-testid={`provider-settings-${providerId}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(values);
      }}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium text-sm">{descriptor.label}</span>
        {descriptor.docsUrl && (
          <a
            href={descriptor.docsUrl}
            className="text-muted-foreground text-xs hover:underline"
            target="_blank"
            rel="noreferrer"
          >
            docs
          </a>
        )}
      </div>
      <fieldset disabled={!canEdit || save.isPending} className="flex flex-col gap-2">
        {descriptor.configFields.map((field) => {
          const current = stored[field.key];
          const isSecret = current?.secret === true;
          const set = isSecret && current.set;
          return (
            <FormField
              key={field.key}
              id={`${id}-${field.key}`}
              label={
                <span className="inline-flex items-center gap-1.5">
                  {field.label}
                  {isSecret && (
                    <Badge variant={set ? 'success' : 'secondary'}>{set ? 'set' : 'not set'}</Badge>
                  )}
                </span>
              }
              description={field.help}
            >
              <Input
                type={isSecret ? 'password' : field.type === 'url' ? 'url' : 'text'}
                autoComplete="off"
                placeholder={isSecret ? (set ? 'stored — type to replace' : '') : String(field.default ?? '')}
                value={
                  values[field.key] ??
                  (isSecret ? '' : current && !current.secret ? (current.value ?? '') : '')
                }
                onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
              />
            </FormField>
          );
        })}
      </fieldset>
      {canEdit && (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" size="sm" disabled={!changed || save.isPending}>
            Save
          </Button>
          {descriptor.configFields.some(
            (f) => stored[f.key]?.secret && (stored[f.key] as { set: boolean }).set,
          ) && (
            <Button
              size="sm"
              variant="outline"
              disabled={save.isPending}
              onClick={() =>
                save.mutate(
                  Object.fromEntries(
                    descriptor.configFields.filter((f) => f.type === 'secret').map((f) => [f.key, null]),
                  ),
                )
              }
            >
              Clear secrets
            </Button>
          )}
        </div>
      )}
    </form>
  );
}

export function ProviderCredentialsForm({ page, canEdit }: { page: MarketSettingsPage; canEdit: boolean }) {
  const providerIds = Object.keys(page.settings.config);
  return (
    <Card data-testid="provider-credentials">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle>Provider credentials</CardTitle>
          <CardDescription>
            API keys and logins are stored on the server and never shown again.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="grid gap-3 md:grid-cols-2">
        {providerIds.map((providerId) => (
          <ProviderCard key={providerId} page={page} providerId={providerId} canEdit={canEdit} />
        ))}
      </CardContent>
    </Card>
  );
}
