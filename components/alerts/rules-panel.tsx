'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { METRICS, OPS, RULE_ACTION_KINDS, SEVERITIES } from '@/lib/alerts/types';
import {
  alertRulesQuery,
  deleteAlertRule,
  patchAlertRule,
  postAlertRule,
  postAlertRulePreview,
} from '@/lib/api-client/alerts';
import { invalidateAlerts } from '@/lib/api-client/invalidate';
import type { RuleActionPreview, RuleCreate, RuleView } from '@/lib/api-client/types';
import { poolsQuery } from '@/lib/api-client/workloads';
import { SeverityBadge } from './alert-badges';

const options = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));
const ids = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);

function describeRule(r: RuleView): string {
  const limit =
    r.relativeTo === 'modelMaxTempC'
      ? `model limit ${Number(r.threshold) >= 0 ? '+' : ''}${r.threshold}`
      : r.threshold;
  return `${r.metric} ${r.op} ${limit} for ${r.forS} s${r.clearThreshold != null ? `, clears at ${r.clearThreshold}` : ''}`;
}

function describeAction(r: RuleView): string {
  if (!r.action) return '—';
  const pool =
    r.action.kind === 'switchPool'
      ? r.action.poolId
        ? ` → pool ${r.action.poolId}`
        : ' → failover URL'
      : '';
  return `${r.action.kind}${pool}, ≤ ${r.action.maxDevicesPerHour}/h`;
}

const ACTION_HINT: Record<string, string> = {
  curtail: 'curtails the listed devices while firing and resumes them when it clears (site price rules)',
  reboot: 'reboots each device it fires on (e.g. hashrate under 50 % of nominal: a dead hashboard)',
  switchPool:
    "switches each device it fires on to the chosen pool, or to the next URL of the device's own pool profile",
};

