'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import {
  deleteNotificationTarget,
  notificationTargetsQuery,
  patchNotificationTarget,
  postNotificationTarget,
} from '@/lib/api-client/alerts';
import { invalidateAlerts } from '@/lib/api-client/invalidate';
import type { TargetCreate, TargetView } from '@/lib/api-client/types';

const KINDS = [
  { value: 'webhook', label: 'Webhook (Slack-compatible JSON)' },
  { value: 'email', label: 'E-mail (SMTP)' },
];
const SEVERITIES = [
  { value: 'info', label: 'info and above' },
  { value: 'warning', label: 'warning and above' },
  { value: 'critical', label: 'critical only' },
];

function LastAttempt({ target }: { target: TargetView }) {
  const a = target.lastAttempt;
  if (!a) return <span className="text-muted-foreground">never used</span>;
  const ok = !a.error && (a.statusCode === null || a.statusCode < 300);
  return (
    <span suppressHydrationWarning className={ok ? undefined : 'text-destructive'}>
      {new Date(a.ts).toLocaleString()} · {ok ? 'delivered' : (a.error ?? `HTTP ${a.statusCode}`)}
    </span>
  );
}

/**
 * Where alert notifications go (admins): webhooks and e-mail addresses with a minimum severity.
 * A target that is down keeps its notifications pending in the outbox; the count shows here.
 */
export function TargetsPanel() {
  const queryClient = useQueryClient();
  const targets = useQuery(notificationTargetsQuery());
  const blank = { name: '', kind: 'webhook' as TargetCreate['kind'], address: '', minSeverity: 'warning' };
  const [draft, setDraft] = useState(blank);
  const refresh = () => invalidateAlerts(queryClient);
  const create = useMutation({
    mutationFn: () =>
      postNotificationTarget({
        name: draft.name,
        kind: draft.kind,
        address: draft.address,
        minSeverity: draft.minSeverity as TargetCreate['minSeverity'],
        enabled: true,
      }),
    onSuccess: async (t) => {
      toast({ title: `Notifications now also go to ${t.name}`, variant: 'success' });
      setDraft(blank);
      await refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (t: TargetView) => patchNotificationTarget(t.id, { enabled: !t.enabled }),
    onSuccess: refresh,
    onError: (error) =>
      toast({ title: 'Could not change it', description: error.message, variant: 'destructive' }),
  });
  const remove = useMutation({
    mutationFn: (t: TargetView) => deleteNotificationTarget(t.id),
    onSuccess: refresh,
    onError: (error) =>
      toast({ title: 'Could not remove it', description: error.message, variant: 'destructive' }),
  });
  const columns: ColumnDef<TargetView>[] = [
    { id: 'name', header: 'Name', cell: (t) => t.name },
    { id: 'kind', header: 'Kind', cell: (t) => (t.kind === 'email' ? 'e-mail' : 'webhook') },
    {
      id: 'address',
      header: 'Address',
      className: 'max-w-72 truncate font-mono text-xs',
      cell: (t) => t.address,
    },
    { id: 'severity', header: 'Severity', cell: (t) => `${t.minSeverity}+` },
    {
      id: 'rules',
      header: 'Rules',
      cell: (t) => (t.ruleIds === null ? 'all' : t.ruleIds.map((id) => `#${id}`).join(', ')),
    },
    {
      id: 'last',
      header: 'Last delivery',
      className: 'text-xs',
      cell: (t) => (
        <>
          <LastAttempt target={t} />
          {t.pending > 0 && (
            <Badge variant="outline" className="ml-2">
              {t.pending} pending
            </Badge>
          )}
        </>
      ),
    },
    {
      id: 'enabled',
      header: 'State',
      cell: (t) =>
        t.enabled ? <Badge variant="success">active</Badge> : <Badge variant="secondary">paused</Badge>,
    },
    {
      id: 'actions',
      header: '',
      align: 'right',
      cell: (t) => (
        <div className="flex justify-end gap-1">
          <Button size="sm" variant="outline" disabled={toggle.isPending} onClick={() => toggle.mutate(t)}>
            {t.enabled ? 'Pause' : 'Resume'}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              if (window.confirm(`Remove ${t.name}? Pending notifications to it are dropped.`))
                remove.mutate(t);
            }}
          >
            Remove
          </Button>
        </div>
      ),
    },
  ];
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  return (
    <div className="flex flex-col gap-3" data-testid="notification-targets">
      <Card className="p-4">
        <form
          className="grid grid-cols-1 gap-2 md:grid-cols-5"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Input
            aria-label="Target name"
            placeholder="Name"
            value={draft.name}
            onChange={set('name')}
            required
          />
          <Select aria-label="Target kind" options={KINDS} value={draft.kind} onChange={set('kind')} />
          <Input
            aria-label="Target address"
            placeholder={draft.kind === 'email' ? 'ops@example.com' : 'https://hooks.example.com/…'}
            value={draft.address}
            onChange={set('address')}
            required
          />
          <Select
            aria-label="Minimum severity"
            options={SEVERITIES}
            value={draft.minSeverity}
            onChange={set('minSeverity')}
          />
          <Button type="submit" disabled={create.isPending}>
            Add target
          </Button>
          {create.error && <p className="col-span-full text-destructive text-sm">{create.error.message}</p>}
        </form>
      </Card>
      <DataTable
        label="Notification targets"
        columns={columns}
        rows={targets.data}
        getRowId={(t) => String(t.id)}
        isLoading={targets.isPending}
        error={targets.error && !targets.data ? targets.error : undefined}
        onRetry={() => void targets.refetch()}
        maxHeight="none"
        empty={{
          title: 'No notification targets',
          description:
            'Alerts show here and in the navigation; add a webhook or an e-mail address to be told.',
        }}
      />
    </div>
  );
}
