'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Send, Trash2, Webhook } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { PageHeader } from '@/components/shell/page-header';
import { TopBarTitle } from '@/components/shell/page-title';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { ApiError } from '@/lib/api-client/fetch';
import { invalidateWebhooks } from '@/lib/api-client/invalidate';
import {
  deleteWebhook,
  postWebhook,
  postWebhookTest,
  type WebhookDeliveryView,
  webhookDeliveriesQuery,
  webhooksQuery,
} from '@/lib/api-client/webhooks';
import { formatDateTime } from '@/lib/format';
import type { WebhookEndpointView } from '@/lib/webhooks/endpoints';

const deliveryColumns: ColumnDef<WebhookDeliveryView>[] = [
  { id: 'at', header: 'Attempted', cell: (d) => formatDateTime(Date.parse(d.at), 'UTC') },
  { id: 'event', header: 'Event', cell: (d) => <span className="font-mono text-xs">{d.eventType}</span> },
  { id: 'attempt', header: 'Attempt', align: 'right', cell: (d) => d.attempt },
  {
    id: 'result',
    header: 'Result',
    cell: (d) =>
      d.error === null ? (
        <Badge variant="success">HTTP {d.statusCode}</Badge>
      ) : (
        <Badge variant="destructive" title={d.error}>
          {d.statusCode ? `HTTP ${d.statusCode}` : d.error.slice(0, 40)}
        </Badge>
      ),
  },
  {
    id: 'next',
    header: 'Next retry',
    cell: (d) => (d.nextAttemptAt ? formatDateTime(Date.parse(d.nextAttemptAt), 'UTC') : '—'),
  },
  { id: 'ms', header: 'ms', align: 'right', cell: (d) => d.durationMs },
];

function DeliveryLog({ endpoint }: { endpoint: WebhookEndpointView }) {
  const log = useQuery(webhookDeliveriesQuery(endpoint.id));
  return (
    <section aria-label={`Deliveries of ${endpoint.name}`} className="flex flex-col gap-2">
      <h2 className="font-medium text-base">
        Delivery log: {endpoint.name}
        {log.data && (
          <span className="font-normal text-muted-foreground text-sm"> · {log.data.pending} waiting</span>
        )}
      </h2>
      <DataTable
        data-testid="webhook-deliveries"
        label="Webhook deliveries"
        columns={deliveryColumns}
        rows={log.data?.data}
        getRowId={(d) => String(d.id)}
        isLoading={log.isPending}
        error={log.error}
        onRetry={() => void log.refetch()}
        skeletonRows={3}
        maxHeight="none"
        empty={{
          icon: Send,
          title: 'No deliveries yet',
          description: 'Send a test event to try the endpoint.',
        }}
      />
    </section>
  );
}

function CreateWebhookForm() {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: postWebhook,
    onSuccess: (created) => {
      setSecret(created.secret);
      void invalidateWebhooks(queryClient);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: String(form.get('name') ?? '').trim(), url: String(form.get('url') ?? '').trim() });
  };
  return (
    <Card>
      <CardContent className="flex flex-col gap-3 pt-3">
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="New webhook">
          <FormField label="Name" id="webhook-name">
            <Input id="webhook-name" name="name" required maxLength={120} />
          </FormField>
          <FormField label="URL" id="webhook-url" className="min-w-72 flex-1">
            <Input id="webhook-url" name="url" type="url" required placeholder="https://…" />
          </FormField>
          <Button type="submit" disabled={create.isPending}>
            <Webhook aria-hidden />
            Add webhook
          </Button>
        </form>
        {create.error && (
          <Alert variant="destructive" title="Could not add the webhook">
            {create.error instanceof ApiError ? create.error.message : String(create.error)}
          </Alert>
        )}
        {secret && (
          <Alert variant="info" title="Signing secret (shown once)">
            <code data-testid="webhook-secret" className="break-all font-mono text-xs">
              {secret}
            </code>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}

/** Settings → Webhooks: endpoints for signed event notifications and each one's delivery log. */
export function WebhooksView() {
  const queryClient = useQueryClient();
  const hooks = useQuery(webhooksQuery());
  const [selected, setSelected] = useState<number | null>(null);
  const test = useMutation({
    mutationFn: postWebhookTest,
    onSuccess: () => invalidateWebhooks(queryClient),
  });
  const remove = useMutation({ mutationFn: deleteWebhook, onSuccess: () => invalidateWebhooks(queryClient) });
  const columns: ColumnDef<WebhookEndpointView>[] = [
    {
      id: 'name',
      header: 'Name',
      cell: (e) => (
        <button
          type="button"
          className="font-medium underline-offset-2 hover:underline"
          onClick={() => setSelected(e.id)}
        >
          {e.name}
        </button>
      ),
    },
    { id: 'url', header: 'URL', cell: (e) => <span className="font-mono text-xs">{e.url}</span> },
    { id: 'events', header: 'Events', cell: (e) => (e.events ? e.events.join(', ') : 'all') },
    {
      id: 'enabled',
      header: 'State',
      cell: (e) => (
        <Badge variant={e.enabled ? 'success' : 'secondary'}>{e.enabled ? 'Enabled' : 'Disabled'}</Badge>
      ),
    },
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      cell: (e) => (
        <span className="flex justify-end gap-1">
          <Button
            variant="outline"
            size="sm"
            onClick={() => {
              setSelected(e.id);
              test.mutate(e.id);
            }}
          >
            <Send aria-hidden />
            Send test
          </Button>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Delete ${e.name}`}
            onClick={() => remove.mutate(e.id)}
          >
            <Trash2 aria-hidden />
          </Button>
        </span>
      ),
    },
  ];
  const shown = hooks.data?.find((e) => e.id === selected) ?? hooks.data?.[0];
  return (
    <>
      <TopBarTitle>
        <span className="font-normal text-muted-foreground">Settings / </span>
        Webhooks
      </TopBarTitle>
      <PageHeader
        title="Webhooks"
        description="Signed event notifications (alert fired/resolved, job status changed, plan applied, remote action confirmed/failed, device offline). Each request carries x-switchyard-signature: HMAC-SHA256 of '<timestamp>.<body>' under the endpoint's secret; failed deliveries are retried from 5 s up to every 15 min."
      />
      <div className="flex flex-col gap-4">
        <CreateWebhookForm />
        <DataTable
          data-testid="webhooks-table"
          label="Webhook endpoints"
          columns={columns}
          rows={hooks.data}
          getRowId={(e) => String(e.id)}
          isLoading={hooks.isPending}
          error={hooks.error}
          onRetry={() => void hooks.refetch()}
          skeletonRows={2}
          maxHeight="none"
          empty={{ icon: Webhook, title: 'No webhooks yet', description: 'Add an endpoint above.' }}
        />
        {shown && <DeliveryLog endpoint={shown} />}
      </div>
    </>
  );
}
