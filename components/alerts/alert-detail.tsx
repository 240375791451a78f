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
import type { AlertEventView, AlertView, RuleActionView } from '@/lib/api-client/types';
import { AlertStatusBadge, SeverityBadge } from './alert-badges';

const at = (iso: string) => new Date(iso).toLocaleString();

const ACTION_LABEL: Record<RuleActionView['kind'], string> = {
  curtail: 'rule curtailed',
  resume: 'rule resumed',
  reboot: 'rule rebooted',
  switchPool: 'rule switched pool of',
};

/** What the rule did to one device, the values that made it, and where the remote action stands. */
function describeRuleAction(r: RuleActionView): string {
  const v = r.firedValues;
  const why =
    r.kind === 'resume'
      ? 'condition cleared'
      : `${String(v.metric)} ${String(v.op)} ${String(v.threshold)} (value ${
          typeof v.value === 'number' ? Math.round(v.value * 100) / 100 : String(v.value)
        })`;
  const how =
    r.outcome === 'requested'
      ? `${r.via === 'remote_action' ? 'remote action' : 'assignment'}${r.action ? ` ${r.action.status}` : ''}`
      : `${r.outcome.replace('_', ' ')}${r.reason ? `: ${r.reason}` : ''}`;
  return [why, how].join(' · ');
}

type TimelineRow =
  | { key: string; ts: string; kind: 'event'; e: AlertEventView }
  | { key: string; ts: string; kind: 'action'; r: RuleActionView };

function XidDetail({ devices }: { devices: AlertView['devices'] }) {
  const active = devices.filter((d) => d.clearedAt === null);
  return (
    <div data-testid="xid-detail">
      <h3 className="mb-1 font-medium text-sm">GPU XID errors</h3>
      <p className="text-muted-foreground text-sm">
        {active.length} of {devices.length} GPU node{devices.length === 1 ? '' : 's'} report an XID error now
        (DCGM <code>DCGM_FI_DEV_XID_ERRORS</code>; XID 79 means a GPU fell off the bus and needs a host
        reboot).
      </p>
      <ul className="mt-1 text-sm">
        {devices.map((d) => (
          <li key={d.id}>
            {d.name}: since {at(d.firedAt)}
            {d.clearedAt ? `, cleared ${at(d.clearedAt)}` : ', still reporting'}
          </li>
        ))}
      </ul>
    </div>
  );
}

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
  const timeline: TimelineRow[] = [
    ...a.events.map((e) => ({ key: `e${e.id}`, ts: e.ts, kind: 'event' as const, e })),
    ...(a.ruleActions ?? []).map((r) => ({ key: `r${r.id}`, ts: r.ts, kind: 'action' as const, r })),
  ].sort((x, y) => Date.parse(x.ts) - Date.parse(y.ts));
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
      {a.metric === 'gpuXidErrors' && <XidDetail devices={a.devices} />}
      <div>
        <h3 className="mb-1 font-medium text-sm">Timeline</h3>
        <ol className="flex flex-col gap-0.5 text-sm" data-testid="alert-timeline">
          {timeline.map((row) =>
            row.kind === 'event' ? (
              <li key={row.key} className="flex gap-3">
                <span className="w-44 shrink-0 text-muted-foreground tabular-nums">{at(row.ts)}</span>
                <span className="font-medium">{row.e.kind}</span>
                <span className="text-muted-foreground">
                  {[
                    row.e.subjectKey,
                    row.e.value === null ? null : String(row.e.value),
                    row.e.actor,
                    row.e.note,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ) : (
              <li key={row.key} className="flex gap-3" data-testid="rule-action-event">
                <span className="w-44 shrink-0 text-muted-foreground tabular-nums">{at(row.ts)}</span>
                <span className="font-medium">
                  {ACTION_LABEL[row.r.kind]}{' '}
                  <Link href={`/devices/${row.r.deviceId}`} className="hover:underline">
                    {row.r.deviceName ?? `device ${row.r.deviceId}`}
                  </Link>
                </span>
                <span className="text-muted-foreground">{describeRuleAction(row.r)}</span>
              </li>
            ),
          )}
        </ol>
      </div>
    </Card>
  );
}
