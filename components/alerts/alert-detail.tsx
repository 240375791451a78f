'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Textarea } from '@/components/ui/textarea';
import { alertQuery, postAlertAck } from '@/lib/api-client/alerts';
import { invalidateAlerts } from '@/lib/api-client/invalidate';
import { AlertStatusBadge, SeverityBadge } from './alert-badges';

const at = (iso: string) => new Date(iso).toLocaleString();

/** One alert: its devices, its timeline and, while it fires, the acknowledge form. */
export function AlertDetail({ alertId, canOperate }: { alertId: number; canOperate: boolean }) {
  const queryClient = useQueryClient();
  const alert = useQuery(alertQuery(alertId));
  const [note, setNote] = useState('');
  const ack = useMutation({
    mutationFn: () => postAlertAck(alertId, note.trim()),
    onSuccess: () => {
      setNote('');
      void invalidateAlerts(queryClient);
    },
  });
  if (alert.isPending) return <Card className="p-4 text-muted-foreground text-sm">Loading alert…</Card>;
  if (alert.error)
    return (
      <Alert variant="destructive" title="Alert not loaded">
        {alert.error.message}
      </Alert>
    );
  const a = alert.data;
  return (
    <Card className="flex flex-col gap-4 p-4" data-testid="alert-detail">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-semibold text-sm">
          #{a.id} {a.ruleName ?? `rule ${a.ruleId}`}
        </h2>
        <SeverityBadge severity={a.severity} />
        <AlertStatusBadge status={a.status} />
      </div>
      {a.acknowledgedBy && (
        <p className="text-sm" data-testid="alert-ack">
          Acknowledged by {a.acknowledgedBy}
          {a.acknowledgedAt ? ` at ${at(a.acknowledgedAt)}` : ''}
          {a.ackNote ? `: “${a.ackNote}”` : ''}
        </p>
      )}
      {canOperate && a.status === 'firing' && (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            ack.mutate();
          }}
        >
          <label htmlFor="ack-note" className="font-medium text-sm">
            Note
          </label>
          <Textarea
            id="ack-note"
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
            placeholder="What you are doing about it"
          />
          <div>
            <Button type="submit" disabled={ack.isPending} data-testid="ack-alert">
              Acknowledge
            </Button>
          </div>
          {ack.error && <p className="text-destructive text-sm">{ack.error.message}</p>}
        </form>
      )}
      <div>
        <h3 className="mb-1 font-medium text-sm">Devices ({a.devices.length})</h3>
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(14rem,1fr))] gap-1 text-sm">
          {a.devices.map((d) => (
            <li key={d.id} className={d.clearedAt ? 'text-muted-foreground' : ''}>
              <Link href={`/devices/${d.id}`} className="hover:underline">
                {d.name}
              </Link>{' '}
              <span className="text-xs tabular-nums">{d.value === null ? '' : String(d.value)}</span>
              {d.clearedAt && <span className="text-xs"> · cleared</span>}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="mb-1 font-medium text-sm">Timeline</h3>
        <ol className="flex flex-col gap-0.5 text-sm" data-testid="alert-timeline">
          {a.events.map((e) => (
            <li key={e.id} className="flex gap-3">
              <span className="w-44 shrink-0 text-muted-foreground tabular-nums">{at(e.ts)}</span>
              <span className="font-medium">{e.kind}</span>
              <span className="text-muted-foreground">
                {[e.subjectKey, e.value === null ? null : String(e.value), e.actor, e.note]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </Card>
  );
}