/** The preview's answer to "what would this rule have done": counts and one row per device decision. */
function ActionPreviewTable({ actions }: { actions: RuleActionPreview }) {
  return (
    <div className="mt-2" data-testid="rule-preview-actions">
      <p>
        Automatic {actions.kind}: {actions.devicesActedOn} device{actions.devicesActedOn === 1 ? '' : 's'}{' '}
        acted on ({actions.requested} actions, {actions.rateLimited} held back by the limit of{' '}
        {actions.maxDevicesPerHour}/h, {actions.skipped} skipped)
      </p>
      {actions.log.length > 0 && (
        <table className="mt-1 w-full text-xs">
          <thead className="text-left text-muted-foreground">
            <tr>
              <th className="font-normal">When</th>
              <th className="font-normal">Device</th>
              <th className="font-normal">Action</th>
              <th className="font-normal">Outcome</th>
              <th className="text-right font-normal">Value</th>
            </tr>
          </thead>
          <tbody>
            {actions.log.slice(0, 100).map((l) => (
              <tr key={`${l.at}-${l.deviceId}-${l.kind}`} data-testid="preview-action-row">
                <td className="tabular-nums">{new Date(l.at).toLocaleString()}</td>
                <td>{l.deviceName ?? `device ${l.deviceId}`}</td>
                <td>
                  {l.kind}
                  {l.via ? ` (${l.via === 'remote_action' ? 'remote' : 'assignment'})` : ''}
                </td>
                <td title={l.reason ?? undefined}>{l.outcome.replace('_', ' ')}</td>
                <td className="text-right tabular-nums">
                  {typeof l.value === 'number' ? Math.round(l.value * 100) / 100 : (l.value ?? '')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RuleForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const pools = useQuery(poolsQuery());
  const [draft, setDraft] = useState({
    actionKind: '',
    maxPerHour: '5',
    poolId: '',
    name: '',
    metric: 'chipTempC',
    op: '>',
    threshold: '',
    forS: '300',
    clear: '',
    cooldown: '600',
    severity: 'warning',
    siteId: '',
    deviceIds: '',
  });
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  const toRule = (): RuleCreate => {
    const scope: RuleCreate['scope'] = {};
    if (draft.siteId) scope.siteId = Number(draft.siteId);
    if (ids(draft.deviceIds).length) scope.deviceIds = ids(draft.deviceIds);
    return {
      name: draft.name,
      metric: draft.metric as RuleCreate['metric'],
      op: draft.op as RuleCreate['op'],
      threshold: draft.metric === 'status' ? draft.threshold : Number(draft.threshold),
      forS: Number(draft.forS),
      clearThreshold: draft.clear === '' ? null : Number(draft.clear),
      cooldownS: Number(draft.cooldown || 0),
      severity: draft.severity as RuleCreate['severity'],
      scope,
      enabled: true,
      action: draft.actionKind
        ? {
            kind: draft.actionKind as NonNullable<RuleCreate['action']>['kind'],
            maxDevicesPerHour: Number(draft.maxPerHour),
            ...(draft.actionKind === 'switchPool' && draft.poolId && { poolId: Number(draft.poolId) }),
          }
        : null,
    };
  };
  const create = useMutation({
    mutationFn: () => postAlertRule(toRule()),
    onSuccess: () => {
      void invalidateAlerts(queryClient);
      onDone();
    },
  });
  const preview = useMutation({ mutationFn: () => postAlertRulePreview(toRule()) });
  return (
    <Card className="p-4">
      <form
        className="grid grid-cols-2 gap-2 md:grid-cols-4"
        data-testid="rule-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Input aria-label="Name" placeholder="Name" value={draft.name} onChange={set('name')} required />
        <Select
          aria-label="Metric"
          options={options(METRICS)}
          value={draft.metric}
          onChange={set('metric')}
        />
        <Select aria-label="Operator" options={options(OPS)} value={draft.op} onChange={set('op')} />
        <Input
          aria-label="Threshold"
          placeholder="Threshold"
          value={draft.threshold}
          onChange={set('threshold')}
          required
        />
        <Input
          aria-label="For (s)"
          placeholder="For (s)"
          inputMode="numeric"
          value={draft.forS}
          onChange={set('forS')}
        />
        <Input
          aria-label="Clear threshold"
          placeholder="Clear threshold"
          value={draft.clear}
          onChange={set('clear')}
        />
        <Input
          aria-label="Cooldown (s)"
          placeholder="Cooldown (s)"
          value={draft.cooldown}
          onChange={set('cooldown')}
        />
        <Select
          aria-label="Severity"
          options={options(SEVERITIES)}
          value={draft.severity}
          onChange={set('severity')}
        />
        <Input
          aria-label="Site id"
          placeholder="Site id (all)"
          value={draft.siteId}
          onChange={set('siteId')}
        />
        <Input
          aria-label="Device ids"
          placeholder="Device ids (all)"
          value={draft.deviceIds}
          onChange={set('deviceIds')}
        />
        <Select
          aria-label="Automatic action"
          options={[{ value: '', label: 'No automatic action' }, ...options(RULE_ACTION_KINDS)]}
          value={draft.actionKind}
          onChange={set('actionKind')}
        />
        {draft.actionKind && (
          <Input
            aria-label="Max devices per hour"
            placeholder="Max devices per hour"
            inputMode="numeric"
            value={draft.maxPerHour}
            onChange={set('maxPerHour')}
            required
          />
        )}
        {draft.actionKind === 'switchPool' && (
          <Select
            aria-label="Failover pool"
            options={[
              { value: '', label: "Next URL of the device's pool" },
              ...(pools.data ?? []).map((p) => ({ value: String(p.id), label: p.name })),
            ]}
            value={draft.poolId}
            onChange={set('poolId')}
          />
        )}
        {draft.actionKind && (
          <p className="col-span-full text-muted-foreground text-xs">
            The rule {ACTION_HINT[draft.actionKind]}; at most {draft.maxPerHour || '?'} devices per hour,
            devices curtailed or in maintenance on purpose are left alone. Preview to see what it would have
            done.
          </p>
        )}
        <div className="col-span-2 flex items-center gap-2">
          <Button type="submit" disabled={create.isPending} data-testid="save-rule">
            Save rule
          </Button>
          <Button type="button" variant="outline" onClick={() => preview.mutate()} data-testid="preview-rule">
            Preview last 24 h
          </Button>
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
        {create.error && <p className="col-span-full text-destructive text-sm">{create.error.message}</p>}
        {preview.error && <p className="col-span-full text-destructive text-sm">{preview.error.message}</p>}
        {preview.data && (
          <div className="col-span-full text-sm" data-testid="rule-preview">
            Over {preview.data.devicesInScope} devices this rule would have raised{' '}
            {preview.data.alerts.length} alert
            {preview.data.alerts.length === 1 ? '' : 's'} in the last 24 h
            <ul className="mt-1 text-muted-foreground text-xs">
              {preview.data.alerts.slice(0, 20).map((a) => (
                <li key={`${a.firedAt}-${a.deviceIds[0]}`}>
                  {new Date(a.firedAt).toLocaleString()} –{' '}
                  {a.resolvedAt ? new Date(a.resolvedAt).toLocaleString() : 'still firing'}:{' '}
                  {a.deviceIds.length} device{a.deviceIds.length === 1 ? '' : 's'}
                </li>
              ))}
            </ul>
            {preview.data.actions && <ActionPreviewTable actions={preview.data.actions} />}
          </div>
        )}
      </form>
    </Card>
  );
}

/** Rules with their condition, on/off and delete; a form for a new one. */
export function RulesPanel({ canManage }: { canManage: boolean }) {
  const queryClient = useQueryClient();
  const rules = useQuery(alertRulesQuery());
  const [creating, setCreating] = useState(false);
  const toggle = useMutation({
    mutationFn: (r: RuleView) => patchAlertRule(r.id, { enabled: !r.enabled }),
    onSuccess: () => void invalidateAlerts(queryClient),
  });
  const remove = useMutation({
    mutationFn: (r: RuleView) => deleteAlertRule(r.id),
    onSuccess: () => void invalidateAlerts(queryClient),
  });
  const columns: ColumnDef<RuleView>[] = [
    { id: 'name', header: 'Rule', cell: (r) => <span className="font-medium">{r.name}</span> },
    { id: 'condition', header: 'Condition', cell: (r) => <code className="text-xs">{describeRule(r)}</code> },
    {
      id: 'scope',
      header: 'Scope',
      cell: (r) => (Object.keys(r.scope).length ? JSON.stringify(r.scope) : 'fleet'),
    },
    { id: 'severity', header: 'Severity', cell: (r) => <SeverityBadge severity={r.severity} /> },
    { id: 'action', header: 'Automatic action', cell: (r) => describeAction(r) },
    { id: 'enabled', header: 'Enabled', cell: (r) => (r.enabled ? 'yes' : 'no') },
  ];
  if (canManage) {
    columns.push({
      id: 'actions',
      header: '',
      align: 'right',
      cell: (r) => (
        <span className="inline-flex gap-1">
          <Button size="sm" variant="ghost" onClick={() => toggle.mutate(r)}>
            {r.enabled ? 'Disable' : 'Enable'}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => window.confirm(`Delete rule ${r.name}?`) && remove.mutate(r)}
          >
            Delete
          </Button>
        </span>
      ),
    });
  }
  return (
    <div className="flex flex-col gap-3">
      {canManage && !creating && (
        <div>
          <Button onClick={() => setCreating(true)} data-testid="new-rule">
            New rule
          </Button>
        </div>
      )}
      {creating && <RuleForm onDone={() => setCreating(false)} />}
      {(toggle.error || remove.error) && (
        <Alert variant="destructive" title="Rule not changed">
          {(toggle.error ?? remove.error)?.message}
        </Alert>
      )}
      <DataTable
        data-testid="rules-table"
        label="Alert rules"
        columns={columns}
        rows={rules.data}
        getRowId={(r) => String(r.id)}
        isLoading={rules.isPending}
        error={rules.error && !rules.data ? rules.error : undefined}
        onRetry={() => void rules.refetch()}
        maxHeight="none"
        empty={{ title: 'No rules', description: 'Create one to start alerting.' }}
      />
    </div>
  );
}
