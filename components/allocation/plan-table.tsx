'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { Badge } from '@/components/ui/badge';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { Select } from '@/components/ui/select';
import { formatNumber, formatUsd } from '@/lib/format';
import {
  DECISIONS,
  type Decision,
  filterRows,
  groupRows,
  type PlanDeviceRow,
  type PlanFilters,
  type PlanGroupRow,
} from './plan-rows';

const DECISION_COLORS: Record<Decision, string> = {
  mine: 'var(--chart-1)',
  job: 'var(--chart-4)',
  rent: 'var(--chart-3)',
  curtail: 'var(--chart-2)',
  idle: 'var(--chart-7)',
  off: 'var(--chart-2)',
};

export function DecisionBadge({ decision, powerTargetW }: { decision: Decision; powerTargetW?: number }) {
  return (
    <Badge variant="outline" className="gap-1.5">
      <span aria-hidden className="size-2 rounded-full" style={{ background: DECISION_COLORS[decision] }} />
      {decision}
      {decision === 'mine' && powerTargetW ? ` ${formatNumber(powerTargetW)} W` : ''}
    </Badge>
  );
}

function UsdPerH({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span className="text-muted-foreground">—</span>;
  const cls = value > 0.005 ? 'text-success' : value < -0.005 ? 'text-destructive' : 'text-muted-foreground';
  return (
    <span className={`tabular-nums ${cls}`}>
      {value > 0.005 ? '+' : ''}
      {formatUsd(value)}/h
    </span>
  );
}

const DEVICE_COLUMNS: readonly ColumnDef<PlanDeviceRow>[] = [
  {
    id: 'name',
    header: 'Device',
    cell: (r) => (
      <Link href={`/devices/${r.deviceId}`} className="font-medium hover:underline">
        {r.name}
      </Link>
    ),
    width: '11rem',
  },
  { id: 'model', header: 'Model', cell: (r) => r.modelName, width: '9rem' },
  {
    id: 'now',
    header: 'Now',
    cell: (r) => (r.now ? <DecisionBadge decision={r.now} /> : '—'),
    width: '7rem',
  },
  {
    id: 'decision',
    header: 'Plan',
    cell: (r) => (
      <span className="inline-flex items-center gap-1" data-testid="plan-decision" data-decision={r.decision}>
        <DecisionBadge decision={r.decision} powerTargetW={r.powerTargetW} />
        {r.changed && <Badge variant="warning">change</Badge>}
      </span>
    ),
    width: '12rem',
  },
  {
    id: 'impact',
    header: '$ impact',
    headerTitle: 'Next hour: what the plan earns on this device minus what it earns doing what it does now',
    cell: (r) => <UsdPerH value={r.impact?.deltaUsdPerH} />,
    align: 'right',
    width: '7rem',
  },
  {
    id: 'reason',
    header: 'Reason',
    cell: (r) => (
      <span className="block min-w-[24rem] whitespace-normal text-muted-foreground text-xs">{r.reason}</span>
    ),
  },
];

const GROUP_COLUMNS: readonly ColumnDef<PlanGroupRow>[] = [
  {
    id: 'model',
    header: 'Model',
    cell: (g) => <span className="font-medium">{g.modelName}</span>,
    width: '10rem',
  },
  { id: 'class', header: 'Class', cell: (g) => g.deviceClass ?? '—', width: '5rem' },
  {
    id: 'decision',
    header: 'Plan',
    cell: (g) => <DecisionBadge decision={g.decision} powerTargetW={g.powerTargetW} />,
    width: '9rem',
  },
  { id: 'count', header: 'Devices', cell: (g) => formatNumber(g.count), align: 'right', width: '5rem' },
  { id: 'changed', header: 'Changes', cell: (g) => formatNumber(g.changed), align: 'right', width: '5rem' },
  {
    id: 'impact',
    header: '$ impact',
    headerTitle: 'Next hour, summed over the group: plan minus what runs now',
    cell: (g) => <UsdPerH value={g.deltaUsdPerH} />,
    align: 'right',
    width: '8rem',
  },
  {
    id: 'reason',
    header: 'Reason (first device)',
    cell: (g) => (
      <span className="block min-w-[24rem] whitespace-normal text-muted-foreground text-xs">{g.reason}</span>
    ),
  },
];

type View = 'groups' | 'devices';

/** The plan preview of one site: per group of like devices or per device, filtered in the browser. */
export function PlanTable({ rows }: { rows: readonly PlanDeviceRow[] }) {
  const [view, setView] = useState<View>('groups');
  const [filters, setFilters] = useState<PlanFilters>({ decision: 'all', changedOnly: false, q: '' });
  const filtered = useMemo(() => filterRows(rows, filters), [rows, filters]);
  const groups = useMemo(() => groupRows(filtered), [filtered]);
  const empty = {
    title: rows.length === 0 ? 'No devices at this site' : 'No device matches these filters',
  };
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3" data-testid="plan-filters">
        <SegmentedControl
          label="Preview by"
          size="sm"
          value={view}
          onValueChange={setView}
          options={[
            { value: 'groups', label: 'Groups' },
            { value: 'devices', label: 'Devices' },
          ]}
        />
        <div className="flex flex-col gap-1">
          <Label htmlFor="plan-decision">Decision</Label>
          <Select
            id="plan-decision"
            value={filters.decision}
            onChange={(e) => setFilters({ ...filters, decision: e.target.value as PlanFilters['decision'] })}
            options={[{ value: 'all', label: 'All' }, ...DECISIONS.map((d) => ({ value: d, label: d }))]}
          />
        </div>
        <Input
          aria-label="Search devices, models and reasons"
          placeholder="Search name, model, reason"
          className="h-8 w-64"
          value={filters.q}
          onChange={(e) => setFilters({ ...filters, q: e.target.value })}
        />
        <label htmlFor="plan-changed-only" className="flex items-center gap-2 text-sm">
          <Checkbox
            id="plan-changed-only"
            checked={filters.changedOnly}
            onChange={(e) => setFilters({ ...filters, changedOnly: e.target.checked })}
          />
          Changes only
        </label>
        <span className="ml-auto text-muted-foreground text-xs tabular-nums">
          {formatNumber(filtered.length)} of {formatNumber(rows.length)} devices ·{' '}
          {formatNumber(filtered.filter((r) => r.changed).length)} change
        </span>
      </div>
      {view === 'groups' ? (
        <DataTable
          label="Plan by device group"
          columns={GROUP_COLUMNS}
          rows={groups}
          getRowId={(g) => g.key}
          empty={empty}
          maxHeight="32rem"
          data-testid="plan-groups"
        />
      ) : (
        <DataTable
          label="Plan by device"
          columns={DEVICE_COLUMNS}
          rows={filtered}
          getRowId={(r) => String(r.deviceId)}
          empty={empty}
          maxHeight="32rem"
          data-testid="plan-devices"
        />
      )}
    </div>
  );
}
