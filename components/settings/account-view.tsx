'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MonitorSmartphone } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { PageHeader } from '@/components/shell/page-header';
import { TopBarTitle } from '@/components/shell/page-title';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { useNow } from '@/components/ui/use-now';
import {
  deleteSession,
  postPasswordChange,
  postRevokeOtherSessions,
  type SessionView,
  sessionsQuery,
} from '@/lib/api-client/account';
import { sessionKeys } from '@/lib/api-client/keys';
import { formatAge, formatDateTime } from '@/lib/format';
import { TwoFactorCard } from './two-factor-card';

const MIN_LENGTH = 12;

function PasswordCard() {
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: postPasswordChange,
    onSuccess: async (result) => {
      setCurrent('');
      setNext('');
      setConfirm('');
      await queryClient.invalidateQueries({ queryKey: sessionKeys.all });
      toast({
        variant: 'success',
        title: 'Password changed',
        description: result.sessionsEnded
          ? `${result.sessionsEnded} other session(s) signed out.`
          : 'No other sessions were open.',
      });
    },
    onError: (e) => setError(e.message),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (next.length < MIN_LENGTH) return setError(`Use at least ${MIN_LENGTH} characters`);
    if (next !== confirm) return setError('The two new passwords differ');
    mutation.mutate({ currentPassword: current, newPassword: next });
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>Password</CardTitle>
        <CardDescription>Changing it signs out your other sessions.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="flex max-w-sm flex-col gap-3" aria-label="Change password">
          <FormField id="current-password" label="Current password" required>
            <Input
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          </FormField>
          <FormField
            id="new-password"
            label="New password"
            required
            description={`At least ${MIN_LENGTH} characters`}
          >
            <Input
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
          </FormField>
          <FormField id="confirm-password" label="Repeat new password" required error={error}>
            <Input
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          </FormField>
          <div>
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? 'Changing…' : 'Change password'}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function SessionsCard() {
  const queryClient = useQueryClient();
  const sessions = useQuery(sessionsQuery());
  const now = useNow(30_000);
  const refresh = () => queryClient.invalidateQueries({ queryKey: sessionKeys.all });
  const revoke = useMutation({
    mutationFn: deleteSession,
    onSuccess: async () => {
      await refresh();
      toast({ variant: 'success', title: 'Session signed out' });
    },
    onError: (e) => toast({ variant: 'destructive', title: 'Could not sign it out', description: e.message }),
  });
  const revokeOthers = useMutation({
    mutationFn: postRevokeOtherSessions,
    onSuccess: async (r) => {
      await refresh();
      toast({ variant: 'success', title: `${r.revoked} other session(s) signed out` });
    },
    onError: (e) =>
      toast({ variant: 'destructive', title: 'Could not sign them out', description: e.message }),
  });
  const columns: ColumnDef<SessionView>[] = [
    {
      id: 'browser',
      header: 'Browser',
      cell: (row) => (
        <span className="block max-w-[28rem] truncate" title={row.userAgent ?? undefined}>
          {row.userAgent ?? 'unknown'}
          {row.current && (
            <Badge variant="success" className="ml-2">
              This session
            </Badge>
          )}
        </span>
      ),
    },
    {
      id: 'ip',
      header: 'Address',
      cell: (row) => <span className="font-mono text-xs">{row.ip ?? '—'}</span>,
    },
    { id: 'created', header: 'Signed in', cell: (row) => formatDateTime(Date.parse(row.createdAt), 'UTC') },
    { id: 'seen', header: 'Last seen', cell: (row) => formatAge(Date.parse(row.lastSeenAt), now) },
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      cell: (row) =>
        row.current ? null : (
          <Button
            variant="ghost"
            size="sm"
            className="text-destructive hover:text-destructive"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate(row.id)}
          >
            Sign out
          </Button>
        ),
    },
  ];
  const others = (sessions.data ?? []).filter((s) => !s.current).length;
  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div>
          <CardTitle>Sessions</CardTitle>
          <CardDescription>Where you are signed in. Sign out any you do not recognise.</CardDescription>
        </div>
        <Button
          variant="outline"
          disabled={others === 0 || revokeOthers.isPending}
          onClick={() => revokeOthers.mutate()}
        >
          Sign out other sessions
        </Button>
      </CardHeader>
      <CardContent>
        <DataTable
          data-testid="sessions-table"
          label="Sessions"
          columns={columns}
          rows={sessions.data}
          getRowId={(row) => row.id}
          isLoading={sessions.isPending}
          error={sessions.error}
          onRetry={() => void sessions.refetch()}
          skeletonRows={2}
          maxHeight="none"
          empty={{ icon: MonitorSmartphone, title: 'No sessions', description: 'Signed in with a token?' }}
        />
      </CardContent>
    </Card>
  );
}

/** Settings → Account: own password, two-factor and sessions. */
export function AccountView({ email }: { email: string | null }) {
  return (
    <>
      <TopBarTitle>
        <span className="font-normal text-muted-foreground">Settings / </span>
        Account
      </TopBarTitle>
      <PageHeader title="Account" description={email ? `Signed in as ${email}` : undefined} />
      <div className="flex flex-col gap-6">
        <PasswordCard />
        <TwoFactorCard />
        <SessionsCard />
      </div>
    </>
  );
}
