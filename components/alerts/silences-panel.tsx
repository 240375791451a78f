'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { deleteSilence, postSilence, silencesQuery } from '@/lib/api-client/alerts';
import { invalidateAlerts } from '@/lib/api-client/invalidate';
import type { SilenceCreate, SilenceView } from '@/lib/api-client/types';

const num = (s: string) => (s.trim() ? Number(s) : undefined);

/** Active and past silences; staff operators add one for a scope and a number of hours. */
export function SilencesPanel({ canManage }: { canManage: boolean }) {
  const queryClient = useQueryClient();
  const silences = useQuery(silencesQuery());
  const [draft, setDraft] = useState({ siteId: '', rackId: '', hours: '2', comment: '' });
  const create = useMutation({
    mutationFn: () => {
      const scope: SilenceCreate['scope'] = {};
      if (num(draft.siteId)) scope.siteId = num(draft.siteId);
      if (num(draft.rackId)) scope.rackId = num(draft.rackId);
      return postSilence({
        scope,
        endsAt: new Date(Date.now() + Number(draft.hours) * 3_600_000).toISOString(),
        comment: draft.comment || undefined,
      });
    },
    onSuccess: () => void invalidateAlerts(queryClient),
  });
  const end = useMutation({
    mutationFn: (s: SilenceView) => deleteSilence(s.id),
    onSuccess: () => void invalidateAlerts(queryClient),
  });
  const columns: ColumnDef<SilenceView>[] = [
    {
      id: 'scope',
      header: 'Scope',
      cell: (s) => (Object.keys(s.scope).length ? JSON.stringify(s.scope) : 'fleet'),
    },
    { id: 'rule', header: 'Rule', cell: (s) => (s.ruleId === null ? 'any' : `#${s.ruleId}`) },
    {
      id: 'window',
      header: 'Window',
      cell: (s) => `${new Date(s.startsAt).toLocaleString()} – ${new Date(s.endsAt).toLocaleString()}`,
    },
    { id: 'active', header: 'Active', cell: (s) => (s.active ? 'yes' : 'no') },
    { id: 'comment', header: 'Comment', cell: (s) => s.comment ?? '' },
    { id: 'by', header: 'By', cell: (s) => s.createdBy },
  ];
  if (canManage) {
    columns.push({
      id: 'actions',
      header: '',
      align: 'right',
      cell: (s) => (
        <Button size="sm" variant="ghost" onClick={() => end.mutate(s)}>
          Remove
        </Button>
      ),
    });
  }
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  return (
    <div className="flex flex-col gap-3">
      {canManage && (
        <Card className="p-4">
          <form
            className="grid grid-cols-2 gap-2 md:grid-cols-5"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <Input aria-label="Site id" placeholder="Site id" value={draft.siteId} onChange={set('siteId')} />
            <Input aria-label="Rack id" placeholder="Rack id" value={draft.rackId} onChange={set('rackId')} />
            <Input
              aria-label="Hours"
              placeholder="Hours"
              value={draft.hours}
              onChange={set('hours')}
              required
            />
            <Input
              aria-label="Comment"
              placeholder="Comment"
              value={draft.comment}
              onChange={set('comment')}
            />
            <Button type="submit" disabled={create.isPending}>
              Silence
            </Button>
            {create.error && <p className="col-span-full text-destructive text-sm">{create.error.message}</p>}
          </form>
        </Card>
      )}
      <DataTable
        label="Silences"
        columns={columns}
        rows={silences.data}
        getRowId={(s) => String(s.id)}
        isLoading={silences.isPending}
        error={silences.error && !silences.data ? silences.error : undefined}
        onRetry={() => void silences.refetch()}
        maxHeight="none"
        empty={{ title: 'No silences', description: 'Silence a site or rack during planned work.' }}
      />
    </div>
  );
}
